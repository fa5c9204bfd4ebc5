import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { newOrderedId } from '../../../platform/ids';
import type { FluxError, FluxHousehold, FluxPerson } from '../domain/flux';
import { isEntry, type RightsState, rightsState, sameRights } from '../domain/rights';

type Trx = Kysely<Database>;

export interface ApplyStats {
  households: { created: number; updated: number; unchanged: number };
  persons: { created: number; updated: number; unchanged: number };
  newEntrants: number;
  newEntrantSamples: { personId: string; name: string; entryDate: string }[];
  franceTravailPending: number;
  duplicatesSuspected: number;
  contacts: { updated: number; unmatched: number };
  anomalies: { claimNumber: string; text: string }[];
  /** Composition changes: joined (new to a household), left (in no household any more), moved. */
  members: { joined: number; left: number; moved: number };
  identityConflicts: IdentityConflict[];
  identityConflictCount: number;
  /** Households refused by the checks made when applying (e.g. two demandeurs). */
  errors: FluxError[];
}

interface Identity {
  nir: string | null;
  birthName: string;
  firstName: string;
  birthDate: string;
  sex: string;
}

export interface IdentityConflict {
  place: string;
  claimNumber: string;
  fields: string[];
  incoming: Identity;
  existing: Identity & { personId: string };
  outcome: 'review';
}

export function emptyStats(): ApplyStats {
  return {
    households: { created: 0, updated: 0, unchanged: 0 },
    persons: { created: 0, updated: 0, unchanged: 0 },
    newEntrants: 0,
    newEntrantSamples: [],
    franceTravailPending: 0,
    duplicatesSuspected: 0,
    contacts: { updated: 0, unmatched: 0 },
    anomalies: [],
    members: { joined: 0, left: 0, moved: 0 },
    identityConflicts: [],
    identityConflictCount: 0,
    errors: [],
  };
}

const MAX_SAMPLES = 50;
const MAX_ANOMALIES = 500;
const MAX_CONFLICTS = 500;

const hashOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');

function householdRow(h: FluxHousehold) {
  const a = h.address;
  return {
    organism: h.organism,
    organism_number: h.organismNumber,
    claim_number: h.claimNumber,
    matricule: h.matricule,
    claim_date: h.claimDate,
    family_situation: h.familySituation,
    family_situation_since: h.familySituationSince,
    street_number: a?.streetNumber ?? null,
    street_type: a?.streetType ?? null,
    street_name: a?.streetName ?? null,
    address_complement: a?.complement ?? null,
    locality: a?.locality ?? null,
    commune_code: a?.inseeCode ?? null,
    postal_code: a?.postalCode ?? null,
    commune_name: a?.communeName ?? null,
    abroad: a?.abroad ?? false,
    rights_status: h.rightsStatus,
  };
}

