import type { PersonFile, TimelineEvent } from '@parcours/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { ageFrom, formatDate, formatDateTime, formatNir, isoDate, plural } from '../../lib/format';
import {
  Badge,
  Button,
  ButtonLink,
  type Column,
  EmptyState,
  ErrorState,
  Item,
  Loading,
  PageHeader,
  Section,
  Table,
  VisuallyHidden,
} from '../../ui';
import { PersonAppointments } from '../agenda/PersonAppointments';
import { ForbiddenContent } from '../auth/ForbiddenContent';
import { useCan } from '../auth/session';
import { PersonMessages } from '../messaging/PersonMessages';
import { usePersonFile } from './api';
import {
  consentLabel,
  familySituationLabel,
  ftStateLabels,
  ftStateTones,
  householdRoleLabel,
  personName,
  sexLabels,
  sourceLabel,
  titleLabel,
  yesNo,
} from './labels';
import { RightsBadges } from './PersonSearchPage';

type Person = PersonFile['person'];
type Household = NonNullable<PersonFile['household']>;
type Member = Household['members'][number];
type RightsPeriod = PersonFile['rights'][number];

interface BackState {
  from?: string;
}

function BackLink() {
  const location = useLocation();
  const from = (location.state as BackState | null)?.from;
  const to = from?.startsWith('/') ? from : '/personnes';
  const label = !from
    ? 'Rechercher une personne'
    : from.startsWith('/personnes?')
      ? 'Retour aux résultats de la recherche'
      : 'Retour à la page précédente';
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  );
}

