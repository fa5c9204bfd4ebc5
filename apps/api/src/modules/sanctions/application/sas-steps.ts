import {
  type SasEnrolment,
  type SasEnrolmentStatus,
  sasDecisionInputSchema,
  sasEndInputSchema,
  sasEnrolInputSchema,
  sasEnrolmentCancelSchema,
  sasEnrolmentWorkflow,
} from '@parcours/contracts';
import type { Transaction, Updateable } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database, SasEnrolmentTable } from '../../../platform/db/schema';
import { invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition, type WorkflowRow } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { reinstatementRefusals } from '../domain/sas';
import { enrolmentQuery, toEnrolments } from '../infra/sas-repo';
import { queueCafLine } from './caf-lines';
import { reinstatementValues } from './letter-values';
import { sendSanctionLetter } from './letters';
import { assertSessionTakes, loadEnrolment, notAfterToday } from './sas-enrolments';

/** The moves of an enrolment's workflow: placed in a session, end of the session, decision, cancellation. */

type EnrolmentRow = WorkflowRow<'sas_enrolment'>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const frenchDay = (d: string) => d.split('-').reverse().join('/');

interface Move {
  to: SasEnrolmentStatus;
  version: number;
  occurredOn: string;
  /** The field the date comes from (a date after today is refused on it). */
  datePath?: string;
  action:
    | 'sas.enrolled'
    | 'sas.completed'
    | 'sas.abandoned'
    | 'sas.reinstated'
    | 'sas.refused'
    | 'sas.cancelled';
  timelineType: 'sas_enrolled' | 'sas_ended' | 'sas_reinstated' | 'sas_refused' | 'sas_cancelled';
  check?: (row: EnrolmentRow, trx: Transaction<Database>) => Promise<string | null> | string | null;
  set: (row: EnrolmentRow) => Updateable<SasEnrolmentTable>;
  /** Computed in the check, shown on the timeline and in the audit trace. */
  data: (row: EnrolmentRow) => Record<string, unknown>;
  after?: (row: EnrolmentRow, trx: Transaction<Database>) => Promise<void>;
}

/** One move of an enrolment: the person gate, then the workflow kit's move. */
async function move(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  request: RequestInfo,
  m: Move,
): Promise<SasEnrolment> {
  await requirePerson(ctx, actor, personId, request, 'act');
  notAfterToday(m.datePath ?? 'date', m.occurredOn);
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await transition(trx, {
      workflow: sasEnrolmentWorkflow,
      table: 'sas_enrolment',
      id: enrolmentId,
      to: m.to,
      actor,
      request,
      version: m.version,
      notFoundLabel: 'Demande de rétablissement',
      guard: (row) => {
        if (row.person_id !== personId) throw notFound('Demande de rétablissement');
      },
      check: m.check ? (row) => m.check!(row, trx) : undefined,
      set: (row) => ({ ...m.set(row), updated_at: new Date() }),
      after: m.after ? (row) => m.after!(row, trx) : undefined,
      audit: (row) => ({
        action: m.action,
        personId,
        targetType: 'sas_enrolment',
        targetId: enrolmentId,
        details: { from: row.status, to: m.to, ...m.data(row) },
      }),
      timeline: (row) => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: m.occurredOn,
        type: m.timelineType,
        data: m.data(row),
        actorAccountId: actor.accountId,
      }),
    });
  });
  return loadEnrolment(ctx, actor.departmentCode, personId, enrolmentId);
}

/** Places a waiting request in a session (open, not over, not full). */
export async function enrolSas(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = sasEnrolInputSchema.parse(input);
  const today = parisToday();
  let label = '';
  let startDate: string | null = null;
  return move(ctx, actor, personId, enrolmentId, request, {
    to: 'enrolled',
    version: b.version,
    occurredOn: today,
    action: 'sas.enrolled',
    timelineType: 'sas_enrolled',
    check: async (_row, trx) => {
      const session = await assertSessionTakes(trx, actor, b.sessionId);
      label = session.label;
      startDate = day(session.start_date);
      return null;
    },
    set: () => ({ session_id: b.sessionId, enrolled_on: today }),
    data: () => ({ sessionId: b.sessionId, sessionLabel: label, startDate }),
  });
}

/** The enrolment's summary against its session's meetings, read in the transaction. */
async function summaryIn(trx: Transaction<Database>, row: EnrolmentRow) {
  const full = await enrolmentQuery(trx).where('e.id', '=', row.id).executeTakeFirstOrThrow();
  return (await toEnrolments(trx, [full]))[0]!.summary;
}

/**
 * The end of the person's session: followed to the end (every meeting held and its attendance
 * recorded) or abandoned. The attendance summary goes on the timeline.
 */
