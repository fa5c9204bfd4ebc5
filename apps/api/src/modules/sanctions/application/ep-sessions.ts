import {
  type EpHearing,
  type EpMemberQuality,
  type EpOpinion,
  type EpProposedOutcome,
  type EpSessionDetail,
  type EpSessionStatus,
  epPreparingStatuses,
  epSessionInputSchema,
  epSessionListQuerySchema,
  personNameOfRow,
  roleScopeKind,
} from '@parcours/contracts';
import { personListTrace, recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { personScope } from '../../beneficiaries';
import { type EpMinutes, epMinutesPdf } from '../infra/ep-minutes-pdf';
import { agendaOf, candidatesOf, membersOf, sessionsQuery, toSession } from '../infra/ep-repo';

import { day, hubOfActor, refuse, sessionRow } from './ep-session-scope';
/**
 * The EP sessions of a pôle (issue 14 point 4): planned, prepared (members, agenda of the cases
 * submitted to the EP), held (presence, one opinion per case), closed once the minutes are signed.
 * A pôle role (the EP secretariat) works on its pôle's sessions only; the administrator on all.
 */

export async function listEpSessions(ctx: AppContext, actor: RequestActor, query: unknown) {
  const q = epSessionListQuerySchema.parse(query);
  const hubId = hubOfActor(actor, q.hubId);
  let sel = sessionsQuery(ctx.db, actor.departmentCode);
  if (hubId) sel = sel.where('s.hub_id', '=', hubId);
  if (q.status) sel = sel.where('s.status', '=', q.status);
  const rows = await sel.orderBy('s.session_date', 'desc').orderBy('s.id').limit(500).execute();
  return { items: rows.map(toSession) };
}

/**
 * A session with its members, its agenda and the cases that may be added to it: the persons in
 * it are one audited list read.
 */
export async function getEpSession(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<EpSessionDetail> {
  const row = await sessionRow(ctx.db, actor, id);
  const scope = personScope(actor);
  const preparing = epPreparingStatuses.includes(row.status as EpSessionStatus);
  const [members, agenda, candidates] = await Promise.all([
    membersOf(ctx.db, id),
    agendaOf(ctx.db, id, scope),
    preparing ? candidatesOf(ctx.db, actor.departmentCode, row.hub_id, scope) : Promise.resolve([]),
  ]);
  const listed = [
    ...agenda.filter((a) => a.in_scope).map((a) => a.person_id),
    ...candidates.map((c) => c.person_id),
  ];
  await recordPersonList(ctx, actor, request, 'ep.agenda', { sessionId: id }, listed);
  return {
    ...toSession(row),
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      quality: m.quality as EpMemberQuality,
      detail: m.detail,
      present: m.present,
    })),
    agenda: agenda.map((a) => ({
      id: a.id,
      referralId: a.referral_id,
      caseId: a.case_id,
      personId: a.person_id,
      // A person who moved out of the reader's scope since: the line stays, without the name.
      name: a.in_scope ? personNameOfRow(a) : 'Personne hors de votre périmètre',
      proposedOutcome: a.proposed_outcome as EpProposedOutcome,
      failureKind: a.failure_kind,
      invitedOn: a.invited_on ? day(a.invited_on) : null,
      opinion: a.opinion as EpOpinion | null,
      reasoning: a.in_scope ? a.reasoning : null,
      hearing: a.hearing as EpHearing | null,
      representedBy: a.in_scope ? a.represented_by : null,
    })),
    candidates: candidates.map((c) => ({
      referralId: c.id,
      caseId: c.case_id,
      personId: c.person_id,
      name: personNameOfRow(c),
      proposedOutcome: c.proposed_outcome as EpProposedOutcome,
      submittedOn: day(c.submitted_on),
    })),
  };
}

export async function createEpSession(
  ctx: AppContext,
  actor: RequestActor,
  input: unknown,
  request: RequestInfo,
): Promise<EpSessionDetail> {
  const b = epSessionInputSchema.parse(input);
  if (roleScopeKind[actor.role] === 'hub' && b.hubId !== actor.hubId)
    throw refuse('hubId', 'other_hub', 'Vous ne pouvez créer une séance que pour l’EP de votre pôle.');
  const hub = await ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('id', '=', b.hubId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!hub) throw refuse('hubId', 'unknown_hub', 'Pôle inconnu dans ce département.');
  if (b.sessionDate < parisToday())
    throw refuse('sessionDate', 'past', 'Une séance se prévoit à partir d’aujourd’hui.');
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const created = await trx
      .insertInto('ep_session')
      .values({
        department_code: actor.departmentCode,
        hub_id: b.hubId,
        session_date: b.sessionDate,
        start_time: b.startTime,
        place: b.place,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'ep.session_created',
      targetType: 'ep_session',
      targetId: created.id,
      details: { hubId: b.hubId, sessionDate: b.sessionDate, startTime: b.startTime },
    });
    return created.id;
  });
  return getEpSession(ctx, actor, id, request);
}

/** The procès-verbal of a held (or closed) session, as a PDF; its download is traced with the persons in it. */
export async function epSessionMinutes(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  request: RequestInfo,
): Promise<{ pdf: Buffer; fileName: string }> {
  const row = await sessionRow(ctx.db, actor, sessionId);
  if (row.status !== 'held' && row.status !== 'closed')
    throw conflict('Le procès-verbal n’existe qu’une fois la séance tenue.');
  const [members, agenda, department] = await Promise.all([
    membersOf(ctx.db, sessionId),
    agendaOf(ctx.db, sessionId, personScope(actor)),
    ctx.db
      .selectFrom('department')
      .select('name')
      .where('code', '=', actor.departmentCode)
      .executeTakeFirst(),
  ]);
  const shown = agenda.filter((a) => a.in_scope);
  const minutes: EpMinutes = {
    departmentName: department?.name ?? `Département ${actor.departmentCode}`,
    hubName: row.hub_name,
    sessionDate: day(row.session_date),
    startTime: row.start_time,
    place: row.place,
    signedOn: row.signed_on ? day(row.signed_on) : null,
    members: members.map((m) => ({
      name: m.name,
      quality: m.quality as EpMemberQuality,
      detail: m.detail,
      present: m.present,
    })),
    cases: agenda.map((a) => ({
      name: a.in_scope ? personNameOfRow(a) : 'Personne hors de votre périmètre',
      proposedOutcome: a.proposed_outcome as EpProposedOutcome,
      opinion: a.opinion as EpOpinion | null,
      hearing: a.hearing as EpHearing | null,
    })),
  };
  const trace = personListTrace(
    'ep.minutes',
    { sessionId },
    shown.map((a) => a.person_id),
  );
  await ctx.audit.record({
    actor,
    action: 'ep.minutes_downloaded',
    targetType: 'ep_session',
    targetId: sessionId,
    personIds: trace.personIds,
    details: trace.details,
    request,
  });
  return { pdf: await epMinutesPdf(minutes), fileName: `pv-ep-${day(row.session_date)}.pdf` };
}
