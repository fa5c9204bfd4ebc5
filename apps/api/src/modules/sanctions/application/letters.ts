import type { DecisionKind, FailureKind, SanctionTemplateCode } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { requirePerson } from '../../beneficiaries';
import { createTemplateMessages, type LetterFile, renderLettersPdf } from '../../messaging';
import { procedureOn } from '../domain/sanction-cases';
import { sanctionProcedures } from './cases';
import { decisionValues, type FailureFacts, priorNoticeValues } from './letter-values';
import { sanctionRegimeOn } from './sanction-rules';

/**
 * The letters of the contradictory procedure (issue 14): prior notice, sanction decision, invitation
 * to the équipe pluridisciplinaire, reinstatement decision. Texts are the département's templates
 * (messaging, editable by administrators); this file builds their values from the case and sends
 * them through the messaging context (letter as PDF, e-mail and SMS as the convocations).
 */

// The value builders, for the steps that send these letters (EP sessions, SAS, reinstatement).
export * from './letter-values';
export type { SanctionTemplateCode };

/**
 * Creates the messages of one template for the person, in the caller's transaction: the letter when
 * the postal address is known, the template's e-mail / SMS when the person has that contact and
 * agreed to it. The caller has checked the person is in the actor's scope; none reachable: none sent.
 */
export async function sendSanctionLetter(
  trx: Transaction<Database>,
  input: {
    departmentCode: string;
    actorAccountId: string | null;
    personId: string;
    templateCode: SanctionTemplateCode;
    values: Record<string, string>;
    caseId?: string | null;
    /** The day the letter is dated (the prior notice's date); today when absent. */
    issuedOn?: string;
  },
): Promise<{ messageIds: string[] }> {
  const { messageIds } = await createTemplateMessages(trx, {
    departmentCode: input.departmentCode,
    actorAccountId: input.actorAccountId,
    personId: input.personId,
    templateCode: input.templateCode,
    values: input.values,
    issuedOn: input.issuedOn,
    sanctionCaseId: input.caseId ?? null,
  });
  return { messageIds };
}

// ---- From a case --------------------------------------------------------------------------------------

const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

async function caseWithFailure(trx: Transaction<Database>, departmentCode: string, caseId: string) {
  const row = await trx
    .selectFrom('sanction_case as c')
    .innerJoin('sanction_failure as f', 'f.id', 'c.failure_id')
    .select([
      'c.id',
      'c.person_id',
      'c.facts_date',
      'c.repeat',
      'c.household_persons',
      'c.single_parent_increase',
      'c.notice_sent_on',
      'c.decision_kind',
      'c.percent',
      'c.months',
      'c.decision_reason',
      'c.decided_on',
      'c.notified_on',
      'f.kind as failure_kind',
      'f.facts_date as failure_facts_date',
      'f.facts_end_date',
      'f.facts',
    ])
    .where('c.id', '=', caseId)
    .where('c.department_code', '=', departmentCode)
    .executeTakeFirst();
  if (!row) throw notFound('Procédure de sanction');
  const failure: FailureFacts = {
    kind: row.failure_kind as FailureKind,
    factsDate: day(row.failure_facts_date) ?? day(row.facts_date)!,
    factsEndDate: day(row.facts_end_date),
    facts: row.facts,
  };
  const regime = await sanctionRegimeOn(trx, departmentCode, day(row.facts_date)!);
  return { row, failure, regime };
}

/** The prior notice's values for a case whose notice is sent on `noticeSentOn`. */
export async function priorNoticeValuesOfCase(
  trx: Transaction<Database>,
  departmentCode: string,
  caseId: string,
  noticeSentOn: string,
): Promise<Record<string, string>> {
  const { row, failure, regime } = await caseWithFailure(trx, departmentCode, caseId);
  const procedure = procedureOn(await sanctionProcedures(trx, departmentCode), day(row.facts_date)!);
  return priorNoticeValues({
    failure,
    regime,
    situation: {
      householdPersons: row.household_persons,
      singleParentIncrease: row.single_parent_increase,
      repeat: row.repeat === 2 ? 2 : 1,
    },
    procedure,
    noticeSentOn,
  });
}

/** The decision letter's values for a decided case notified on `notifiedOn`. */
export async function decisionValuesOfCase(
  trx: Transaction<Database>,
  departmentCode: string,
  caseId: string,
  notifiedOn: string,
): Promise<Record<string, string>> {
  const { row, failure, regime } = await caseWithFailure(trx, departmentCode, caseId);
  if (!row.decision_kind || !row.decided_on) throw notFound('Décision');
  return decisionValues({
    failure,
    regime,
    decision: {
      kind: row.decision_kind as DecisionKind,
      percent: row.percent,
      months: row.months,
      decidedOn: day(row.decided_on)!,
      notifiedOn,
      reason: row.decision_reason,
    },
  });
}

/** The facts of a case, for an EP invitation about it. */
export async function failureFactsOfCase(
  trx: Transaction<Database>,
  departmentCode: string,
  caseId: string,
): Promise<FailureFacts> {
  return (await caseWithFailure(trx, departmentCode, caseId)).failure;
}

/** The letters a case sent (not withdrawn), in one PDF, behind the person gate; the read is audited. */
export async function caseLettersPdf(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  request: RequestInfo,
): Promise<LetterFile> {
  await requirePerson(ctx, actor, personId, request, 'read');
  const rows = await ctx.db
    .selectFrom('message as m')
    .innerJoin('sanction_case as c', 'c.id', 'm.sanction_case_id')
    .select('m.id')
    .where('c.id', '=', caseId)
    .where('c.person_id', '=', personId)
    .where('c.department_code', '=', actor.departmentCode)
    .where('m.channel', '=', 'letter')
    .where('m.status', '!=', 'cancelled')
    .execute();
  if (rows.length === 0) throw notFound('Courrier');
  const pdf = await renderLettersPdf(ctx, actor, { messageIds: rows.map((r) => r.id) });
  await ctx.audit.personRead(actor, personId, request, 'courriers de la procédure de sanction');
  return { pdf, fileName: `procedure-sanction-${caseId.slice(0, 8)}.pdf` };
}
