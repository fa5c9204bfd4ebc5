import {
  cancelInputSchema,
  decisionInputSchema,
  endInputSchema,
  noticeInputSchema,
  notificationInputSchema,
  observationsInputSchema,
  type SanctionCase,
  type SanctionCaseStatus,
  sanctionCaseWorkflow,
} from '@parcours/contracts';
import type { Transaction, Updateable } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database, SanctionCaseTable } from '../../../platform/db/schema';
import { invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition, type WorkflowRow } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { decisionRefusals, observationsDeadline, procedureOn } from '../domain/sanction-cases';
import { epOpinionGiven } from '../infra/ep-repo';
import { failureSanctioned } from '../infra/sanction-repo';
import { queueDecisionLine, queueEndLine, withdrawCafLines } from './caf-lines';
import { loadCase, sanctionProcedures } from './cases';
import { notSubjectRefusal } from './failures';
import {
  decisionValuesOfCase,
  priorNoticeValuesOfCase,
  type SanctionTemplateCode,
  sendSanctionLetter,
} from './letters';
import { sanctionRegimeOn } from './sanction-rules';

/** The steps of a sanction case after its opening, each one move of the workflow kit. */

type CaseRow = WorkflowRow<'sanction_case'>;

interface Move {
  to: SanctionCaseStatus;
  version: number;
  occurredOn: string;
  /** Runs in the move's transaction: reads go through `trx` (one connection on PGlite). */
  check?: (row: CaseRow, trx: Transaction<Database>) => Promise<string | null> | string | null;
  set: (row: CaseRow) => Updateable<SanctionCaseTable>;
  data: (row: CaseRow) => Record<string, unknown>;
  /** Work in the same transaction after the move (the failure dismissed with a cancelled case). */
  after?: (row: CaseRow, trx: Transaction<Database>) => Promise<void>;
}

const timelineType: Record<string, string> = {
  notice_sent: 'sanction_notice_sent',
  observations_received: 'sanction_observations_received',
  decided: 'sanction_decided',
  notified: 'sanction_notified',
  ended: 'sanction_ended',
  cancelled: 'sanction_cancelled',
};
const auditAction = {
  notice_sent: 'sanction.notice_sent',
  observations_received: 'sanction.observations_received',
  decided: 'sanction.decided',
  notified: 'sanction.notified',
  ended: 'sanction.ended',
  cancelled: 'sanction.cancelled',
} as const;

/** One step of the procedure: the person gate, then the workflow kit's move on the case. */
async function move(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  request: RequestInfo,
  m: Move,
): Promise<SanctionCase> {
  await requirePerson(ctx, actor, personId, request, 'act');
  if (m.occurredOn > parisToday())
    throw invalid('date', 'La date ne peut pas être postérieure à aujourd’hui.');
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await transition(trx, {
      workflow: sanctionCaseWorkflow,
      table: 'sanction_case',
      id: caseId,
      to: m.to,
      actor,
      request,
      version: m.version,
      notFoundLabel: 'Procédure de sanction',
      guard: (row) => {
        if (row.person_id !== personId) throw notFound('Procédure de sanction');
      },
      check: m.check ? (row) => m.check!(row, trx) : undefined,
      set: (row) => ({ ...m.set(row), updated_at: new Date() }),
      after: m.after ? (row) => m.after!(row, trx) : undefined,
      audit: (row) => ({
        action: auditAction[m.to as keyof typeof auditAction],
        personId,
        targetType: 'sanction_case',
        targetId: caseId,
        details: { from: row.status, to: m.to, ...m.data(row) },
      }),
      timeline: (row) => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: m.occurredOn,
        type: timelineType[m.to]!,
        data: m.data(row),
        actorAccountId: actor.accountId,
      }),
    });
  });
  return loadCase(ctx.db, actor.departmentCode, personId, caseId);
}

