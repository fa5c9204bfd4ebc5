import { type Insertable, type Kysely, sql } from 'kysely';
import { affected, bulkInsert, inBatches, RowBuffer, type RowSink } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';
import { beneficiaryEvents } from '../domain/timeline-events';

/**
 * Rights periods, entry spells and current rights as the history import writes them, in the
 * caller's transaction. Rows carry source 'history'; rows of any other source are never touched.
 */

type Q = Kysely<Database>;
const SOURCE = 'history';

/** Removes the imported rights periods of these persons (the file replaces them); returns how many. */
export async function deleteHistoryRights(trx: Q, personIds: string[]) {
  return affected(
    await trx
      .deleteFrom('rights_period')
      .where('person_id', 'in', personIds)
      .where('source', '=', SOURCE)
      .executeTakeFirst(),
  );
}

/** A person's rights as derived from the file's lines. */
export interface HistoryRights {
  periods: readonly {
    validFrom: string;
    validTo: string | null;
    open: boolean;
    subjectToDuties: boolean;
    rightsStatus: string;
  }[];
  entries: readonly string[];
}

/**
 * Writes rights periods and entry spells (with their timeline rows) by batches, person after
 * person; `flush` writes what is left.
 */
export class HistoryRightsWriter {
  private readonly periods: RowBuffer<Insertable<Database['rights_period']>>;
  private readonly spells: RowBuffer<Insertable<Database['entry_spell']>>;

  constructor(
    private readonly trx: Q,
    private readonly dep: string,
    private readonly timeline: RowSink<Insertable<Database['timeline_event']>>,
  ) {
    this.periods = new RowBuffer((rows) =>
      bulkInsert(
        trx,
        'rights_period',
        {
          department_code: 'text',
          person_id: 'uuid',
          household_id: 'uuid',
          rights_status: 'text',
          rights_open: 'bool',
          subject_to_duties: 'bool',
          valid_from: 'date',
          valid_to: 'date',
          source: 'text',
        },
        rows,
      ),
    );
    // A CAF flux may have recorded the same entry: it stays (another source), this one is skipped.
    this.spells = new RowBuffer((rows) =>
      bulkInsert(
        trx,
        'entry_spell',
        { department_code: 'text', person_id: 'uuid', entry_date: 'date', source: 'text' },
        rows,
        'ON CONFLICT (person_id, entry_date) DO NOTHING',
      ),
    );
  }

  /** Rights periods written (or buffered). */
  get periodsTotal() {
    return this.periods.total;
  }

  /** Entry spells written (or buffered), the ones another source already had included. */
  get spellsTotal() {
    return this.spells.total;
  }

  async add(personId: string, householdId: string | null, rights: HistoryRights) {
    const { dep, timeline } = this;
    for (const p of rights.periods) {
      await this.periods.add({
        department_code: dep,
        person_id: personId,
        household_id: householdId,
        rights_status: p.rightsStatus,
        rights_open: p.open,
        subject_to_duties: p.subjectToDuties,
        valid_from: p.validFrom,
        valid_to: p.validTo,
        source: SOURCE,
      });
      await timeline(
        beneficiaryEvents.row({
          departmentCode: dep,
          personId,
          occurredOn: p.validFrom,
          type: 'rights_change',
          data: { status: p.open ? 'open' : 'closed', subjectToDuties: p.subjectToDuties },
          source: SOURCE,
        }),
      );
    }
    for (const date of rights.entries) {
      await this.spells.add({ department_code: dep, person_id: personId, entry_date: date, source: SOURCE });
      await timeline(
        beneficiaryEvents.row({
          departmentCode: dep,
          personId,
          occurredOn: date,
          type: 'entry',
          data: {},
          source: SOURCE,
        }),
      );
    }
  }

  /**
   * Entry spells of persons already known are kept when still in the file (other records may point
   * at them), the others go unless another record points at them. Returns how many of those stay.
   */
  async removeStaleEntries(persons: readonly { personId: string; entries: readonly string[] }[]) {
    const { trx } = this;
    let kept = 0;
    await inBatches(persons, async (batch) => {
      const pairs = batch.flatMap((b) => b.entries.map((d) => ({ p: b.personId, d })));
      const ids = batch.map((b) => b.personId);
      await sql`
      DELETE FROM entry_spell e
      WHERE e.source = ${SOURCE} AND e.person_id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM ft_registration f WHERE f.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM orientation o WHERE o.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM diagnosis d WHERE d.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((x) => x.p)}::uuid[], ${pairs.map((x) => x.d)}::date[]) AS v(p, d)
          WHERE v.p = e.person_id AND v.d = e.entry_date)`.execute(trx);
      const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM entry_spell e
      WHERE e.source = ${SOURCE} AND e.person_id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((x) => x.p)}::uuid[], ${pairs.map((x) => x.d)}::date[]) AS v(p, d)
          WHERE v.p = e.person_id AND v.d = e.entry_date)`.execute(trx);
      kept += left.rows[0]?.n ?? 0;
    });
    return kept;
  }

  async flush() {
    await this.periods.flush();
    await this.spells.flush();
  }

  /** A known person's current rights follow the file, unless another source (CAF flux) now tracks them. */
  async updateCurrentRights(persons: readonly { personId: string; open: boolean; subject: boolean }[]) {
    const { trx } = this;
    await inBatches(persons, async (batch) => {
      await sql`
      UPDATE person p SET rights_open = v.o, subject_to_duties = v.s, updated_at = now()
      FROM unnest(${batch.map((b) => b.personId)}::uuid[], ${batch.map((b) => b.open)}::bool[], ${batch.map((b) => b.subject)}::bool[]) AS v(id, o, s)
      WHERE p.id = v.id AND (p.rights_open, p.subject_to_duties) IS DISTINCT FROM (v.o, v.s)
        AND NOT EXISTS (SELECT 1 FROM rights_period r WHERE r.person_id = p.id AND r.source <> ${SOURCE})`.execute(
        trx,
      );
    });
  }
}
