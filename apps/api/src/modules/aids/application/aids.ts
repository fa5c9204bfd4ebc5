import {
  type Aid,
  type AidDecision,
  type AidKind,
  type AidRequest,
  type AidStatus,
  aidWorkflow,
  type ContractStatus,
  contractStatusLabels,
  type FieldError,
  type PersonAids,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition, type WorkflowRow } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { ceilingRefusal, envelopeRefusal } from '../domain/ceilings';
import { aidEvents } from '../domain/timeline-events';
import {
  aidQuery,
  envelopeSums,
  fetchAid,
  findEnvelope,
  personName,
  personYearCommitted,
  toAid,
  yearOf,
} from '../infra/aids-repo';
import { aidCeilingRuleOn } from './ceilings';

type Row = WorkflowRow<'individual_aid'>;
const ELIGIBLE: ContractStatus[] = ['signed', 'in_force'];

const amountField = (message: string): FieldError[] => [{ path: 'amountCents', code: 'over_limit', message }];

/** A person's aids, the latest first, and the contracts an aid may be requested on. */
export async function listPersonAids(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonAids> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'Aides individuelles de la personne');
  const rows = await aidQuery(ctx.db, actor.departmentCode)
    .where('a.person_id', '=', personId)
    .orderBy('a.requested_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
  const contracts = await ctx.db
    .selectFrom('engagement_contract')
    .select(['id', 'status', 'start_date', 'end_date'])
    .where('person_id', '=', personId)
    .where('department_code', '=', actor.departmentCode)
    .where('status', 'in', ELIGIBLE)
    .orderBy('start_date', 'desc')
    .execute();
  const steps = contracts.length
    ? await ctx.db
        .selectFrom('contract_plan_step as s')
        .innerJoin('engagement_contract_version as v', 'v.id', 's.version_id')
        .select(['s.id', 's.label', 's.contract_id', 'v.number', 's.position'])
        .where(
          's.contract_id',
          'in',
          contracts.map((c) => c.id),
        )
        .where('v.status', '=', 'signed')
        .orderBy('v.number', 'desc')
        .orderBy('s.position')
        .execute()
    : [];
  return {
    items: rows.map(toAid),
    contracts: contracts.map((c) => {
      const own = steps.filter((s) => s.contract_id === c.id);
      const latest = own[0]?.number;
      return {
        id: c.id,
        status: c.status,
        startDate: String(c.start_date),
        endDate: String(c.end_date),
        steps: own.filter((s) => s.number === latest).map((s) => ({ id: s.id, label: s.label })),
      };
    }),
  };
}

/**
 * The référent's request, on a signed or in-force contract of the person, within the ceilings of
 * the day and the envelope of the year, kind and pôle (requests awaiting a decision are not counted:
 * the validation checks again, under the envelope's lock).
 */
export async function requestAid(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: AidRequest,
  request: RequestInfo,
): Promise<Aid> {
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  if (!person.hubId || !person.summary.hubName)
    throw unprocessable(
      'La commune de la personne n’est rattachée à aucun pôle : l’aide ne peut être imputée sur aucune enveloppe.',
    );
  const hubId = person.hubId;
  const hubName = person.summary.hubName;
  const today = parisToday();
  const year = yearOf(today);
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const contract = await trx
      .selectFrom('engagement_contract')
      .select(['id', 'person_id', 'status'])
      .where('id', '=', input.contractId)
      .where('department_code', '=', actor.departmentCode)
      .executeTakeFirst();
    if (!contract || contract.person_id !== personId)
      throw invalid('contractId', 'Ce contrat n’est pas un contrat de cette personne.');
    if (!ELIGIBLE.includes(contract.status as ContractStatus))
      throw invalid(
        'contractId',
        `Une aide se demande sur un contrat signé ou en vigueur : ce contrat est « ${contractStatusLabels[contract.status as ContractStatus] ?? contract.status} ».`,
      );
    let stepLabel: string | null = null;
    if (input.planStepId) {
      const step = await trx
        .selectFrom('contract_plan_step')
        .select('label')
        .where('id', '=', input.planStepId)
        .where('contract_id', '=', contract.id)
        .executeTakeFirst();
      if (!step) throw invalid('planStepId', 'Cette étape ne figure pas au plan de ce contrat.');
      stepLabel = step.label;
    }
    const rule = await aidCeilingRuleOn(trx, actor.departmentCode, today);
    const already = await personYearCommitted(trx, personId, input.kind, year);
    const overCeiling = ceilingRefusal(rule, input.kind, input.amountCents, already, year);
    if (overCeiling) throw unprocessable(overCeiling, 'VALIDATION_ERROR', amountField(overCeiling));
    const envelope = await findEnvelope(trx, actor.departmentCode, year, input.kind, hubId);
    const sums = await envelopeSums(trx, actor.departmentCode, year, input.kind, hubId);
    const overEnvelope = envelopeRefusal(
      envelope && {
        amountCents: envelope.amountCents,
        committedCents: sums.validated + sums.ordered + sums.paid,
      },
      input.kind,
      hubName,
      year,
      input.amountCents,
    );
    if (overEnvelope) throw unprocessable(overEnvelope, 'VALIDATION_ERROR', amountField(overEnvelope));
    const row = await trx
      .insertInto('individual_aid')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        contract_id: contract.id,
        plan_step_id: input.planStepId,
        plan_step_label: stepLabel,
        hub_id: hubId,
        kind: input.kind,
        amount_cents: input.amountCents,
        purpose: input.purpose,
        payee_kind: input.payeeKind,
        payee_label:
          input.payeeKind === 'person'
            ? personName({
                usual_name: person.summary.usualName,
                birth_name: person.summary.birthName,
                first_name: person.summary.firstName,
              })
            : input.payeeLabel!,
        payee_reference: input.payeeReference,
        requested_on: today,
        requested_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const data = { aidId: row.id, kind: input.kind, amountCents: input.amountCents };
    await audit({
      action: 'aid.requested',
      personId,
      targetType: 'individual_aid',
      targetId: row.id,
      details: { ...data, contractId: contract.id, hubId },
    });
    await timeline(aidEvents, { personId, occurredOn: today, type: 'aid_requested', data });
    return row.id;
  });
  return fetchAid(ctx.db, actor.departmentCode, id);
}

