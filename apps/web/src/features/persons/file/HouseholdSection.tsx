import { type PersonFile, unknownCode } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate, plural } from '../../../lib/format';
import { type Column, EmptyState, Item, Section, Table } from '../../../ui';
import { consentLabel, familySituationLabel, householdRoleLabel } from '../labels';

type Household = NonNullable<PersonFile['household']>;
type Member = Household['members'][number];

export function HouseholdSection({ file }: { file: PersonFile }) {
  const household = file.household;
  if (!household) {
    return (
      <Section id="foyer" title="Foyer">
        <EmptyState title="Aucun foyer n’est connu pour cette personne." />
      </Section>
    );
  }
  const { person } = file;
  const commune = person.communeName
    ? `${person.communeName}${household.communeCode ? ` (${household.communeCode})` : ''}`
    : (household.communeCode ?? '—');

  const columns: Column<Member>[] = [
    {
      key: 'name',
      header: 'Nom',
      rowHeader: true,
      render: (m) =>
        m.personId === person.id ? (
          <>
            {m.firstName} {m.lastName} <span className="muted">(dossier affiché)</span>
          </>
        ) : (
          <Link
            to={`/personnes/${encodeURIComponent(m.personId)}`}
            state={{ from: `/personnes/${person.id}` }}
          >
            {m.firstName} {m.lastName}
          </Link>
        ),
    },
    { key: 'role', header: 'Rôle', render: (m) => householdRoleLabel(m.role, m.sex) },
    {
      key: 'birth',
      header: 'Date de naissance',
      render: (m) => <time dateTime={m.birthDate}>{formatDate(m.birthDate)}</time>,
    },
    { key: 'age', header: 'Âge', render: (m) => plural(m.age, 'an', 'ans') },
  ];

  return (
    <Section id="foyer" title="Foyer">
      <dl className="summary-list">
        <Item label="N° de dossier">{household.claimNumber}</Item>
        <Item label="Organisme">{household.organism}</Item>
        <Item label="Situation familiale">{familySituationLabel(household.familySituation, person.sex)}</Item>
        <Item label="Adresse">{household.address ?? '—'}</Item>
        <Item label="Commune">{commune}</Item>
        <Item label="État du droit">
          {household.rightsStatusLabel ??
            (household.rightsStatus ? unknownCode(household.rightsStatus) : '—')}
          {household.rightsStatusLabel && household.rightsStatus ? (
            <span className="muted"> (code {household.rightsStatus})</span>
          ) : null}
        </Item>
      </dl>
      <h3>Contacts</h3>
      {household.contacts.length === 0 ? (
        <p className="muted">Aucun téléphone ni adresse e-mail transmis par l’organisme.</p>
      ) : (
        <ul className="contact-list">
          {household.contacts.map((contact) => (
            <li key={`${contact.kind}-${contact.value}`}>
              {contact.kind === 'phone' ? 'Téléphone' : 'E-mail'} : <strong>{contact.value}</strong>{' '}
              <span className={contact.consent?.toUpperCase() === 'R' ? 'text-warning' : 'muted'}>
                ({consentLabel(contact.consent)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {household.members.length === 0 ? (
        <p className="muted">Aucun membre du foyer n’est connu.</p>
      ) : (
        <Table
          caption={`Membres du foyer (${plural(household.members.length, 'personne', 'personnes')})`}
          columns={columns}
          rows={household.members}
          rowKey={(m) => m.personId}
        />
      )}
    </Section>
  );
}