export async function endSas(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = sasEndInputSchema.parse(input);
  let summary: Record<string, unknown> = {};
  return move(ctx, actor, personId, enrolmentId, request, {
    to: b.outcome,
    version: b.version,
    occurredOn: b.endedOn,
    datePath: 'endedOn',
    action: b.outcome === 'completed' ? 'sas.completed' : 'sas.abandoned',
    timelineType: 'sas_ended',
    check: async (row, trx) => {
      if (b.endedOn < day(row.enrolled_on)!)
        return `La fin ne peut précéder l’inscription (${frenchDay(day(row.enrolled_on)!)}).`;
      const s = await summaryIn(trx, row);
      summary = { held: s.held, present: s.present, excused: s.excused, absent: s.absent, rate: s.rate };
      if (b.outcome === 'completed' && s.held < s.meetings)
        return `La session n’est pas terminée : ${s.meetings - s.held} séance(s) restent à venir.`;
      if (b.outcome === 'completed' && s.unrecorded > 0)
        return `La présence n’est pas enregistrée pour ${s.unrecorded} séance(s) : enregistrez-la avant de clore la session.`;
      return null;
    },
    set: () => ({ ended_on: b.endedOn, end_note: b.note }),
    data: () => ({ outcome: b.outcome, endedOn: b.endedOn, ...summary }),
  });
}

/**
 * The reinstatement decision. Reinstated only once the session is followed, the attendance
 * sufficient and the commitment recorded (refused as a whole, every reason with its code, nothing
 * written otherwise); the line for the CAF is queued in the same transaction.
 */
export async function decideSas(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = sasDecisionInputSchema.parse(input);
  return move(ctx, actor, personId, enrolmentId, request, {
    to: b.outcome,
    version: b.version,
    occurredOn: b.decidedOn,
    datePath: 'decidedOn',
    action: b.outcome === 'reinstated' ? 'sas.reinstated' : 'sas.refused',
    timelineType: b.outcome === 'reinstated' ? 'sas_reinstated' : 'sas_refused',
    check: async (row, trx) => {
      const ended = day(row.ended_on);
      if (ended && b.decidedOn < ended)
        return `La décision ne peut précéder la fin de la session (${frenchDay(ended)}).`;
      if (b.outcome !== 'reinstated') return null;
      if (b.reinstatedFrom! < day(row.requested_on)!)
        throw invalid('reinstatedFrom', 'Le rétablissement ne peut précéder la demande.');
      const refusals = reinstatementRefusals(await summaryIn(trx, row), { kind: row.commitment_kind });
      if (refusals.length)
        throw unprocessable(
          `Les droits ne peuvent pas être rétablis : ${refusals.map((r) => r.message).join(' ')}`,
          'VALIDATION_ERROR',
          refusals,
        );
      return null;
    },
    set: () => ({
      decided_on: b.decidedOn,
      decided_by: actor.accountId,
      reinstated_from: b.outcome === 'reinstated' ? b.reinstatedFrom : null,
      decision_reason: b.reason,
    }),
    data: () => ({
      outcome: b.outcome,
      decidedOn: b.decidedOn,
      reinstatedFrom: b.reinstatedFrom,
      reason: b.reason,
    }),
    after: async (row, trx) => {
      if (b.outcome === 'reinstated') await onReinstated(trx, actor, row, b.reinstatedFrom!);
      // The decision letter (and e-mail when consented), granted or refused, from the template.
      await sendSanctionLetter(trx, {
        departmentCode: actor.departmentCode,
        actorAccountId: actor.accountId,
        personId: row.person_id,
        templateCode: 'reinstatement_decision',
        values:
          b.outcome === 'reinstated'
            ? reinstatementValues({ decidedOn: b.decidedOn, reinstatedFrom: b.reinstatedFrom! })
            : reinstatementValues({ decidedOn: b.decidedOn, refusalReason: b.reason ?? '' }),
        caseId: row.case_id,
        issuedOn: b.decidedOn,
      });
    },
  });
}

/** The reinstatement reaches the CAF: its line is queued with the decision (same transaction). */
async function onReinstated(
  trx: Transaction<Database>,
  actor: RequestActor,
  row: EnrolmentRow,
  effectiveOn: string,
) {
  await queueCafLine(trx, {
    departmentCode: actor.departmentCode,
    personId: row.person_id,
    kind: 'reinstatement',
    effectiveOn,
    sasEnrolmentId: row.id,
    caseId: row.case_id,
    queuedBy: actor.accountId,
  });
}

/** Withdraws a request or an enrolment (the person withdraws it, an error): frees the place. */
export async function cancelSasEnrolment(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = sasEnrolmentCancelSchema.parse(input);
  return move(ctx, actor, personId, enrolmentId, request, {
    to: 'cancelled',
    version: b.version,
    occurredOn: parisToday(),
    action: 'sas.cancelled',
    timelineType: 'sas_cancelled',
    set: () => ({ cancel_reason: b.reason }),
    data: () => ({ reason: b.reason }),
  });
}
