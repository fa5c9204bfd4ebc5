import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { rightsStatusLabels } from '../../beneficiaries';

export { parisToday };

export type Request = RequestInfo;

export interface HouseholdComposition {
  couple: boolean;
  children: { firstName: string; birthDate: string }[];
}

/** Current members of the household: another adult (demandeur or conjoint) makes a couple; ENF are children. */
export async function householdComposition(
  db: Kysely<Database>,
  householdId: string | null,
): Promise<HouseholdComposition> {
  if (!householdId) return { couple: false, children: [] };
  const members = await db
    .selectFrom('household_member as m')
    .innerJoin('person as mp', 'mp.id', 'm.person_id')
    .select(['m.role', 'mp.first_name', 'mp.birth_date'])
    .where('m.household_id', '=', householdId)
    .where('m.to_date', 'is', null)
    .orderBy('mp.birth_date')
    .execute();
  return {
    couple: members.filter((m) => m.role === 'DEM' || m.role === 'CJT').length >= 2,
    children: members
      .filter((m) => m.role === 'ENF')
      .map((m) => ({ firstName: m.first_name, birthDate: String(m.birth_date) })),
  };
}

export interface CurrentRights {
  from: string;
  status: string;
  statusLabel: string;
  open: boolean;
  subjectToDuties: boolean;
}

/** The current rights period (valid_to IS NULL), if any. */
export async function currentRights(db: Kysely<Database>, personId: string): Promise<CurrentRights | null> {
  const r = await db
    .selectFrom('rights_period')
    .select(['valid_from', 'rights_status', 'rights_open', 'subject_to_duties'])
    .where('person_id', '=', personId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  if (!r) return null;
  return {
    from: String(r.valid_from),
    status: r.rights_status,
    statusLabel:
      (rightsStatusLabels as Record<string, string>)[r.rights_status] ??
      (r.rights_open ? 'Droits ouverts' : 'Droits clos'),
    open: r.rights_open,
    subjectToDuties: r.subject_to_duties,
  };
}

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

/** Only persons subject to rights and duties, with open rights, are oriented (RULES.md). */
export function decisionBlockedReason(rights: CurrentRights | null): string | null {
  if (!rights) {
    return 'Aucun droit au RSA n’est enregistré pour cette personne : elle ne peut pas être orientée.';
  }
  if (!rights.open) {
    return `Les droits au RSA de cette personne sont clos depuis le ${frenchDate(rights.from)} : elle ne peut pas être orientée.`;
  }
  if (!rights.subjectToDuties) {
    return 'Cette personne n’est pas soumise aux droits et devoirs : seules les personnes soumises aux droits et devoirs sont orientées.';
  }
  return null;
}
