import {
  type DetectedFailure,
  type Failure,
  type FailureInput,
  type FailureKind,
  type FailureQueue,
  type FailureStatus,
  failureInputSchema,
  failureQueueQuerySchema,
  failureWorkflow,
  type PersonSanctions,
  personNameOfRow,
  roleScopeKind,
  statusRefusal,
} from '@parcours/contracts';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { alertRuleInForce, alertRules } from '../../accompaniment';
import { personScope, requirePerson } from '../../beneficiaries';
import { sanctionEvents } from '../domain/timeline-events';
import {
  casesOf,
  failureById,
  failuresOf,
  historyCounts,
  latestOrientations,
  queuePersons,
  toCase,
  toFailure,
  unrecordedContractRefusals,
  unrecordedNoShows,
} from '../infra/sanction-repo';
import { withEp } from './case-ep';
import { dismissFailureIn } from './failure-dismissal';
import { withPayBack } from './pay-back';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const frenchDay = (d: string) => d.split('-').reverse().join('/');

/** A person's fact that is not subject to rights and duties: no failure, no case (RULES.md "Who is concerned"). */
export const notSubjectRefusal = () =>
  unprocessable(
    'Cette personne n’est pas soumise aux droits et devoirs du RSA : aucun manquement ni aucune sanction ne peut la concerner.',
    'VALIDATION_ERROR',
    [
      {
        path: 'personId',
        code: 'not_subject_to_duties',
        message: 'Personne non soumise aux droits et devoirs.',
      },
    ],
  );

/**
 * Failures found in the facts and not recorded yet, per person: a missed convocation (no-show, no
 * excuse); the latest orientation with no contract signed since, once the contract delay in force at
 * the orientation (the legal month since 2025, the convention's two months before) has passed; a
 * refusal to sign a contract or its amendment noted on the contract, not followed by a signature.
 */
