import { sql } from 'kysely';
import { insertTimelineRows } from '../infra/timeline-rows';
import { type ApplyContext, fluxEvent, MAX_SAMPLES, type TimelineRow } from './apply-flux-context';
import type { Suspect } from './apply-flux-persons';

/** What a batch changes, computed before anything is written. */
export interface BatchChanges {
  newPersons: Record<string, unknown>[];
  personUpdates: Record<string, unknown>[];
  /** Known members the file no longer lists in their household. */
  leaving: { id: string; household_id: string }[];
  /** Household id → claim number, for the leavers' events. */
  claimOf: Map<string, string>;
  memberships: { household_id: string; person_id: string; role: string }[];
  membershipsOfKnown: boolean;
  closePeriods: string[];
  newPeriods: Record<string, unknown>[];
  entries: { person_id: string; name: string }[];
  timeline: TimelineRow[];
  suspects: Suspect[];
}

/** Writes a batch's changes, set-based: one statement per table. */
export async function writeBatchChanges(c: ApplyContext, changes: BatchChanges) {
  const { trx, departmentCode, date, runId, stats } = c;
  const {
    newPersons,
    personUpdates,
    leaving,
    claimOf,
    memberships,
    membershipsOfKnown,
    closePeriods,
    newPeriods,
    entries,
    timeline,
    suspects,
  } = changes;
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
      timeline.push(fluxEvent(c, e.person_id, 'entry', { entryDate: date }));
      if (stats.newEntrantSamples.length < MAX_SAMPLES) {
        stats.newEntrantSamples.push({ personId: e.person_id, name: e.name, entryDate: date });
      }
    }
  }
  await insertTimelineRows(trx, timeline);
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