function personRow(p: FluxPerson) {
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

interface Context {
  trx: Trx;
  departmentCode: string;
  /** DTCREAFLUX: the business date of every fact of the file. */
  date: string;
  runId: string;
  stats: ApplyStats;
  /**
   * Persons who left a household earlier in this file (absent from its new composition), with the
   * file number they left: if a later household takes them, they moved; at the end of the file
   * the others are in no household any more (see finishComposition).
   */
  leavers: Map<string, string>;
}

/**
 * At most one demandeur and one conjoint: a household that says otherwise is refused. Both parsers
 * check it already, with the line; this holds the invariant whatever produced the records.
 */
function checkComposition(h: FluxHousehold): FluxError | null {
  const dem = h.members.filter((p) => p.role === 'DEM').length;
  const cjt = h.members.filter((p) => p.role === 'CJT').length;
  if (dem <= 1 && cjt <= 1) return null;
  return {
    place: h.path,
    field: 'ROLEPERS',
    reason: `Le dossier ${h.claimNumber} déclare ${dem} demandeur(s) et ${cjt} conjoint(s) : un foyer a au plus un demandeur et un conjoint. Foyer rejeté.`,
  };
}

/** Applies one batch of households of a beneficiaries flux (VRSB), set-based. */
export async function applyHouseholdBatch(c: Context, all: FluxHousehold[]) {
  const { trx, departmentCode, date, runId, stats } = c;
  const batch: FluxHousehold[] = [];
  for (const h of all) {
    const error = checkComposition(h);
    if (error) stats.errors.push(error);
    else batch.push(h);
  }
  if (batch.length === 0) return;
  for (const h of batch) {
    for (const text of h.anomalies) {
      if (stats.anomalies.length < MAX_ANOMALIES) stats.anomalies.push({ claimNumber: h.claimNumber, text });
    }
  }

  // 1. Households: match by organism + claim number.
  const keys = batch.map((h) => ({ organism: h.organism, claim_number: h.claimNumber }));
  const existing = await sql<{
    id: string;
    organism: string;
    claim_number: string;
    content_hash: string | null;
    rights_status: string | null;
  }>`
    SELECT h.id, h.organism, h.claim_number, h.content_hash, h.rights_status
    FROM household h
    JOIN jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(organism text, claim_number text)
      ON k.organism = h.organism AND k.claim_number = h.claim_number
    WHERE h.department_code = ${departmentCode}`.execute(trx);
  const byKey = new Map(existing.rows.map((r) => [`${r.organism}|${r.claim_number}`, r]));
  const householdIds = new Map<FluxHousehold, string>();
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const h of batch) {
    const row = householdRow(h);
    const contentHash = hashOf(row);
    const found = byKey.get(`${h.organism}|${h.claimNumber}`);
    if (!found) {
      const id = newOrderedId();
      householdIds.set(h, id);
      inserts.push({ id, ...row, content_hash: contentHash, rights_status_since: date });
      byKey.set(`${h.organism}|${h.claimNumber}`, {
        id,
        organism: h.organism,
        claim_number: h.claimNumber,
        content_hash: contentHash,
        rights_status: h.rightsStatus,
      });
      stats.households.created++;
    } else {
      householdIds.set(h, found.id);
      if (found.content_hash === contentHash) {
        stats.households.unchanged++;
      } else {
        updates.push({
          id: found.id,
          ...row,
          content_hash: contentHash,
          status_changed: found.rights_status !== h.rightsStatus,
        });
        stats.households.updated++;
      }
    }
  }
  if (inserts.length) {
    await sql`
      INSERT INTO household (id, department_code, organism, organism_number, claim_number, matricule, claim_date,
        family_situation, family_situation_since, street_number, street_type, street_name, address_complement, locality,
        commune_code, postal_code, commune_name, abroad, rights_status, rights_status_since, content_hash)
      SELECT x.id, ${departmentCode}, x.organism, x.organism_number, x.claim_number, x.matricule, x.claim_date,
        x.family_situation, x.family_situation_since, x.street_number, x.street_type, x.street_name, x.address_complement,
        x.locality, x.commune_code, x.postal_code, x.commune_name, x.abroad, x.rights_status, x.rights_status_since, x.content_hash
      FROM jsonb_to_recordset(${JSON.stringify(inserts)}::jsonb) AS x(id uuid, organism text, organism_number text,
        claim_number text, matricule text, claim_date date, family_situation text, family_situation_since date,
        street_number text, street_type text, street_name text, address_complement text, locality text, commune_code text,
        postal_code text, commune_name text, abroad boolean, rights_status text, rights_status_since date, content_hash text)`.execute(
      trx,
    );
  }
  if (updates.length) {
    await sql`
      UPDATE household h SET organism_number = x.organism_number, matricule = x.matricule, claim_date = x.claim_date,
        family_situation = x.family_situation, family_situation_since = x.family_situation_since,
        street_number = x.street_number, street_type = x.street_type, street_name = x.street_name,
        address_complement = x.address_complement, locality = x.locality, commune_code = x.commune_code,
        postal_code = x.postal_code, commune_name = x.commune_name, abroad = x.abroad, rights_status = x.rights_status,
        rights_status_since = CASE WHEN x.status_changed THEN ${date}::date ELSE h.rights_status_since END,
        content_hash = x.content_hash, updated_at = now(), version = h.version + 1
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(id uuid, organism_number text, matricule text,
        claim_date date, family_situation text, family_situation_since date, street_number text, street_type text,
        street_name text, address_complement text, locality text, commune_code text, postal_code text, commune_name text,
        abroad boolean, rights_status text, content_hash text, status_changed boolean)
      WHERE h.id = x.id`.execute(trx);
  }

  // Households known before this batch: their current members, to tell who left (below).
  const knownHouseholds = existing.rows.map((r) => r.id);

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

  const newPersons: Record<string, unknown>[] = [];
  const suspects: { a: string; b: string; reason: string }[] = [];
  const resolved: { m: (typeof members)[number]; personId: string; isNew: boolean; keepNir: boolean }[] = [];
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

  // Persons created by this batch have no rights, household or membership yet: nothing to read.
  const knownIds = resolved.filter((r) => !r.isNew).map((r) => r.personId);
  const current =
    knownIds.length === 0
      ? []
      : await trx
          .selectFrom('person as p')
          .leftJoin('rights_period as r', (j) =>
            j.onRef('r.person_id', '=', 'p.id').on('r.valid_to', 'is', null),
          )
          .select([
            'p.id',
            'p.content_hash',
            'p.household_id',
            'p.household_role',
            'r.id as period_id',
            'r.rights_status',
            'r.subject_to_duties',
            'r.valid_from',
          ])
          .where('p.id', 'in', knownIds)
          .execute();
  const currentById = new Map(current.map((r) => [r.id, r]));

  // The composition follows the CAF's latest statement: the members of a known household that
  // the file no longer lists leave it (membership closed, history kept). A forced older file
  // does not remove someone who joined after its date.
  const stated = new Set(resolved.map((r) => r.personId));
  const leaving =
    knownHouseholds.length === 0
      ? []
      : (
          await sql<{ id: string; household_id: string }>`
            SELECT p.id, p.household_id FROM person p
            WHERE p.household_id = ANY(${knownHouseholds}::uuid[])
              AND NOT EXISTS (SELECT 1 FROM household_member m WHERE m.person_id = p.id
                AND m.household_id = p.household_id AND m.to_date IS NULL AND m.from_date > ${date}::date)`.execute(
            trx,
          )
        ).rows.filter((r) => !stated.has(r.id));
  const claimOf = new Map(batch.map((h) => [householdIds.get(h)!, h.claimNumber]));

  const personUpdates: Record<string, unknown>[] = [];
  const closePeriods: string[] = [];
  const newPeriods: Record<string, unknown>[] = [];
  const entries: { person_id: string; name: string }[] = [];
  const memberships: { household_id: string; person_id: string; role: string }[] = [];
  let membershipsOfKnown = false;
  const timeline: { person_id: string; type: string; data: string }[] = [];
  const seen = new Set<string>();
  for (const { m, personId, isNew, keepNir } of resolved) {
    if (seen.has(personId)) continue; // the same person twice in one batch: first wins
    seen.add(personId);
    const row = { ...personRow(m.p), nir: keepNir ? m.p.nir : null };
    const contentHash = hashOf({ ...row, household: m.householdId, role: m.p.role });
    const before = currentById.get(personId);
    const next: RightsState = rightsState(m.h.rightsStatus, m.p.subjectToDuties);
    const previous: RightsState | null =
      before?.rights_status != null
        ? rightsState(before.rights_status, before.subject_to_duties ?? false)
        : null;
    // A forced older file never rewrites history that is already later than it.
    const rightsChange = !sameRights(previous, next) && !(before?.valid_from && before.valid_from > c.date);
    if (isNew) {
      newPersons.push({
        id: personId,
        ...row,
        household_id: m.householdId,
        household_role: m.p.role,
        rights_open: next.open,
        subject_to_duties: next.subjectToDuties,
        content_hash: contentHash,
      });
      stats.persons.created++;
    } else if (before?.content_hash !== contentHash || rightsChange) {
      personUpdates.push({
        id: personId,
        ...row,
        nir: row.nir,
        household_id: m.householdId,
        household_role: m.p.role,
        rights_open: rightsChange ? next.open : null,
        subject_to_duties: rightsChange ? next.subjectToDuties : null,
        content_hash: contentHash,
      });
      stats.persons.updated++;
    } else {
      stats.persons.unchanged++;
    }
    if (isNew || before?.household_id !== m.householdId || before?.household_role !== m.p.role) {
      memberships.push({ household_id: m.householdId, person_id: personId, role: m.p.role });
      if (!isNew) membershipsOfKnown = true;
      // Left a household earlier in this file, or still in another one: moved, with history.
      const leftEarlier = !isNew && !before?.household_id && c.leavers.has(personId);
      if (leftEarlier) c.leavers.delete(personId);
      if (leftEarlier || (!isNew && before?.household_id && before.household_id !== m.householdId)) {
        stats.members.moved++;
        timeline.push({
          person_id: personId,
          type: 'household_change',
          data: JSON.stringify({ claimNumber: m.h.claimNumber }),
        });
      } else if (before?.household_id !== m.householdId) {
        stats.members.joined++;
      }
    }
    if (rightsChange) {
      if (before?.period_id) closePeriods.push(before.period_id);
      newPeriods.push({
        person_id: personId,
        household_id: m.householdId,
        rights_status: next.status,
        rights_open: next.open,
        subject_to_duties: next.subjectToDuties,
      });
      timeline.push({
        person_id: personId,
        type: 'rights_change',
        data: JSON.stringify({ status: next.status, open: next.open, subjectToDuties: next.subjectToDuties }),
      });
      if (isEntry(previous, next)) {
        entries.push({ person_id: personId, name: `${m.p.firstName} ${m.p.usualName ?? m.p.birthName}` });
      }
    }
  }

  if (newPersons.length) {
    await sql`
      INSERT INTO person (id, department_code, nir, title, usual_name, birth_name, first_name, first_name2, first_name3,
        birth_place, birth_date, birth_rank, sex, france_travail_id, household_id, household_role, rights_open,
        subject_to_duties, content_hash)
      SELECT x.id, ${departmentCode}, x.nir, x.title, x.usual_name, x.birth_name, x.first_name, x.first_name2, x.first_name3,
        x.birth_place, x.birth_date, x.birth_rank, x.sex, x.france_travail_id, x.household_id, x.household_role,
        x.rights_open, x.subject_to_duties, x.content_hash
      FROM jsonb_to_recordset(${JSON.stringify(newPersons)}::jsonb) AS x(id uuid, nir text, title text, usual_name text,
        birth_name text, first_name text, first_name2 text, first_name3 text, birth_place text, birth_date date,
        birth_rank text, sex text, france_travail_id text, household_id uuid, household_role text, rights_open boolean,
        subject_to_duties boolean, content_hash text)`.execute(trx);
  }
  if (personUpdates.length) {
    await sql`
      UPDATE person p SET nir = coalesce(x.nir, p.nir), title = x.title, usual_name = x.usual_name,
        birth_name = x.birth_name, first_name = x.first_name, first_name2 = x.first_name2, first_name3 = x.first_name3,
        birth_place = x.birth_place, birth_rank = x.birth_rank, sex = x.sex,
        france_travail_id = coalesce(x.france_travail_id, p.france_travail_id), household_id = x.household_id,
        household_role = x.household_role, rights_open = coalesce(x.rights_open, p.rights_open),
        subject_to_duties = coalesce(x.subject_to_duties, p.subject_to_duties), content_hash = x.content_hash,
        updated_at = now(), version = p.version + 1
      FROM jsonb_to_recordset(${JSON.stringify(personUpdates)}::jsonb) AS x(id uuid, nir text, title text,
        usual_name text, birth_name text, first_name text, first_name2 text, first_name3 text, birth_place text,
        birth_rank text, sex text, france_travail_id text, household_id uuid, household_role text, rights_open boolean,
        subject_to_duties boolean, content_hash text)
      WHERE p.id = x.id`.execute(trx);
  }
  if (leaving.length) {
    const rows = JSON.stringify(leaving.map((l) => ({ person_id: l.id, household_id: l.household_id })));
    await sql`
      UPDATE household_member hm SET to_date = greatest(hm.from_date, ${date}::date)
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, household_id uuid)
      WHERE hm.person_id = x.person_id AND hm.household_id = x.household_id AND hm.to_date IS NULL`.execute(
      trx,
    );
    await sql`
      UPDATE person p SET household_id = NULL, household_role = NULL, content_hash = NULL, updated_at = now(),
        version = p.version + 1
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, household_id uuid)
      WHERE p.id = x.person_id AND p.household_id = x.household_id`.execute(trx);
    for (const l of leaving) c.leavers.set(l.id, claimOf.get(l.household_id) ?? '');
  }
  if (membershipsOfKnown) {
    // A known person leaving a household (a new one has no membership to close).
    await sql`
      UPDATE household_member hm SET to_date = ${date}::date
      FROM jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb) AS x(household_id uuid, person_id uuid, role text)
      WHERE hm.person_id = x.person_id AND hm.to_date IS NULL AND hm.from_date < ${date}::date`.execute(trx);
  }
  if (memberships.length) {
    await sql`
      INSERT INTO household_member (department_code, household_id, person_id, role, from_date)
      SELECT ${departmentCode}, x.household_id, x.person_id, x.role, ${date}::date
      FROM jsonb_to_recordset(${JSON.stringify(memberships)}::jsonb) AS x(household_id uuid, person_id uuid, role text)
      ON CONFLICT (household_id, person_id, from_date) DO UPDATE SET role = excluded.role, to_date = NULL`.execute(
      trx,
    );
  }
  if (closePeriods.length) {
    await trx.updateTable('rights_period').set({ valid_to: date }).where('id', 'in', closePeriods).execute();
  }
  if (newPeriods.length) {
    await sql`
      INSERT INTO rights_period (department_code, person_id, household_id, rights_status, rights_open, subject_to_duties,
        valid_from, flux_run_id, source)
      SELECT ${departmentCode}, x.person_id, x.household_id, x.rights_status, x.rights_open, x.subject_to_duties,
        ${date}::date, ${runId}::uuid, 'flux'
      FROM jsonb_to_recordset(${JSON.stringify(newPeriods)}::jsonb) AS x(person_id uuid, household_id uuid,
        rights_status text, rights_open boolean, subject_to_duties boolean)`.execute(trx);
  }
  if (entries.length) {
    // The entry spell and the France Travail registration it calls for, in the same transaction.
    const spells = await sql<{ id: string; person_id: string }>`
      INSERT INTO entry_spell (department_code, person_id, entry_date, flux_run_id, source)
      SELECT ${departmentCode}, x.person_id, ${date}::date, ${runId}::uuid, 'flux'
      FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(person_id uuid)
      ON CONFLICT (person_id, entry_date) DO NOTHING
      RETURNING id, person_id`.execute(trx);
    if (spells.rows.length) {
      await sql`
        INSERT INTO ft_registration (department_code, person_id, entry_spell_id, state)
        SELECT ${departmentCode}, x.person_id, x.id, 'pending'
        FROM jsonb_to_recordset(${JSON.stringify(spells.rows)}::jsonb) AS x(id bigint, person_id uuid)
        ON CONFLICT (entry_spell_id) DO NOTHING`.execute(trx);
    }
    stats.newEntrants += spells.rows.length;
    stats.franceTravailPending += spells.rows.length;
    const created = new Set(spells.rows.map((s) => s.person_id));
    for (const e of entries) {
      if (!created.has(e.person_id)) continue;
      timeline.push({ person_id: e.person_id, type: 'entry', data: JSON.stringify({ entryDate: date }) });
      if (stats.newEntrantSamples.length < MAX_SAMPLES) {
        stats.newEntrantSamples.push({ personId: e.person_id, name: e.name, entryDate: date });
      }
    }
  }
  if (timeline.length) {
    await sql`
      INSERT INTO timeline_event (department_code, person_id, occurred_on, type, data, source)
      SELECT ${departmentCode}, x.person_id, ${date}::date, x.type, x.data::jsonb, 'flux'
      FROM jsonb_to_recordset(${JSON.stringify(timeline)}::jsonb) AS x(person_id uuid, type text, data text)`.execute(
      trx,
    );
  }
  const pairs = suspects
    .filter((s) => s.a && s.b && s.a !== s.b)
    .map((s) => (s.a < s.b ? { a: s.a, b: s.b, reason: s.reason } : { a: s.b, b: s.a, reason: s.reason }));
  if (pairs.length) {
    const inserted = await sql<{ id: string }>`
      INSERT INTO duplicate_suspect (department_code, person_id, other_person_id, reason)
      SELECT ${departmentCode}, x.a, x.b, x.reason
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(a uuid, b uuid, reason text)
      ON CONFLICT (person_id, other_person_id) DO NOTHING
      RETURNING id`.execute(trx);
    stats.duplicatesSuspected += inserted.rows.length;
  }
}

