import type { PersonSummary } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Db } from '../../../platform/db/database';

/** A person as lists show them: identity, household file, commune and pôle, rights. */
export function personSummaryQuery(db: Db) {
  return db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .leftJoin('insertion_hub as hub', 'hub.id', 'c.hub_id')
    .select([
      'p.id',
      'p.title',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'p.birth_date',
      'p.sex',
      'p.nir',
      'h.claim_number',
      'c.name as commune_name',
      'hub.name as hub_name',
      'p.household_role',
      'p.rights_open',
      'p.subject_to_duties',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof personSummaryQuery>['executeTakeFirstOrThrow']>>;

/** The NIR only for the roles that need it. */
export function toPersonSummary(r: Row, actor: Pick<RequestActor, 'can'>): PersonSummary {
  return {
    id: r.id,
    title: r.title,
    birthName: r.birth_name,
    usualName: r.usual_name,
    firstName: r.first_name,
    birthDate: r.birth_date,
    sex: r.sex as 'M' | 'F',
    nir: actor.can('person.nir') ? r.nir : null,
    claimNumber: r.claim_number,
    communeName: r.commune_name,
    hubName: r.hub_name,
    householdRole: r.household_role,
    rightsOpen: r.rights_open,
    subjectToDuties: r.subject_to_duties,
  };
}