export async function detectFailures(
  db: Db,
  departmentCode: string,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, (DetectedFailure & { orientationId: string | null })[]>> {
  const [noShows, orientations, rules, refusals] = await Promise.all([
    unrecordedNoShows(db, departmentCode, personIds, today),
    latestOrientations(db, personIds),
    alertRules(db, departmentCode),
    unrecordedContractRefusals(db, departmentCode, personIds),
  ]);
  const out = new Map<string, (DetectedFailure & { orientationId: string | null })[]>();
  const add = (id: string, d: DetectedFailure & { orientationId: string | null }) =>
    out.set(id, [...(out.get(id) ?? []), d]);
  for (const a of noShows) {
    const onDate = String(a.on_date).slice(0, 10);
    add(a.person_id, {
      kind: 'no_show',
      factsDate: onDate,
      appointmentId: a.id,
      contractRefusalId: null,
      orientationId: null,
      detail: `Absence sans excuse au rendez-vous du ${frenchDay(onDate)}`,
    });
  }
  for (const o of orientations) {
    if (o.signed || o.recorded) continue;
    const rule = alertRuleInForce(rules, o.notified_on);
    const months = rule.contractLegalMonths ?? rule.contractConventionMonths;
    const deadline = iso(addMonths(parseISO(o.notified_on), months));
    if (today <= deadline) continue;
    add(o.person_id, {
      kind: 'no_contract',
      factsDate: iso(addDays(parseISO(deadline), 1)),
      appointmentId: null,
      contractRefusalId: null,
      orientationId: o.id,
      detail: `Aucun contrat d’engagement signé ${months} mois après l’orientation notifiée le ${frenchDay(o.notified_on)} (échéance du ${frenchDay(deadline)})`,
    });
  }
  for (const r of refusals) {
    const on = String(r.refused_on).slice(0, 10);
    add(r.person_id, {
      kind: 'contract_refusal',
      factsDate: on,
      appointmentId: null,
      contractRefusalId: r.id,
      orientationId: null,
      detail: r.amendment
        ? `Refus de signer l’avenant au contrat d’engagement (version ${r.version_number}) le ${frenchDay(on)}`
        : `Refus de signer le contrat d’engagement proposé (version ${r.version_number}) le ${frenchDay(on)}`,
    });
  }
  return out;
}

const publicDetected = (d: DetectedFailure & { orientationId: string | null }): DetectedFailure => ({
  kind: d.kind,
  factsDate: d.factsDate,
  appointmentId: d.appointmentId,
  contractRefusalId: d.contractRefusalId,
  detail: d.detail,
});

/** The refusal when the fact named is not (or no longer) a failure found in the facts. */
function notInTheFacts(kind: FailureKind, appointmentId: string | null) {
  if (kind === 'no_show')
    return invalid(
      'appointmentId',
      appointmentId
        ? 'Ce rendez-vous n’est pas une absence sans excuse de la personne, ou elle est déjà enregistrée comme manquement.'
        : 'Indiquez le rendez-vous manqué.',
      'no_show_not_found',
    );
  if (kind === 'contract_refusal')
    return invalid(
      'contractRefusalId',
      'Ce refus n’est pas un refus du contrat noté pour la personne, il est déjà enregistré comme manquement, ou la personne a signé depuis.',
      'contract_refusal_not_found',
    );
  return invalid(
    'kind',
    'Le délai pour signer un contrat d’engagement n’est pas dépassé, un contrat a été signé, ou ce manquement est déjà enregistré.',
    'no_contract_not_due',
  );
}

/** Records a failure: a detected one from its fact, a reported one with its facts and dates. */
export async function recordFailure(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: FailureInput,
  request: RequestInfo,
): Promise<Failure> {
  const f = failureInputSchema.parse(input);
  if (f.dismissReason && !actor.can('sanction.manage'))
    throw forbidden('Classer un manquement sans suite revient à qui conduit les procédures de sanction.');
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  if (!person.summary.subjectToDuties) throw notSubjectRefusal();
  const today = parisToday();
  if (f.factsDate > today)
    throw invalid('factsDate', 'Les faits ne peuvent pas être postérieurs à aujourd’hui.');
  if (f.factsEndDate && f.factsEndDate < f.factsDate)
    throw invalid('factsEndDate', 'La fin des faits précède leur début.');
  let factsDate = f.factsDate;
  let orientationId: string | null = null;
  let contractRefusalId: string | null = null;
  let origin: 'detected' | 'reported' = 'reported';
  // A failure found in the facts is recorded from its fact (its date, its reference), once.
  const fromFacts =
    f.kind === 'no_show' ||
    f.kind === 'no_contract' ||
    (f.kind === 'contract_refusal' && f.contractRefusalId);
  if (fromFacts) {
    origin = 'detected';
    const detected =
      (await detectFailures(ctx.db, actor.departmentCode, [personId], today)).get(personId) ?? [];
    const found = detected.find(
      (d) =>
        d.kind === f.kind &&
        (f.kind === 'no_show'
          ? d.appointmentId === f.appointmentId
          : f.kind !== 'contract_refusal' || d.contractRefusalId === f.contractRefusalId),
    );
    if (!found) throw notInTheFacts(f.kind, f.appointmentId);
    factsDate = found.factsDate;
    orientationId = found.orientationId;
    contractRefusalId = found.contractRefusalId;
  } else if (!f.facts) {
    throw invalid(
      'facts',
      'Décrivez les faits reprochés (dates, obligations du contrat non respectées).',
      'required',
    );
  }
  const row = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const created = await trx
      .insertInto('sanction_failure')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        kind: f.kind,
        origin,
        facts_date: factsDate,
        facts_end_date: f.factsEndDate,
        appointment_id: f.kind === 'no_show' ? f.appointmentId : null,
        orientation_id: orientationId,
        contract_refusal_id: contractRefusalId,
        facts: f.facts,
        reported_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'sanction.failure_recorded',
      personId,
      targetType: 'sanction_failure',
      targetId: created.id,
      details: { kind: f.kind, origin, factsDate },
    });
    await timeline(sanctionEvents, {
      personId,
      occurredOn: factsDate,
      type: 'sanction_failure_recorded',
      data: { kind: f.kind, factsDate },
    });
    // Found in the facts and not to pursue: recorded and classed in one go (the queue empties).
    if (f.dismissReason)
      await dismissFailureIn(trx, actor, request, {
        personId,
        failureId: created.id,
        reason: f.dismissReason,
      });
    return created;
  });
  const saved = await failureById(ctx.db, actor.departmentCode, personId, row.id);
  if (!saved) throw notFound('Manquement');
  return toFailure(saved);
}

