import {
  type PersonSas,
  type SasEnrolment,
  sasAttendanceInputSchema,
  sasCommitmentInputSchema,
  sasRequestInputSchema,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, invalid, notFound, unprocessable, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { sasEvents } from '../domain/sas-timeline-events';
import { currentSuspension, enrolmentQuery, placeHolding, toEnrolments } from '../infra/sas-repo';
import { sessionInScope } from './sas-sessions';

/** A person's request for reinstatement: the request, the attendance, the commitment. */

const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const frenchDay = (d: string) => d.split('-').reverse().join('/');

export const notAfterToday = (path: string, date: string) => {
  if (date > parisToday()) throw invalid(path, 'La date ne peut pas être postérieure à aujourd’hui.');
};

export async function loadEnrolment(
  ctx: AppContext,
  departmentCode: string,
  personId: string,
  id: string,
): Promise<SasEnrolment> {
  const row = await enrolmentQuery(ctx.db)
    .where('e.id', '=', id)
    .where('e.person_id', '=', personId)
    .where('e.department_code', '=', departmentCode)
    .executeTakeFirst();
  if (!row) throw notFound('Demande de rétablissement');
  return (await toEnrolments(ctx.db, [row]))[0]!;
}

/** The person's current suspension and SAS enrolments (an audited read of the file). */
export async function personSas(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonSas> {
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'SAS de rétablissement');
  const [suspension, rows] = await Promise.all([
    currentSuspension(ctx.db, actor.departmentCode, personId),
    enrolmentQuery(ctx.db)
      .where('e.person_id', '=', personId)
      .where('e.department_code', '=', actor.departmentCode)
      .orderBy('e.created_at', 'desc')
      .execute(),
  ]);
  return {
    suspension: suspension
      ? { caseId: suspension.id, decidedOn: day(suspension.decided_on), percent: suspension.percent }
      : null,
    enrolments: await toEnrolments(ctx.db, rows),
  };
}

/**
 * A session a person can be placed in: the actor's, open, not over, with a free place. Read under
 * the session's lock so two enrolments never take its last place together.
 */
export async function assertSessionTakes(trx: Transaction<Database>, actor: RequestActor, sessionId: string) {
  const session = await sessionInScope(trx, actor, sessionId, true).catch((e) => {
    // A session of another pôle is not a choice of this form: said on the field.
    if (e?.kind === 'forbidden' || e?.kind === 'not_found')
      throw invalid('sessionId', 'Session du SAS introuvable dans votre pôle ou votre structure.');
    throw e;
  });
  if (session.status === 'cancelled')
    throw conflict('Cette session du SAS est annulée : choisissez-en une autre.', [
      { path: 'sessionId', code: 'sas_session_cancelled', message: 'Session annulée.' },
    ]);
  const last = await trx
    .selectFrom('sas_meeting')
    .select(({ fn }) => fn.max('starts_at').as('last'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  if (!last?.last || new Date(last.last).getTime() <= Date.now())
    throw conflict('Cette session du SAS est terminée : choisissez-en une autre.', [
      { path: 'sessionId', code: 'sas_session_over', message: 'Session terminée.' },
    ]);
  const taken = await trx
    .selectFrom('sas_enrolment')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', 'in', [...placeHolding])
    .executeTakeFirstOrThrow();
  if (Number(taken.n) >= session.capacity)
    throw conflict(
      `Cette session du SAS est complète (${session.capacity} places) : choisissez-en une autre.`,
      [{ path: 'sessionId', code: 'sas_session_full', message: 'Session complète.' }],
    );
  return session;
}

/**
 * A request for reinstatement: only from a person whose allocation is suspended (a notified
 * suspension) and who has no request in progress; placed at once in a session when one is chosen.
 */
export async function requestSas(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasEnrolment> {
  const b = sasRequestInputSchema.parse(input);
  await requirePerson(ctx, actor, personId, request, 'act');
  notAfterToday('requestedOn', b.requestedOn);
  const today = parisToday();
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    // One request at a time per person, even from two agents at once.
    await trx
      .selectFrom('person')
      .select('id')
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const suspension = await currentSuspension(trx, actor.departmentCode, personId);
    if (!suspension)
      throw unprocessable(
        'Cette personne n’a pas d’allocation suspendue : le SAS de rétablissement s’adresse aux personnes dont l’allocation est suspendue par une sanction notifiée.',
        'VALIDATION_ERROR',
        [{ path: 'personId', code: 'not_suspended', message: 'Allocation non suspendue.' }],
      );
    const active = await trx
      .selectFrom('sas_enrolment as e')
      .leftJoin('sas_session as s', 's.id', 'e.session_id')
      .select(['e.status', 's.label'])
      .where('e.person_id', '=', personId)
      .where('e.status', 'in', ['requested', 'enrolled', 'completed', 'abandoned'])
      .executeTakeFirst();
    if (active)
      throw conflict(
        active.status === 'enrolled'
          ? `Cette personne est déjà inscrite dans une session du SAS en cours (« ${active.label ?? ''} »).`
          : 'Cette personne a déjà une demande de rétablissement en cours : complétez-la plutôt que d’en créer une autre.',
      );
    const session = b.sessionId ? await assertSessionTakes(trx, actor, b.sessionId) : null;
    const row = await trx
      .insertInto('sas_enrolment')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        session_id: session?.id ?? null,
        case_id: suspension.id,
        status: session ? 'enrolled' : 'requested',
        requested_on: b.requestedOn,
        enrolled_on: session ? today : null,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'sas.requested',
      personId,
      targetType: 'sas_enrolment',
      targetId: row.id,
      details: { caseId: suspension.id, requestedOn: b.requestedOn },
    });
    await timeline(sasEvents, {
      personId,
      occurredOn: b.requestedOn,
      type: 'sas_requested',
      data: { caseId: suspension.id },
    });
    if (session) {
      await audit({
        action: 'sas.enrolled',
        personId,
        targetType: 'sas_enrolment',
        targetId: row.id,
        details: { sessionId: session.id },
      });
      await timeline(sasEvents, {
        personId,
        occurredOn: today,
        type: 'sas_enrolled',
        data: { sessionId: session.id, sessionLabel: session.label, startDate: day(session.start_date) },
      });
    }
    return row.id;
  });
  return loadEnrolment(ctx, actor.departmentCode, personId, id);
}

