import type { StructureKind } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/** SQL of the référent unique: structures, the inbox, assignments and their history. */

type Exec = Kysely<Database>;

export interface StructureRow {
  id: string;
  name: string;
  kind: StructureKind;
}

export async function loadStructure(
  exec: Exec,
  dep: string,
  structureId: string,
): Promise<StructureRow | null> {
  const row = await exec
    .selectFrom('structure')
    .select(['id', 'name', 'kind'])
    .where('id', '=', structureId)
    .where('department_code', '=', dep)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, kind: row.kind as StructureKind } : null;
}

/** Structures that may have référents (every kind but the medical team), by name. */
export async function assignableStructures(exec: Exec, dep: string, onlyId: string | null) {
  let q = exec
    .selectFrom('structure')
    .select(['id', 'name', 'kind'])
    .where('department_code', '=', dep)
    .where('kind', '<>', 'medical_team')
    .where('active', '=', true);
  if (onlyId) q = q.where('id', '=', onlyId);
  const rows = await q.orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as StructureKind }));
}

/** Locks the persons' rows, in a stable order (two assignments of the same persons queue up). */
export async function lockPersons(exec: Exec, dep: string, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await exec
    .selectFrom('person')
    .select('id')
    .where('id', 'in', [...personIds])
    .where('department_code', '=', dep)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** The latest orientation of each person (structure, dates). */
export async function latestOrientations(exec: Exec, dep: string, personIds: readonly string[]) {
  if (personIds.length === 0) return new Map<string, { id: string; structureId: string }>();
  const rows = await exec
    .selectFrom('orientation as o')
    .select(['o.id', 'o.person_id', 'o.structure_id', 'o.notified_on', 'o.recorded_at'])
    .where('o.department_code', '=', dep)
    .where('o.person_id', 'in', [...personIds])
    .orderBy('o.person_id')
    .orderBy('o.notified_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .execute();
  const out = new Map<string, { id: string; structureId: string }>();
  for (const r of rows)
    if (!out.has(r.person_id)) out.set(r.person_id, { id: r.id, structureId: r.structure_id });
  return out;
}

export interface OpenAssignment {
  id: string;
  personId: string;
  referentId: string;
  structureId: string;
  fromDate: string;
  referentFirstName: string;
  referentLastName: string;
  referentAccountId: string | null;
}

/** The open assignments (to_date null) of these persons. */
export async function openAssignments(
  exec: Exec,
  dep: string,
  personIds: readonly string[],
): Promise<OpenAssignment[]> {
  if (personIds.length === 0) return [];
  const rows = await exec
    .selectFrom('referent_assignment as ra')
    .innerJoin('referent as r', 'r.id', 'ra.referent_id')
    .select([
      'ra.id',
      'ra.person_id',
      'ra.referent_id',
      'ra.from_date',
      'r.structure_id',
      'r.first_name',
      'r.last_name',
      'r.account_id',
    ])
    .where('ra.department_code', '=', dep)
    .where('ra.person_id', 'in', [...personIds])
    .where('ra.to_date', 'is', null)
    .orderBy('ra.from_date', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    referentId: r.referent_id,
    structureId: r.structure_id,
    fromDate: String(r.from_date),
    referentFirstName: r.first_name,
    referentLastName: r.last_name,
    referentAccountId: r.account_id,
  }));
}

export async function closeAssignment(
  exec: Exec,
  id: string,
  input: { toDate: string; endedBy: string | null; reason: string },
): Promise<void> {
  await exec
    .updateTable('referent_assignment')
    .set({ to_date: input.toDate, ended_by: input.endedBy, end_reason: input.reason, ended_at: new Date() })
    .where('id', '=', id)
    .where('to_date', 'is', null)
    .execute();
}

