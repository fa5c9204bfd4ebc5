import { type Insertable, type Kysely, sql } from 'kysely';
import {
  affected,
  bulkInsert,
  inBatches,
  inserted,
  keptSuffix,
  type RowSink,
} from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';
import { parisToday } from '../../../platform/time';
import { accompanimentEvents } from '../domain/timeline-events';
import { releaseAccompanimentReadModel } from './entry-spell-read-model';

/**
 * The accompaniment's tables as the history import writes them (référents, their assignments,
 * appointments, engagement contracts), in the caller's transaction. Rows carry source 'history';
 * rows of any other source are never touched.
 */

type Q = Kysely<Database>;
type TimelineSink = RowSink<Insertable<Database['timeline_event']>>;
const SOURCE = 'history';

export interface HistoryReferent {
  id: string;
  bodyId: string;
  lastName: string;
  firstName: string;
  globalSupportPair: boolean;
  activeFrom: string;
  activeTo: string | null;
}

/** Référents by external id → { ids (the known ones included), created, updated }. */
export async function upsertHistoryReferents(
  trx: Q,
  dep: string,
  referents: readonly HistoryReferent[],
  known: Map<string, string>,
  structureId: (bodyId: string) => string,
) {
  const referentIds = new Map(known);
  let created = 0;
  let updated = 0;
  await inBatches(referents, async (batch) => {
    const rows = await trx
      .insertInto('referent')
      .values(
        batch.map((r) => ({
          department_code: dep,
          external_id: r.id,
          structure_id: structureId(r.bodyId),
          last_name: r.lastName,
          first_name: r.firstName,
          global_support_pair: r.globalSupportPair,
          active_from: r.activeFrom,
          active_to: r.activeTo,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'external_id'])
          .where('external_id', 'is not', null)
          .doUpdateSet((eb) => ({
            structure_id: eb.ref('excluded.structure_id'),
            last_name: eb.ref('excluded.last_name'),
            first_name: eb.ref('excluded.first_name'),
            global_support_pair: eb.ref('excluded.global_support_pair'),
            active_from: eb.ref('excluded.active_from'),
            active_to: eb.ref('excluded.active_to'),
            version: sql`referent.version + 1`,
          }))
          .where(
            sql<boolean>`(referent.structure_id, referent.last_name, referent.first_name, referent.global_support_pair, referent.active_from, referent.active_to)
              IS DISTINCT FROM (excluded.structure_id, excluded.last_name, excluded.first_name, excluded.global_support_pair, excluded.active_from, excluded.active_to)`,
          ),
      )
      .returning(['id', 'external_id', inserted])
      .execute();
    for (const r of rows) {
      referentIds.set(r.external_id as string, r.id);
      if (r.inserted) created++;
      else updated++;
    }
  });
  return { ids: referentIds, created, updated };
}

/**
 * Removes the history rows of these persons that the file replaces. An imported appointment or
 * contract that Parcours has built on since (booked slot, rescheduling, message, a failure recorded
 * from a no-show, an agent's change: version > 1) is Parcours's now and stays.
 */
export async function deleteHistoryAccompaniment(trx: Q, personIds: string[]) {
  // The read model points at them: released first, recomputed from the facts once they are written.
  await releaseAccompanimentReadModel(trx, personIds);
  const assignments = affected(
    await trx
      .deleteFrom('referent_assignment')
      .where('person_id', 'in', personIds)
      .where('source', '=', SOURCE)
      .executeTakeFirst(),
  );
  const appointments = affected(
    await sql`DELETE FROM appointment a WHERE a.person_id = ANY(${personIds}::uuid[]) AND a.source = ${SOURCE}
        AND a.version = 1 AND a.slot_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM appointment r WHERE r.rescheduled_from_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.appointment_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM sanction_failure f WHERE f.appointment_id = a.id)`.execute(trx),
  );
  const contracts = affected(
    await trx
      .deleteFrom('engagement_contract')
      .where('person_id', 'in', personIds)
      .where('source', '=', SOURCE)
      .where('version', '=', 1)
      .executeTakeFirst(),
  );
  return { assignments, appointments, contracts };
}

/** Resolves a line's references (external ids of the file) to ids, all checked beforehand. */
export interface HistoryRefs {
  personId: (externalId: string) => string;
  structureId: (bodyId: string) => string | undefined;
  referentId: (referentId: string) => string | undefined;
}

export interface HistoryAssignment {
  personId: string;
  referentId: string;
  from: string;
  to: string | null;
}

export async function insertHistoryAssignments(
  trx: Q,
  dep: string,
  assignments: readonly HistoryAssignment[],
  refs: HistoryRefs,
  timeline: TimelineSink,
) {
  await inBatches(assignments, async (batch) => {
    await bulkInsert(
      trx,
      'referent_assignment',
      {
        department_code: 'text',
        person_id: 'uuid',
        referent_id: 'uuid',
        from_date: 'date',
        to_date: 'date',
        source: 'text',
      },
      batch.map((a) => ({
        department_code: dep,
        person_id: refs.personId(a.personId),
        referent_id: refs.referentId(a.referentId) as string,
        from_date: a.from,
        to_date: a.to,
        source: SOURCE,
      })),
    );
    for (const a of batch) {
      // Ids, not names: the person file shows the référent's name as it is when read.
      await timeline(
        accompanimentEvents.row({
          departmentCode: dep,
          personId: refs.personId(a.personId),
          occurredOn: a.from,
          type: 'referent_assignment',
          data: { referentId: refs.referentId(a.referentId) ?? null, to: a.to },
          source: SOURCE,
        }),
      );
    }
  });
}

export interface HistoryAppointment {
  personId: string;
  date: string;
  bodyId: string;
  purpose: string;
  status: string;
}

/** Returns the appointments created (a line whose imported row survived is not added twice). */
export async function insertHistoryAppointments(
  trx: Q,
  dep: string,
  appointments: readonly HistoryAppointment[],
  refs: HistoryRefs,
  timeline: TimelineSink,
) {
  let created = 0;
  await inBatches(appointments, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'appointment',
      {
        department_code: 'text',
        person_id: 'uuid',
        on_date: 'date',
        structure_id: 'uuid',
        purpose: 'text',
        status: 'text',
        source: 'text',
      },
      batch.map((a) => ({
        department_code: dep,
        person_id: refs.personId(a.personId),
        on_date: a.date,
        structure_id: refs.structureId(a.bodyId) as string,
        purpose: a.purpose,
        status: a.status,
        source: SOURCE,
      })),
      keptSuffix(
        'appointment',
        ['department_code', 'person_id', 'on_date', 'structure_id', 'purpose', 'status', 'source'],
        ['on_date', 'purpose'],
        SOURCE,
      ),
    );
    created += rows.length;
    for (const a of batch)
      await timeline(
        accompanimentEvents.row({
          departmentCode: dep,
          personId: refs.personId(a.personId),
          occurredOn: a.date,
          type: 'appointment',
          data: { purpose: a.purpose, status: a.status, structureId: refs.structureId(a.bodyId) ?? null },
          source: SOURCE,
        }),
      );
  });
  return created;
}

