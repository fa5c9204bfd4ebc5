import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/**
 * The queue of lines to send to the CAF. A line is queued in the transaction of the fact it
 * reports (a sanction notified, ended, a reinstatement decided), so the fact and its line commit
 * together. Layout of the file that carries them: docs/caf-transmission.md.
 */

export interface CafLineInput {
  departmentCode: string;
  personId: string;
  kind: 'sanction_start' | 'sanction_end' | 'reinstatement' | 'removal';
  /** YYYY-MM-DD: the day the sanction starts, ends, or the allocation is reinstated. */
  effectiveOn: string;
  caseId?: string | null;
  sasEnrolmentId?: string | null;
  percent?: number | null;
  months?: number | null;
  endReason?: string | null;
  /** The account that caused the line (null for jobs). */
  queuedBy?: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Queues one line and returns its id. Queuing the same fact twice while it waits (same case or SAS
 * enrolment, same kind) updates the waiting line instead of adding a second one.
 */
export async function queueCafLine(trx: Db, line: CafLineInput): Promise<string> {
  const values = {
    effective_on: line.effectiveOn,
    percent: line.percent ?? null,
    months: line.months ?? null,
    end_reason: line.endReason ?? null,
  };
  if (line.caseId || line.sasEnrolmentId) {
    let q = trx
      .selectFrom('caf_transmission_line')
      .select('id')
      .where('department_code', '=', line.departmentCode)
      .where('person_id', '=', line.personId)
      .where('kind', '=', line.kind)
      .where('status', '=', 'pending');
    q = line.caseId
      ? q.where('case_id', '=', line.caseId)
      : q.where('sas_enrolment_id', '=', line.sasEnrolmentId!);
    const waiting = await q.executeTakeFirst();
    if (waiting) {
      await trx
        .updateTable('caf_transmission_line')
        .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', waiting.id)
        .execute();
      return waiting.id;
    }
  }
  const row = await trx
    .insertInto('caf_transmission_line')
    .values({
      ...values,
      department_code: line.departmentCode,
      person_id: line.personId,
      kind: line.kind,
      case_id: line.caseId ?? null,
      sas_enrolment_id: line.sasEnrolmentId ?? null,
      queued_by: line.queuedBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A decision undone (case cancelled or corrected): its waiting lines are withdrawn (never sent);
 * each line the CAF already has (sent or accepted) gets a cancellation line that names it, so the
 * CAF undoes what it applied. A corrected decision then queues its own new line.
 * Returns the ids of the cancellation lines queued.
 */
export async function withdrawCafLines(
  trx: Db,
  target: {
    departmentCode: string;
    personId: string;
    caseId?: string | null;
    sasEnrolmentId?: string | null;
  },
  reason: string,
  today: string,
  queuedBy: string | null,
): Promise<string[]> {
  let q = trx
    .selectFrom('caf_transmission_line')
    .selectAll()
    .where('department_code', '=', target.departmentCode)
    .where('person_id', '=', target.personId)
    .where('kind', '<>', 'cancellation')
    .where('status', 'in', ['pending', 'transmitted', 'accepted']);
  if (target.caseId) q = q.where('case_id', '=', target.caseId);
  else if (target.sasEnrolmentId) q = q.where('sas_enrolment_id', '=', target.sasEnrolmentId);
  else return [];
  const lines = await q.orderBy('created_at').execute();
  const queued: string[] = [];
  for (const l of lines) {
    if (l.status === 'pending') {
      // Never sent, or sent and rejected: the CAF applied nothing, withdrawing is enough.
      await trx
        .updateTable('caf_transmission_line')
        .set((eb) => ({
          status: 'withdrawn',
          withdrawn_reason: reason,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', l.id)
        .execute();
      continue;
    }
    const row = await trx
      .insertInto('caf_transmission_line')
      .values({
        department_code: l.department_code,
        person_id: l.person_id,
        kind: 'cancellation',
        effective_on: today,
        case_id: l.case_id,
        sas_enrolment_id: l.sas_enrolment_id,
        cancels_line_id: l.id,
        // The CAF gets the nature (ANNUL) and the line it undoes; the agent's words stay here.
        end_reason: 'cancelled',
        queued_by: queuedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    queued.push(row.id);
  }
  return queued;
}

/** The decision notified: a suspension (its rate and months) or a removal reaches the CAF. */
export async function queueDecisionLine(
  trx: Db,
  row: {
    id: string;
    department_code: string;
    person_id: string;
    decision_kind: string | null;
    percent: number | null;
    months: number | null;
  },
  notifiedOn: string,
  queuedBy: string | null,
): Promise<string | null> {
  if (row.decision_kind !== 'sanction' && row.decision_kind !== 'removal') return null;
  return queueCafLine(trx, {
    departmentCode: row.department_code,
    personId: row.person_id,
    kind: row.decision_kind === 'sanction' ? 'sanction_start' : 'removal',
    effectiveOn: notifiedOn,
    caseId: row.id,
    percent: row.decision_kind === 'sanction' ? row.percent : null,
    months: row.decision_kind === 'sanction' ? row.months : null,
    queuedBy,
  });
}

/**
 * A suspension ended (remobilisation or term): the CAF resumes payment. A removal has no end line
 * (the allocation comes back through a reinstatement); a case closed without sanction has none.
 */
export async function queueEndLine(
  trx: Db,
  row: {
    id: string;
    department_code: string;
    person_id: string;
    decision_kind: string | null;
    percent: number | null;
    months: number | null;
  },
  endedOn: string,
  endReason: string,
  queuedBy: string | null,
): Promise<string | null> {
  if (row.decision_kind !== 'sanction') return null;
  return queueCafLine(trx, {
    departmentCode: row.department_code,
    personId: row.person_id,
    kind: 'sanction_end',
    effectiveOn: endedOn,
    caseId: row.id,
    percent: row.percent,
    months: row.months,
    endReason,
    queuedBy,
  });
}