/** The aid's person, gated (404 out of the département, 403 out of scope, refusals audited). */
async function gateAid(ctx: AppContext, actor: RequestActor, id: string, request: RequestInfo) {
  const found = await ctx.db
    .selectFrom('individual_aid')
    .select('person_id')
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!found) throw notFound('Aide');
  await requirePerson(ctx, actor, found.person_id, request, 'act');
}

const eventOf: Record<
  'validated' | 'rejected' | 'cancelled' | 'withdrawn',
  Parameters<typeof aidEvents.append>[1]['type']
> = {
  validated: 'aid_validated',
  rejected: 'aid_rejected',
  cancelled: 'aid_cancelled',
  withdrawn: 'aid_withdrawn',
};

/**
 * Validation checks again, in the transaction, the ceilings of the request's day and the envelope
 * of its year, kind and pôle — the envelope row locked until the commit, so that two validations
 * never both take its last euro.
 */
async function validationRefusal(trx: Transaction<Database>, actor: RequestActor, row: Row): Promise<null> {
  const kind = row.kind as AidKind;
  const amount = Number(row.amount_cents);
  const day = String(row.requested_on).slice(0, 10);
  const year = yearOf(day);
  const hub = await trx
    .selectFrom('insertion_hub')
    .select('name')
    .where('id', '=', row.hub_id)
    .executeTakeFirstOrThrow();
  const envelope = await findEnvelope(trx, actor.departmentCode, year, kind, row.hub_id, true);
  const rule = await aidCeilingRuleOn(trx, actor.departmentCode, day);
  const already = await personYearCommitted(trx, row.person_id, kind, year, row.id);
  const overCeiling = ceilingRefusal(rule, kind, amount, already, year);
  if (overCeiling) throw unprocessable(overCeiling);
  const sums = await envelopeSums(trx, actor.departmentCode, year, kind, row.hub_id);
  const overEnvelope = envelopeRefusal(
    envelope && {
      amountCents: envelope.amountCents,
      committedCents: sums.validated + sums.ordered + sums.paid,
    },
    kind,
    hub.name,
    year,
    amount,
  );
  if (overEnvelope) throw unprocessable(overEnvelope);
  return null;
}

async function move(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  to: 'validated' | 'rejected' | 'cancelled' | 'withdrawn',
  version: number,
  reason: string | null,
  request: RequestInfo,
): Promise<Aid> {
  await gateAid(ctx, actor, id, request);
  const now = new Date();
  const today = parisToday();
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      workflow: aidWorkflow,
      table: 'individual_aid',
      id,
      to: to as AidStatus,
      actor,
      request,
      version,
      notFoundLabel: 'Aide',
      check: to === 'validated' ? (row) => validationRefusal(trx, actor, row) : undefined,
      set: () => ({
        status_reason: reason,
        ...(to === 'withdrawn' ? {} : { decided_by: actor.accountId, decided_at: now }),
        updated_at: now,
      }),
      audit: (row) => ({
        action: `aid.${to}` as const,
        personId: row.person_id,
        targetType: 'individual_aid',
        targetId: row.id,
        reason: reason ?? undefined,
        details: { kind: row.kind, amountCents: Number(row.amount_cents), from: row.status },
      }),
      timeline: (row) => ({
        departmentCode: actor.departmentCode,
        personId: row.person_id,
        occurredOn: today,
        type: eventOf[to],
        data: { aidId: row.id, kind: row.kind, amountCents: Number(row.amount_cents) },
        actorAccountId: actor.accountId,
      }),
    }),
  );
  return fetchAid(ctx.db, actor.departmentCode, id);
}

/** The aids manager validates, refuses (reason) or cancels (reason: undo of a validated or ordered aid). */
export function decideAid(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AidDecision,
  request: RequestInfo,
) {
  return move(ctx, actor, id, input.to, input.version, input.reason, request);
}

/** The référent withdraws a request not decided yet. */
export function withdrawAid(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { version: number },
  request: RequestInfo,
) {
  return move(ctx, actor, id, 'withdrawn', input.version, null, request);
}
