import type { PersonFile } from '@parcours/contracts';
import { ageFrom, formatDate, formatNir, plural } from '../../../lib/format';
import { Item, Section } from '../../../ui';
import { useCan } from '../../auth/session';
import { householdRoleLabel, sexLabels, titleLabel } from '../labels';

type Person = PersonFile['person'];

export function IdentitySection({ person }: { person: Person }) {
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
          {age !== null ? ` (${plural(age, 'an', 'ans')})` : null}
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
        <Item label="Rôle dans le foyer">{householdRoleLabel(person.householdRole, person.sex)}</Item>
      </dl>
    </Section>
  );
}