export function PersonFilePage() {
  const { id = '' } = useParams();
  const file = usePersonFile(id);
  const canOrient = useCan('diagnosis.read');

  if (file.isError && isApiError(file.error) && file.error.status === 403) return <ForbiddenContent />;

  if (file.isError && isApiError(file.error) && (file.error.status === 404 || file.error.status === 400)) {
    return (
      <>
        <BackLink />
        <PageHeader title="Personne introuvable" />
        <div className="prose">
          <p>
            Aucune personne ne correspond à cette adresse. Le dossier a peut-être été fusionné avec un autre,
            ou le lien est incomplet.
          </p>
          <p>
            <Link to="/personnes">Rechercher la personne par son nom ou sa date de naissance</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <BackLink />
      <PageHeader
        title={file.data ? personName(file.data.person) : 'Dossier de la personne'}
        description={file.data ? <PersonHeadline file={file.data} /> : null}
        actions={
          file.data && canOrient ? (
            <ButtonLink to={`/personnes/${id}/orientation`}>Diagnostic et orientation</ButtonLink>
          ) : null
        }
      />
      {file.isPending ? (
        <Loading label="Chargement du dossier…" />
      ) : file.isError ? (
        <ErrorState
          title="Le dossier n’a pas pu être chargé."
          error={file.error}
          onRetry={() => file.refetch()}
        />
      ) : (
        <PersonFileView key={id} file={file.data} />
      )}
    </>
  );
}

function PersonHeadline({ file }: { file: PersonFile }) {
  const { person } = file;
  const age = ageFrom(person.birthDate);
  const parts = [
    `${person.sex === 'F' ? 'Née' : 'Né'} le ${formatDate(person.birthDate)}${age !== null ? ` (${age} ans)` : ''}`,
  ];
  if (person.claimNumber) parts.push(`dossier n° ${person.claimNumber}`);
  if (person.communeName) parts.push(person.communeName);
  if (person.hubName) parts.push(`pôle ${person.hubName}`);
  return (
    <>
      <p>{parts.join(' · ')}</p>
      <p>
        <span className="muted">Droits : </span>
        <RightsBadges person={person} />
      </p>
    </>
  );
}

const sections = [
  { id: 'identite', label: 'Identité' },
  { id: 'foyer', label: 'Foyer' },
  { id: 'droits', label: 'Droits' },
  { id: 'entrees', label: 'Entrées' },
  { id: 'france-travail', label: 'Inscription France Travail' },
  { id: 'rendez-vous', label: 'Rendez-vous' },
  { id: 'messages', label: 'Courriers, e-mails et SMS' },
  { id: 'chronologie', label: 'Chronologie' },
] as const;

function PersonFileView({ file }: { file: PersonFile }) {
  return (
    <>
      <nav className="toc" aria-label="Sommaire du dossier">
        <ul className="toc__list">
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <IdentitySection person={file.person} />
      <HouseholdSection file={file} />
      <RightsSection rights={file.rights} />
      <EntriesSection entries={file.entries} />
      <FranceTravailSection value={file.franceTravail} />
      <PersonAppointments personId={file.person.id} />
      <PersonMessages personId={file.person.id} />
      <TimelineSection events={file.timeline} />
    </>
  );
}

function IdentitySection({ person }: { person: Person }) {
  const canSeeNir = useCan('person.nir');
  const age = ageFrom(person.birthDate);
  const firstNames = [person.firstName, person.firstName2, person.firstName3].filter(Boolean).join(', ');
  return (
    <Section id="identite" title="Identité">
      <dl className="summary-list">
        <Item label="Civilité">{titleLabel(person.title)}</Item>
        <Item label="Nom de naissance">{person.birthName}</Item>
        <Item label="Nom d’usage">{person.usualName ?? '—'}</Item>
        <Item label="Prénoms">{firstNames || '—'}</Item>
        <Item label="Date de naissance">
          <time dateTime={person.birthDate}>{formatDate(person.birthDate)}</time>
          {age !== null ? ` (${age} ans)` : null}
        </Item>
        <Item label="Lieu de naissance">{person.birthPlace ?? '—'}</Item>
        <Item label="Sexe">{sexLabels[person.sex]}</Item>
        {person.nir ? (
          <Item label="NIR (numéro de sécurité sociale)">
            <span className="nowrap">{formatNir(person.nir)}</span>
          </Item>
        ) : canSeeNir ? (
          <Item label="NIR (numéro de sécurité sociale)">Non renseigné</Item>
        ) : null}
        <Item label="Identifiant France Travail">{person.franceTravailId ?? 'Non renseigné'}</Item>
        <Item label="Rôle dans le foyer">{householdRoleLabel(person.householdRole)}</Item>
      </dl>
    </Section>
  );
}

function HouseholdSection({ file }: { file: PersonFile }) {
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
            {m.firstName} {m.lastName.toLocaleUpperCase('fr-FR')}{' '}
            <span className="muted">(dossier affiché)</span>
          </>
        ) : (
          <Link
            to={`/personnes/${encodeURIComponent(m.personId)}`}
            state={{ from: `/personnes/${person.id}` }}
          >
            {m.firstName} {m.lastName.toLocaleUpperCase('fr-FR')}
          </Link>
        ),
    },
    { key: 'role', header: 'Rôle', render: (m) => householdRoleLabel(m.role) },
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
        <Item label="Situation familiale">{familySituationLabel(household.familySituation)}</Item>
        <Item label="Adresse">{household.address ?? '—'}</Item>
        <Item label="Commune">{commune}</Item>
        <Item label="État du droit">
          {household.rightsStatusLabel ?? household.rightsStatus ?? '—'}
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