/** A person's failures (recorded and detected) and sanction cases: a read of the file, audited. */
export async function personSanctions(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonSanctions> {
  const person = await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Manquements et procédures de sanction');
  const [failureRows, caseRows, detected] = await Promise.all([
    failuresOf(ctx.db, actor.departmentCode, [personId]),
    casesOf(ctx.db, actor.departmentCode, personId),
    person.summary.subjectToDuties
      ? detectFailures(ctx.db, actor.departmentCode, [personId], parisToday())
      : Promise.resolve(new Map()),
  ]);
  const failures = failureRows.map(toFailure);
  const byId = new Map(failures.map((f) => [f.id, f]));
  return {
    subjectToDuties: person.summary.subjectToDuties,
    failures,
    detected: (detected.get(personId) ?? []).map(publicDetected),
    cases: await withEp(
      ctx.db,
      await withPayBack(
        ctx.db,
        actor.departmentCode,
        caseRows.map((c) => toCase(c, byId.get(c.failure_id)!)),
      ),
    ),
  };
}

/**
 * The failures to examine, per pôle: persons subject to rights and duties in the actor's scope with
 * a recorded failure still to examine or one found in the facts, with their earlier failures and
 * sanctions. One audited list read.
 */
export async function failureQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: Record<string, unknown>,
  request: RequestInfo,
): Promise<FailureQueue> {
  const q = failureQueueQuerySchema.parse(query);
  // A pôle role sees its pôle; the others choose one (or see their whole scope).
  const hubId = roleScopeKind[actor.role] === 'hub' ? actor.hubId : (q.hubId ?? null);
  const today = parisToday();
  const persons = await queuePersons(ctx.db, actor.departmentCode, personScope(actor), hubId);
  const ids = persons.map((p) => p.id);
  const [failureRows, detected, counts] = await Promise.all([
    failuresOf(ctx.db, actor.departmentCode, ids),
    detectFailures(ctx.db, actor.departmentCode, ids, today),
    historyCounts(ctx.db, ids),
  ]);
  const toExamine = new Map<string, Failure[]>();
  for (const r of failureRows)
    if (r.status === 'to_examine')
      toExamine.set(r.person_id, [...(toExamine.get(r.person_id) ?? []), toFailure(r)]);
  const items = persons
    .map((p) => ({
      personId: p.id,
      name: personNameOfRow(p),
      hubName: p.hub_name,
      failures: toExamine.get(p.id) ?? [],
      detected: (detected.get(p.id) ?? []).map(publicDetected),
      earlierFailures: counts.get(p.id)?.failures ?? 0,
      earlierSanctions: counts.get(p.id)?.sanctions ?? 0,
    }))
    .filter((i) => i.failures.length > 0 || i.detected.length > 0);
  await recordPersonList(
    ctx,
    actor,
    request,
    'sanctions.failures',
    { hubId },
    items.map((i) => i.personId),
  );
  return { items };
}

/** The failure a case is opened on: the person's, still to examine. */
export async function failureToExamine(db: Db, departmentCode: string, personId: string, failureId: string) {
  const row = await failureById(db, departmentCode, personId, failureId);
  if (!row) throw notFound('Manquement');
  const refused = statusRefusal(failureWorkflow, row.status as FailureStatus, 'in_case');
  if (refused) throw conflict(refused);
  return row;
}