export async function openAssignment(
  exec: Exec,
  input: {
    departmentCode: string;
    personId: string;
    referentId: string;
    fromDate: string;
    assignedBy: string | null;
    reason: string | null;
    overCapReason: string | null;
  },
): Promise<string> {
  const row = await exec
    .insertInto('referent_assignment')
    .values({
      department_code: input.departmentCode,
      person_id: input.personId,
      referent_id: input.referentId,
      from_date: input.fromDate,
      to_date: null,
      source: 'parcours',
      assigned_by: input.assignedBy,
      reason: input.reason,
      over_cap_reason: input.overCapReason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Persons whose latest orientation names the structure, rights open, without a référent of it. */
export async function inboxRows(exec: Exec, dep: string, structureId: string) {
  return (
    exec
      .selectFrom('orientation as o')
      .innerJoin('person as p', 'p.id', 'o.person_id')
      .select([
        'p.id as person_id',
        'p.first_name',
        'p.birth_name',
        'p.usual_name',
        'p.birth_date',
        'o.id as orientation_id',
        'o.notified_on',
        'o.decided_on',
        'o.pathway',
        'o.programme',
      ])
      .where('o.department_code', '=', dep)
      .where('o.structure_id', '=', structureId)
      .where('p.rights_open', '=', true)
      // The person's latest orientation (no later one, the latest recorded on the same day).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('orientation as lo')
              .select(sql`1`.as('one'))
              .whereRef('lo.person_id', '=', 'o.person_id')
              .where(
                sql<boolean>`(lo.notified_on > o.notified_on OR (lo.notified_on = o.notified_on AND lo.recorded_at > o.recorded_at))`,
              ),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('referent_assignment as ra')
              .innerJoin('referent as r', 'r.id', 'ra.referent_id')
              .select(sql`1`.as('one'))
              .whereRef('ra.person_id', '=', 'p.id')
              .where('ra.to_date', 'is', null)
              .where('r.structure_id', '=', structureId),
          ),
        ),
      )
      .orderBy(sql`coalesce(o.decided_on, o.notified_on)`)
      .orderBy('p.birth_name')
      .orderBy('p.id')
      .limit(1000)
      .execute()
  );
}

/** The person's assignments, the latest first, with the names of who assigned and who ended. */
export async function assignmentHistory(exec: Exec, dep: string, personId: string) {
  return exec
    .selectFrom('referent_assignment as ra')
    .innerJoin('referent as r', 'r.id', 'ra.referent_id')
    .innerJoin('structure as s', 's.id', 'r.structure_id')
    .leftJoin('account as ab', 'ab.id', 'ra.assigned_by')
    .leftJoin('account as eb', 'eb.id', 'ra.ended_by')
    .select([
      'ra.id',
      'ra.referent_id',
      'r.first_name',
      'r.last_name',
      's.name as structure_name',
      'ra.from_date',
      'ra.to_date',
      'ra.source',
      'ab.display_name as assigned_by_name',
      'ra.reason',
      'ra.over_cap_reason',
      'eb.display_name as ended_by_name',
      'ra.end_reason',
    ])
    .where('ra.department_code', '=', dep)
    .where('ra.person_id', '=', personId)
    .orderBy('ra.from_date', 'desc')
    .orderBy('ra.recorded_at', 'desc')
    .limit(200)
    .execute();
}

/** The person's current référent, with how to reach them (account e-mail, structure phone). */
export async function currentReferentRow(exec: Exec, dep: string, personId: string) {
  return exec
    .selectFrom('referent_assignment as ra')
    .innerJoin('referent as r', 'r.id', 'ra.referent_id')
    .innerJoin('structure as s', 's.id', 'r.structure_id')
    .leftJoin('account as a', (j) => j.onRef('a.id', '=', 'r.account_id').on('a.active', '=', true))
    .select([
      'r.id as referent_id',
      'r.first_name',
      'r.last_name',
      's.id as structure_id',
      's.name as structure_name',
      's.phone as structure_phone',
      's.email as structure_email',
      'a.email as account_email',
      'ra.from_date',
    ])
    .where('ra.department_code', '=', dep)
    .where('ra.person_id', '=', personId)
    .where('ra.to_date', 'is', null)
    .orderBy('ra.from_date', 'desc')
    .orderBy('ra.recorded_at', 'desc')
    .executeTakeFirst();
}