function RightsSection({ rights }: { rights: RightsPeriod[] }) {
  const rows = [...rights].sort((a, b) => b.from.localeCompare(a.from));
  const columns: Column<RightsPeriod>[] = [
    {
      key: 'from',
      header: 'Du',
      rowHeader: true,
      render: (r) => <time dateTime={r.from}>{formatDate(r.from)}</time>,
    },
    {
      key: 'to',
      header: 'Au',
      render: (r) => (r.to ? <time dateTime={r.to}>{formatDate(r.to)}</time> : 'en cours'),
    },
    { key: 'status', header: 'État', render: (r) => r.statusLabel || r.status },
    {
      key: 'open',
      header: 'Ouverts',
      render: (r) => (r.open ? <Badge tone="success">Oui</Badge> : <Badge>Non</Badge>),
    },
    { key: 'duties', header: 'Soumis aux droits et devoirs', render: (r) => yesNo(r.subjectToDuties) },
    { key: 'source', header: 'Origine', render: (r) => sourceLabel(r.source) },
  ];
  return (
    <Section id="droits" title="Droits">
      {rows.length === 0 ? (
        <EmptyState title="Aucun historique de droits n’est enregistré." />
      ) : (
        <Table
          caption="Historique des droits au RSA, du plus récent au plus ancien"
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.from}-${r.status}-${r.source}`}
        />
      )}
    </Section>
  );
}

function EntriesSection({ entries }: { entries: PersonFile['entries'] }) {
  const rows = [...entries].sort((a, b) => b.entryDate.localeCompare(a.entryDate));
  return (
    <Section id="entrees" title="Entrées">
      {rows.length === 0 ? (
        <p className="muted">
          Aucune entrée dans le dispositif (droits ouverts et soumis aux droits et devoirs) n’est enregistrée.
        </p>
      ) : (
        <>
          <p className="muted">
            Dates d’entrée dans le dispositif (droits ouverts et soumis aux droits et devoirs), de la plus
            récente à la plus ancienne.
          </p>
          <ul className="plain-list entry-list">
            {rows.map((entry) => (
              <li key={entry.entryDate}>
                Entrée le <time dateTime={entry.entryDate}>{formatDate(entry.entryDate)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function FranceTravailSection({ value }: { value: PersonFile['franceTravail'] }) {
  return (
    <Section id="france-travail" title="Inscription France Travail">
      {!value ? (
        <p className="muted">Aucune inscription à France Travail n’est prévue pour cette personne.</p>
      ) : (
        <dl className="summary-list">
          <Item label="État">
            <Badge tone={ftStateTones[value.state]}>{ftStateLabels[value.state]}</Badge>
          </Item>
          <Item label="Identifiant France Travail">{value.identifier ?? '—'}</Item>
          {value.state === 'rejected' || value.reason ? (
            <Item label="Motif du refus">{value.reason ?? 'Non précisé'}</Item>
          ) : null}
          <Item label="Mise à jour le">{formatDateTime(value.updatedAt)}</Item>
        </dl>
      )}
    </Section>
  );
}

const timelinePage = 50;

function TimelineSection({ events }: { events: TimelineEvent[] }) {
  const [shown, setShown] = useState(timelinePage);
  const sorted = [...events].sort(
    (a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
  const visible = sorted.slice(0, shown);
  const rest = sorted.length - visible.length;
  return (
    <Section id="chronologie" title="Chronologie">
      {sorted.length === 0 ? (
        <EmptyState title="Aucun événement n’est encore enregistré pour cette personne." />
      ) : (
        <>
          <p className="muted">
            {plural(sorted.length, 'événement', 'événements')}, du plus récent au plus ancien.
          </p>
          <ol className="timeline">
            {visible.map((event) => (
              <li key={event.id} className="timeline__item">
                <time className="timeline__date" dateTime={isoDate(event.occurredOn)}>
                  {formatDate(event.occurredOn)}
                </time>
                <div className="timeline__body">
                  <p className="timeline__label">{event.label}</p>
                  <p className="timeline__source">Source : {sourceLabel(event.source)}</p>
                </div>
              </li>
            ))}
          </ol>
          {rest > 0 ? (
            <p>
              <Button variant="secondary" onClick={() => setShown((n) => n + timelinePage)}>
                Afficher {Math.min(rest, timelinePage)} événements plus anciens
                <VisuallyHidden> (reste {rest})</VisuallyHidden>
              </Button>
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}