/**
 * End of a beneficiaries file: the persons who left a household and joined none are no longer in
 * any CAF household; their current rights end at the file's date (history kept).
 */
export async function finishComposition(c: Context) {
  const { trx, departmentCode, date, stats } = c;
  stats.members.left = c.leavers.size;
  if (c.leavers.size === 0) return;
  const rows = JSON.stringify(
    [...c.leavers].map(([person_id, claim_number]) => ({ person_id, claim_number })),
  );
  await sql`
    UPDATE rights_period r SET valid_to = ${date}::date
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, claim_number text)
    WHERE r.person_id = x.person_id AND r.valid_to IS NULL AND r.valid_from <= ${date}::date`.execute(trx);
  await sql`
    UPDATE person p SET rights_open = false, subject_to_duties = false
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, claim_number text)
    WHERE p.id = x.person_id AND p.household_id IS NULL`.execute(trx);
  await sql`
    INSERT INTO timeline_event (department_code, person_id, occurred_on, type, data, source)
    SELECT ${departmentCode}, x.person_id, ${date}::date, 'household_left',
      jsonb_build_object('claimNumber', x.claim_number), 'flux'
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, claim_number text)`.execute(trx);
}

/** Applies the contact blocks of an instruction flux (VIRS) to known households. */
export async function applyContactBatch(c: Context, batch: FluxHousehold[]) {
  const rows: { claim_number: string; kind: string; value: string; consent: string | null }[] = [];
  for (const h of batch) {
    if (h.contacts?.phone)
      rows.push({
        claim_number: h.claimNumber,
        kind: 'phone',
        value: h.contacts.phone,
        consent: h.contacts.phoneConsent,
      });
    if (h.contacts?.email)
      rows.push({
        claim_number: h.claimNumber,
        kind: 'email',
        value: h.contacts.email,
        consent: h.contacts.emailConsent,
      });
  }
  const known = await sql<{ claim_number: string }>`
    SELECT DISTINCT h.claim_number FROM household h
    WHERE h.department_code = ${c.departmentCode} AND h.claim_number = ANY(${batch.map((h) => h.claimNumber)}::text[])`.execute(
    c.trx,
  );
  const knownSet = new Set(known.rows.map((r) => r.claim_number));
  c.stats.contacts.unmatched += batch.filter((h) => !knownSet.has(h.claimNumber)).length;
  const applicable = rows.filter((r) => knownSet.has(r.claim_number));
  if (applicable.length === 0) return;
  const result = await sql`
    INSERT INTO contact (department_code, household_id, kind, value, consent, source)
    SELECT ${c.departmentCode}, h.id, x.kind, x.value, x.consent, 'flux'
    FROM jsonb_to_recordset(${JSON.stringify(applicable)}::jsonb) AS x(claim_number text, kind text, value text, consent text)
    JOIN household h ON h.department_code = ${c.departmentCode} AND h.claim_number = x.claim_number
    ON CONFLICT (household_id, kind) DO UPDATE SET value = excluded.value, consent = excluded.consent, updated_at = now()
    WHERE contact.value IS DISTINCT FROM excluded.value OR contact.consent IS DISTINCT FROM excluded.consent`.execute(
    c.trx,
  );
  c.stats.contacts.updated += Number(result.numAffectedRows ?? 0);
}