/** The step's letter (and e-mail / SMS), from the département's template, in the move's transaction. */
async function sendCaseLetter(
  trx: Transaction<Database>,
  actor: RequestActor,
  row: CaseRow,
  templateCode: SanctionTemplateCode,
  on: string,
  values: (trx: Transaction<Database>) => Promise<Record<string, string>>,
): Promise<string[]> {
  const sent = await sendSanctionLetter(trx, {
    departmentCode: actor.departmentCode,
    actorAccountId: actor.accountId,
    personId: row.person_id,
    templateCode,
    values: await values(trx),
    caseId: row.id,
    issuedOn: on,
  });
  return sent.messageIds;
}

const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const notBefore = (date: string, other: unknown, what: string) => {
  const o = day(other);
  return o && date < o ? `${what} (${o.split('-').reverse().join('/')}).` : null;
};

export async function sendNotice(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = noticeInputSchema.parse(input);
  const procedures = await sanctionProcedures(ctx.db, actor.departmentCode);
  let messageIds: string[] = [];
  return move(ctx, actor, personId, caseId, request, {
    to: 'notice_sent',
    version: b.version,
    occurredOn: b.sentOn,
    check: (row) => notBefore(b.sentOn, row.facts_date, 'L’information préalable ne peut précéder les faits'),
    set: (row) => ({
      notice_sent_on: b.sentOn,
      observations_deadline: observationsDeadline(procedureOn(procedures, day(row.facts_date)!), b.sentOn),
    }),
    // The prior notice itself: letter, e-mail, SMS (audited with the step, by their ids).
    after: async (row, trx) => {
      messageIds = await sendCaseLetter(trx, actor, row, 'sanction_prior_notice', b.sentOn, (t) =>
        priorNoticeValuesOfCase(t, actor.departmentCode, caseId, b.sentOn),
      );
    },
    data: (row) => ({
      sentOn: b.sentOn,
      deadline: observationsDeadline(procedureOn(procedures, day(row.facts_date)!), b.sentOn),
      messageIds,
    }),
  });
}

export async function recordObservations(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = observationsInputSchema.parse(input);
  return move(ctx, actor, personId, caseId, request, {
    to: 'observations_received',
    version: b.version,
    occurredOn: b.receivedOn,
    check: (row) =>
      notBefore(
        b.receivedOn,
        row.notice_sent_on,
        'Les observations ne peuvent précéder l’information préalable',
      ),
    set: () => ({
      observations_received_on: b.receivedOn,
      observations_mode: b.mode,
      observations: b.summary,
      assisted_by: b.assistedBy,
    }),
    data: () => ({ receivedOn: b.receivedOn, mode: b.mode, assistedBy: b.assistedBy }),
  });
}

/**
 * The decision, checked against the regime in force at the date of the facts: refused as a whole
 * (422, every reason with its code) and nothing written when one rule is broken.
 */
export async function decide(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = decisionInputSchema.parse(input);
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  return move(ctx, actor, personId, caseId, request, {
    to: 'decided',
    version: b.version,
    occurredOn: b.decidedOn,
    check: async (row, trx) => {
      const before = notBefore(
        b.decidedOn,
        row.notice_sent_on,
        'La décision ne peut précéder l’information préalable',
      );
      if (before) return before;
      const regime = await sanctionRegimeOn(trx, actor.departmentCode, day(row.facts_date)!);
      const refusals = decisionRefusals(b, {
        regime,
        situation: {
          householdPersons: row.household_persons,
          singleParentIncrease: row.single_parent_increase,
          repeat: row.repeat === 2 ? 2 : 1,
        },
        observationsDeadline: day(row.observations_deadline),
        observationsReceived: row.observations_received_on !== null,
        epOpinion: await epOpinionGiven(trx, row.id, b.kind),
        failureAlreadySanctioned: await failureSanctioned(trx, row.failure_id, row.id),
      });
      if (!person.summary.subjectToDuties) refusals.unshift(notSubjectRefusal().fields![0]!);
      if (refusals.length)
        throw unprocessable(
          `La décision n’a pas été enregistrée : ${refusals.map((r) => r.message).join(' ')}`,
          'VALIDATION_ERROR',
          refusals,
        );
      return null;
    },
    set: () => ({
      decision_kind: b.kind,
      percent: b.percent,
      months: b.months,
      modulation_reasons: [...b.modulationReasons],
      decision_reason: b.reason,
      decided_on: b.decidedOn,
      decided_by: actor.accountId,
    }),
    data: () => ({ kind: b.kind, percent: b.percent, months: b.months, decidedOn: b.decidedOn }),
  });
}