/**
 * The attendance of an enrolled person at one meeting of their session, once it has begun
 * (a correction is the attendance recorded again).
 */
export async function recordSasAttendance(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasEnrolment> {
  const b = sasAttendanceInputSchema.parse(input);
  await requirePerson(ctx, actor, personId, request, 'act');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const row = await trx
      .selectFrom('sas_enrolment')
      .selectAll()
      .where('id', '=', enrolmentId)
      .where('person_id', '=', personId)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Demande de rétablissement');
    if (row.status !== 'enrolled' || !row.session_id)
      throw conflict('La présence s’enregistre pour une personne inscrite dans une session en cours.');
    await sessionInScope(trx, actor, row.session_id);
    const meeting = await trx
      .selectFrom('sas_meeting')
      .select(['id', 'status', 'starts_at', 'on_date', 'half_day'])
      .where('id', '=', b.meetingId)
      .where('session_id', '=', row.session_id)
      .executeTakeFirst();
    if (!meeting) throw invalid('meetingId', 'Cette séance n’appartient pas à la session de la personne.');
    if (meeting.status === 'cancelled') throw conflict('Cette séance a été annulée.');
    if (new Date(meeting.starts_at).getTime() > Date.now())
      throw conflict(
        `La séance du ${frenchDay(String(meeting.on_date).slice(0, 10))} n’a pas encore eu lieu : la présence s’enregistre une fois la séance commencée.`,
      );
    const values = {
      status: b.status,
      reason: b.reason,
      recorded_by: actor.accountId,
      recorded_at: new Date(),
    };
    await trx
      .insertInto('sas_attendance')
      .values({
        department_code: actor.departmentCode,
        enrolment_id: enrolmentId,
        meeting_id: b.meetingId,
        ...values,
      })
      .onConflict((oc) => oc.columns(['enrolment_id', 'meeting_id']).doUpdateSet(values))
      .execute();
    await trx
      .updateTable('sas_enrolment')
      .set({ version: row.version + 1, updated_at: new Date() })
      .where('id', '=', enrolmentId)
      .execute();
    await audit({
      action: 'sas.attendance_recorded',
      personId,
      targetType: 'sas_enrolment',
      targetId: enrolmentId,
      details: { meetingId: b.meetingId, status: b.status, date: String(meeting.on_date).slice(0, 10) },
    });
  });
  return loadEnrolment(ctx, actor.departmentCode, personId, enrolmentId);
}

/**
 * The person's commitment at the end of the SAS: a signed contract of engagement of theirs, or the
 * pathway they commit to. Recorded while enrolled or once the session is followed, before the decision.
 */
export async function recordSasCommitment(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  enrolmentId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SasEnrolment> {
  const b = sasCommitmentInputSchema.parse(input);
  await requirePerson(ctx, actor, personId, request, 'act');
  notAfterToday('committedOn', b.committedOn);
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await trx
      .selectFrom('sas_enrolment')
      .selectAll()
      .where('id', '=', enrolmentId)
      .where('person_id', '=', personId)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Demande de rétablissement');
    if (row.version !== b.version) throw versionConflict();
    if (row.status !== 'enrolled' && row.status !== 'completed')
      throw conflict('L’engagement s’enregistre pendant la session ou à son issue, avant la décision.');
    if (b.committedOn < day(row.requested_on)!)
      throw invalid('committedOn', 'L’engagement ne peut précéder la demande de rétablissement.');
    if (b.kind === 'contract') {
      const contract = await trx
        .selectFrom('engagement_contract')
        .select(['id', 'signed_on'])
        .where('id', '=', b.contractId!)
        .where('person_id', '=', personId)
        .where('department_code', '=', actor.departmentCode)
        .executeTakeFirst();
      if (!contract) throw invalid('contractId', 'Ce contrat n’est pas un contrat de la personne.');
      if (!contract.signed_on) throw invalid('contractId', 'Ce contrat n’est pas signé.');
    }
    await trx
      .updateTable('sas_enrolment')
      .set({
        commitment_kind: b.kind,
        contract_id: b.kind === 'contract' ? b.contractId : null,
        pathway: b.kind === 'pathway' ? b.pathway : null,
        committed_on: b.committedOn,
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', enrolmentId)
      .execute();
    await audit({
      action: 'sas.commitment_recorded',
      personId,
      targetType: 'sas_enrolment',
      targetId: enrolmentId,
      details: { kind: b.kind, contractId: b.contractId, committedOn: b.committedOn },
    });
    await timeline(sasEvents, {
      personId,
      occurredOn: b.committedOn,
      type: 'sas_commitment',
      data: { kind: b.kind, contractId: b.contractId },
    });
  });
  return loadEnrolment(ctx, actor.departmentCode, personId, enrolmentId);
}
