import { sql } from 'kysely';
import { newOrderedId } from '../../../platform/ids';
import type { FluxHousehold, FluxPerson } from '../domain/flux';
import { type ApplyContext, type IdentityConflict, MAX_CONFLICTS } from './apply-flux-context';

export function personRow(p: FluxPerson) {
  return {
    nir: p.nir,
    title: p.title,
    usual_name: p.usualName,
    birth_name: p.birthName,
    first_name: p.firstName,
    first_name2: p.firstName2,
    first_name3: p.firstName3,
    birth_place: p.birthPlace,
    birth_date: p.birthDate,
    birth_rank: p.birthRank,
    sex: p.sex,
    france_travail_id: p.franceTravailId,
  };
}

export interface Member {
  h: FluxHousehold;
  p: FluxPerson;
  householdId: string;
}
export interface ResolvedMember {
  m: Member;
  personId: string;
  isNew: boolean;
  keepNir: boolean;
}
/** A pair for the duplicates review (`b` filled once the incoming person has its id). */
export interface Suspect {
  a: string;
  b: string;
  reason: string;
}

/**
 * The persons of a batch, matched to known ones: by NIR when known, else by household + birth
 * name + first name + birth date + rank. An identity is never written over another one.
 */
export async function matchPersons(
  c: ApplyContext,
  batch: FluxHousehold[],
  householdIds: Map<FluxHousehold, string>,
): Promise<{ resolved: ResolvedMember[]; suspects: Suspect[] }> {
  const { trx, departmentCode, stats } = c;
  // 2. Persons: by NIR when known, else by household + birth name + first name + birth date + rank.
  const members = batch.flatMap((h) => h.members.map((p) => ({ h, p, householdId: householdIds.get(h)! })));
  const probe = members.map((m, idx) => ({
    idx,
    household_id: m.householdId,
    nir: m.p.nir,
    birth_name: m.p.birthName,
    first_name: m.p.firstName,
    birth_date: m.p.birthDate,
    birth_rank: m.p.birthRank,
  }));
  const matches = await sql<{
    idx: number;
    nir_id: string | null;
    nir_birth_date: string | null;
    nir_birth_name: string | null;
    nir_first_name: string | null;
    nir_sex: string | null;
    nir_same_name: boolean | null;
    identity_id: string | null;
    identity_nir: string | null;
    identity_birth_name: string | null;
    identity_first_name: string | null;
    identity_sex: string | null;
    elsewhere: { id: string; nir: string | null }[] | null;
  }>`
    SELECT x.idx,
      n.id AS nir_id, n.birth_date::text AS nir_birth_date, n.birth_name AS nir_birth_name,
      n.first_name AS nir_first_name, n.sex AS nir_sex,
      parcours_normalize_name(n.birth_name) = parcours_normalize_name(x.birth_name) AS nir_same_name,
      i.id AS identity_id, i.nir AS identity_nir, i.birth_name AS identity_birth_name,
      i.first_name AS identity_first_name, i.sex AS identity_sex,
      (SELECT json_agg(json_build_object('id', o.id, 'nir', o.nir)) FROM person o
        WHERE o.department_code = ${departmentCode}
          AND o.name_key = x.name_key
          AND o.birth_date = x.birth_date
          AND o.household_id IS DISTINCT FROM x.household_id) AS elsewhere
    FROM (
      -- The name key once per member (OFFSET 0 keeps it from being recomputed in each use).
      SELECT r.*, parcours_normalize_name(r.birth_name) || '|' || parcours_normalize_name(r.first_name) AS name_key
      FROM jsonb_to_recordset(${JSON.stringify(probe)}::jsonb)
        AS r(idx int, household_id uuid, nir text, birth_name text, first_name text, birth_date date, birth_rank text)
      OFFSET 0) x
    LEFT JOIN person n ON n.department_code = ${departmentCode} AND n.nir = x.nir
    LEFT JOIN LATERAL (
      SELECT p.id, p.nir, p.birth_name, p.first_name, p.sex FROM person p
      WHERE p.household_id = x.household_id
        AND p.name_key = x.name_key
        AND p.birth_date = x.birth_date AND coalesce(p.birth_rank, '') = coalesce(x.birth_rank, '')
      ORDER BY p.created_at LIMIT 1) i ON true
    ORDER BY x.idx`.execute(trx);

  const suspects: Suspect[] = [];
  const resolved: ResolvedMember[] = [];
  const conflict = (
    m: (typeof members)[number],
    fields: string[],
    existing: IdentityConflict['existing'],
  ) => {
    stats.identityConflictCount++;
    if (stats.identityConflicts.length >= MAX_CONFLICTS) return;
    stats.identityConflicts.push({
      place: m.p.path,
      claimNumber: m.h.claimNumber,
      fields,
      incoming: {
        nir: m.p.nir,
        birthName: m.p.birthName,
        firstName: m.p.firstName,
        birthDate: m.p.birthDate,
        sex: m.p.sex,
      },
      existing,
      outcome: 'review',
    });
  };
  for (const row of matches.rows) {
    const m = members[row.idx]!;
    let personId: string | null = null;
    let keepNir = true;
    // An identity is never written over another one (NIR, birth date, birth name, sex): the line
    // becomes a new person, without the disputed NIR, and the pair goes to the duplicates review.
    if (m.p.nir && row.nir_id) {
      const fields = [
        ...(row.nir_birth_date !== m.p.birthDate ? ['birthDate'] : []),
        ...(row.nir_same_name === false ? ['birthName'] : []),
        ...(row.nir_sex !== m.p.sex ? ['sex'] : []),
      ];
      if (fields.length === 0) personId = row.nir_id;
      else {
        keepNir = false;
        suspects.push({
          a: row.nir_id,
          b: '',
          reason:
            fields.length === 1 && fields[0] === 'birthDate'
              ? 'same_nir_different_birth_date'
              : 'same_nir_different_identity',
        });
        conflict(m, fields, {
          personId: row.nir_id,
          nir: m.p.nir,
          birthName: row.nir_birth_name ?? '',
          firstName: row.nir_first_name ?? '',
          birthDate: row.nir_birth_date ?? '',
          sex: row.nir_sex ?? '',
        });
      }
    } else if (row.identity_id) {
      const fields = [
        ...(m.p.nir && row.identity_nir && row.identity_nir !== m.p.nir ? ['nir'] : []),
        ...(row.identity_sex !== m.p.sex ? ['sex'] : []),
      ];
      if (fields.length === 0) personId = row.identity_id;
      else {
        suspects.push({
          a: row.identity_id,
          b: '',
          reason: fields.includes('nir') ? 'same_identity_different_nir' : 'same_identity_different_sex',
        });
        conflict(m, fields, {
          personId: row.identity_id,
          nir: row.identity_nir,
          birthName: row.identity_birth_name ?? '',
          firstName: row.identity_first_name ?? '',
          birthDate: m.p.birthDate,
          sex: row.identity_sex ?? '',
        });
      }
    }
    const isNew = personId === null;
    if (isNew) {
      personId = newOrderedId();
      for (const other of row.elsewhere ?? []) {
        if (other.id === row.nir_id) continue;
        suspects.push({
          a: other.id,
          b: '',
          reason:
            other.nir && m.p.nir && other.nir !== m.p.nir
              ? 'same_identity_different_nir'
              : 'same_identity_other_household',
        });
      }
    }
    for (const s of suspects) if (s.b === '') s.b = personId!;
    resolved.push({ m, personId: personId!, isNew, keepNir });
  }
  return { resolved, suspects };
}