export async function notify(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = notificationInputSchema.parse(input);
  let messageIds: string[] = [];
  return move(ctx, actor, personId, caseId, request, {
    to: 'notified',
    version: b.version,
    occurredOn: b.notifiedOn,
    check: (row) => notBefore(b.notifiedOn, row.decided_on, 'La notification ne peut précéder la décision'),
    set: () => ({ notified_on: b.notifiedOn }),
    // The decision letter (and e-mail), dated the notification's day.
    after: async (row, trx) => {
      messageIds = await sendCaseLetter(trx, actor, row, 'sanction_decision', b.notifiedOn, (t) =>
        decisionValuesOfCase(t, actor.departmentCode, caseId, b.notifiedOn),
      );
      // A suspension or a removal reaches the CAF: its line waits for the day's file.
      await queueDecisionLine(trx, row, b.notifiedOn, actor.accountId);
    },
    data: () => ({ notifiedOn: b.notifiedOn, messageIds }),
  });
}

/** Remobilisation (contract signed, appointment honoured) or term: only after a suspension; closed otherwise. */
export async function endCase(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = endInputSchema.parse(input);
  return move(ctx, actor, personId, caseId, request, {
    to: 'ended',
    version: b.version,
    occurredOn: b.endedOn,
    check: (row) => {
      const sanctioned = row.decision_kind === 'sanction' || row.decision_kind === 'removal';
      if (b.reason === 'closed' && sanctioned)
        return 'Une sanction prend fin par la remobilisation de la personne ou à son terme.';
      if (b.reason !== 'closed' && !sanctioned)
        return 'Sans sanction, la procédure se clôt (motif « procédure close »).';
      if (b.reason.startsWith('remobilisation') && row.decision_kind !== 'sanction')
        return 'Seule une suspension prend fin par la remobilisation.';
      return notBefore(b.endedOn, row.notified_on, 'La fin ne peut précéder la notification');
    },
    set: () => ({ ended_on: b.endedOn, end_reason: b.reason }),
    // The CAF resumes payment: the end of a suspension waits for the day's file.
    after: async (row, trx) => {
      await queueEndLine(trx, row, b.endedOn, b.reason, actor.accountId);
    },
    data: () => ({ endedOn: b.endedOn, reason: b.reason }),
  });
}

/** Cancels the case (an error, a fact disproved): the failure is dismissed with it. */
export async function cancelCase(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = cancelInputSchema.parse(input);
  return move(ctx, actor, personId, caseId, request, {
    to: 'cancelled',
    version: b.version,
    occurredOn: parisToday(),
    set: () => ({ cancel_reason: b.reason }),
    data: () => ({ reason: b.reason }),
    after: async (row, trx) => {
      await trx
        .updateTable('sanction_failure')
        .set((eb) => ({
          status: 'dismissed',
          dismissed_on: parisToday(),
          dismissed_reason: `Procédure annulée : ${b.reason}`,
          dismissed_by: actor.accountId,
          version: eb('version', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', row.failure_id)
        .execute();
      // Lines of the case not sent yet are withdrawn; one already sent gets a cancellation line.
      await withdrawCafLines(
        trx,
        { departmentCode: row.department_code, personId: row.person_id, caseId: row.id },
        b.reason,
        parisToday(),
        actor.accountId,
      );
    },
  });
}