export interface HistoryContract {
  personId: string;
  signedOn: string;
  start: string;
  end: string;
  weeklyHours: number;
  hoursRegime: string;
}

/**
 * A contract taken over is a signed fact (no version): in force between its dates, ended after,
 * signed before its start (the daily job brings it into force).
 */
export function historyContractStatus(k: { start: string; end: string }, today: string) {
  if (k.end < today) return 'ended';
  return k.start > today ? 'signed' : 'in_force';
}

/** Returns the contracts created (a line whose imported row survived is not added twice). */
export async function insertHistoryContracts(
  trx: Q,
  dep: string,
  contracts: readonly HistoryContract[],
  refs: HistoryRefs,
  timeline: TimelineSink,
) {
  let created = 0;
  const today = parisToday();
  await inBatches(contracts, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'engagement_contract',
      {
        department_code: 'text',
        person_id: 'uuid',
        signed_on: 'date',
        start_date: 'date',
        end_date: 'date',
        weekly_hours: 'numeric',
        hours_regime: 'text',
        source: 'text',
        status: 'text',
      },
      batch.map((k) => ({
        department_code: dep,
        person_id: refs.personId(k.personId),
        signed_on: k.signedOn,
        start_date: k.start,
        end_date: k.end,
        weekly_hours: k.weeklyHours,
        hours_regime: k.hoursRegime,
        source: SOURCE,
        status: historyContractStatus(k, today),
      })),
      keptSuffix(
        'engagement_contract',
        [
          'department_code',
          'person_id',
          'signed_on',
          'start_date',
          'end_date',
          'weekly_hours',
          'hours_regime',
          'source',
          'status',
        ],
        ['start_date'],
        SOURCE,
      ),
    );
    created += rows.length;
    for (const k of batch)
      await timeline(
        accompanimentEvents.row({
          departmentCode: dep,
          personId: refs.personId(k.personId),
          occurredOn: k.signedOn,
          type: 'contract',
          data: { start: k.start, end: k.end, weeklyHours: k.weeklyHours, hoursRegime: k.hoursRegime },
          source: SOURCE,
        }),
      );
  });
  return created;
}
