import { type Insertable, type Kysely, sql } from 'kysely';
import { affected, bulkInsert, inBatches, keptSuffix, type RowSink } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';
import { orientationEvents } from '../domain/timeline-events';

/**
 * The orientation's tables as the history import writes them, in the caller's transaction. Rows
 * carry source 'history'; rows of any other source are never touched.
 */

type Q = Kysely<Database>;
const SOURCE = 'history';

/**
 * Removes the imported orientations of these persons that the file replaces; returns how many.
 * The read model points at them: released first, recomputed from the facts once they are written.
 * An imported row that Parcours has built on since (a later decision, a message, an agenda
 * booking, an agent's change: version > 1) is Parcours's now and stays.
 */
export async function deleteHistoryOrientations(trx: Q, personIds: string[]) {
  await sql`UPDATE entry_spell SET orientation_id = NULL, oriented_on = NULL, orientation_pathway = NULL,
        orientation_programme = NULL
      WHERE person_id = ANY(${personIds}::uuid[]) AND orientation_id IS NOT NULL`.execute(trx);
  return affected(
    await sql`DELETE FROM orientation o WHERE o.person_id = ANY(${personIds}::uuid[]) AND o.source = ${SOURCE}
        AND o.version = 1
        AND NOT EXISTS (SELECT 1 FROM orientation n WHERE n.previous_orientation_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.orientation_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM sanction_failure f WHERE f.orientation_id = o.id)`.execute(trx),
  );
}

export interface HistoryOrientation {
  personId: string;
  date: string;
  pathway: string;
  bodyId: string;
  programme: string | null;
}

/**
 * Writes the file's orientations and their timeline rows; returns the orientations created (a line
 * whose imported row survived is not added twice). References are external ids, checked beforehand.
 */
export async function insertHistoryOrientations(
  trx: Q,
  dep: string,
  orientations: readonly HistoryOrientation[],
  refs: { personId: (externalId: string) => string; structureId: (bodyId: string) => string | undefined },
  timeline: RowSink<Insertable<Database['timeline_event']>>,
) {
  let created = 0;
  await inBatches(orientations, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'orientation',
      {
        department_code: 'text',
        person_id: 'uuid',
        notified_on: 'date',
        pathway: 'text',
        structure_id: 'uuid',
        programme: 'text',
        source: 'text',
      },
      batch.map((o) => ({
        department_code: dep,
        person_id: refs.personId(o.personId),
        notified_on: o.date,
        pathway: o.pathway,
        structure_id: refs.structureId(o.bodyId) as string,
        programme: o.programme,
        source: SOURCE,
      })),
      keptSuffix(
        'orientation',
        ['department_code', 'person_id', 'notified_on', 'pathway', 'structure_id', 'programme', 'source'],
        ['notified_on', 'pathway'],
        SOURCE,
      ),
    );
    created += rows.length;
    for (const o of batch)
      await timeline(
        orientationEvents.row({
          departmentCode: dep,
          personId: refs.personId(o.personId),
          occurredOn: o.date,
          type: 'orientation',
          data: {
            pathway: o.pathway,
            structureId: refs.structureId(o.bodyId) ?? null,
            programme: o.programme,
          },
          source: SOURCE,
        }),
      );
  });
  return created;
}
