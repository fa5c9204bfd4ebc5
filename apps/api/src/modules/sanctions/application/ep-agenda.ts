import {
  epAgendaInputSchema,
  epInvitationInputSchema,
  epOpinionInputSchema,
  epPreparingStatuses,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { parisInstant } from '../../accompaniment';
import { assertPersonInScope } from '../../beneficiaries';
import { epEvents } from '../domain/ep-timeline-events';
import { caseStatusesAwaitingEp, pendingSessionOf, referralForAgenda } from '../infra/ep-repo';
import { day, frenchDay, lockSession, notPreparing, refuse } from './ep-session-scope';
import { getEpSession } from './ep-sessions';
import { epInvitationValues } from './letter-values';
import { failureFactsOfCase, sendSanctionLetter } from './letters';

/** The agenda of an EP session: cases added and removed, invitations, opinions. */

/**
 * Adds a case submitted to the EP to a coming session of its pôle: the person in the actor's
 * scope, the case still before its decision, no opinion given and no other session holding it.
 */
export async function addToEpAgenda(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epAgendaInputSchema.parse(input);
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const session = await lockSession(trx, actor, sessionId, epPreparingStatuses, notPreparing);
    // One agenda change per referral at a time (two sessions taking the same case).
    await trx.selectFrom('ep_referral').select('id').where('id', '=', b.referralId).forUpdate().execute();
    const referral = await referralForAgenda(trx, actor.departmentCode, b.referralId);
    if (!referral)
      throw refuse(
        'referralId',
        'unknown_referral',
        'Dossier inconnu : aucune saisine de l’équipe pluridisciplinaire ne porte cet identifiant.',
      );
    if (referral.hub_id !== session.hub_id)
      throw refuse(
        'referralId',
        'other_hub',
        'Ce dossier relève de l’équipe pluridisciplinaire d’un autre pôle : il ne peut pas être inscrit à cette séance.',
      );
    await assertPersonInScope(trx, actor, referral.person_id);
    if (!(caseStatusesAwaitingEp as readonly string[]).includes(referral.case_status))
      throw refuse(
        'referralId',
        'case_not_awaiting',
        'La procédure de ce dossier n’attend plus d’avis : la décision est prise ou la procédure annulée.',
      );
    if (!referral.awaiting) {
      const pending = await pendingSessionOf(trx, referral.id);
      throw refuse(
        'referralId',
        pending ? 'already_on_agenda' : 'opinion_given',
        pending
          ? `Ce dossier est déjà inscrit à l’ordre du jour de la séance du ${frenchDay(day(pending.session_date))}.`
          : 'L’équipe pluridisciplinaire a déjà rendu son avis sur ce dossier.',
      );
    }
    const item = await trx
      .insertInto('ep_agenda_item')
      .values({
        department_code: actor.departmentCode,
        session_id: sessionId,
        referral_id: referral.id,
        person_id: referral.person_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'ep.agenda_added',
      personId: referral.person_id,
      targetType: 'ep_session',
      targetId: sessionId,
      details: { itemId: item.id, caseId: referral.case_id, sessionDate: day(session.session_date) },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

async function itemOf(trx: Transaction<Database>, actor: RequestActor, sessionId: string, itemId: string) {
  const item = await trx
    .selectFrom('ep_agenda_item as ai')
    .innerJoin('ep_referral as r', 'r.id', 'ai.referral_id')
    .innerJoin('sanction_case as c', 'c.id', 'r.case_id')
    .select([
      'ai.id',
      'ai.person_id',
      'ai.opinion',
      'ai.invited_on',
      'r.case_id',
      'r.proposed_outcome',
      'c.status as case_status',
    ])
    .where('ai.id', '=', itemId)
    .where('ai.session_id', '=', sessionId)
    .executeTakeFirst();
  if (!item) throw notFound('Dossier de l’ordre du jour');
  await assertPersonInScope(trx, actor, item.person_id);
  return item;
}

export async function removeFromEpAgenda(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  itemId: string,
  request: RequestInfo,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await lockSession(trx, actor, sessionId, epPreparingStatuses, notPreparing);
    const item = await itemOf(trx, actor, sessionId, itemId);
    await trx.deleteFrom('ep_agenda_item').where('id', '=', itemId).execute();
    await audit({
      action: 'ep.agenda_removed',
      personId: item.person_id,
      targetType: 'ep_session',
      targetId: sessionId,
      details: { itemId, caseId: item.case_id },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

/**
 * Records that the person was invited to be heard by the EP at this session (the date the
 * invitation left). The letter itself is the messaging context's: the integrator calls this
 * once the letter is prepared.
 */
export async function inviteToSession(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  itemId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epInvitationInputSchema.parse(input);
  if (b.invitedOn > parisToday())
    throw refuse('invitedOn', 'future', 'La date d’invitation ne peut pas être postérieure à aujourd’hui.');
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const session = await lockSession(trx, actor, sessionId, epPreparingStatuses, (s) =>
      s === 'cancelled'
        ? 'Cette séance a été annulée : on n’y invite plus personne.'
        : 'Cette séance a déjà été tenue : l’invitation ne peut plus être enregistrée.',
    );
    const sessionDate = day(session.session_date);
    if (b.invitedOn > sessionDate)
      throw refuse('invitedOn', 'after_session', 'L’invitation doit précéder la séance.');
    const item = await itemOf(trx, actor, sessionId, itemId);
    await trx
      .updateTable('ep_agenda_item')
      .set({ invited_on: b.invitedOn, updated_at: new Date() })
      .where('id', '=', itemId)
      .execute();
    // The invitation letter (and e-mail when consented), from the administrators' template.
    const { messageIds } = await sendSanctionLetter(trx, {
      departmentCode: actor.departmentCode,
      actorAccountId: actor.accountId,
      personId: item.person_id,
      templateCode: 'ep_invitation',
      values: epInvitationValues({
        startsAt: parisInstant(sessionDate, session.start_time) ?? new Date(`${sessionDate}T12:00:00Z`),
        place: session.place,
        failure: await failureFactsOfCase(trx, actor.departmentCode, item.case_id),
      }),
      caseId: item.case_id,
      issuedOn: b.invitedOn,
    });
    await audit({
      action: 'ep.invited',
      personId: item.person_id,
      targetType: 'ep_session',
      targetId: sessionId,
      details: { itemId, caseId: item.case_id, invitedOn: b.invitedOn, sessionDate, messageIds },
    });
    await timeline(epEvents, {
      personId: item.person_id,
      occurredOn: b.invitedOn,
      type: 'sanction_ep_invited',
      data: { sessionDate, caseId: item.case_id, messageIds },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}

/** The EP's opinion on one case of a held session (corrected until the minutes are signed). */
export async function giveEpOpinion(
  ctx: AppContext,
  actor: RequestActor,
  sessionId: string,
  itemId: string,
  input: unknown,
  request: RequestInfo,
) {
  const b = epOpinionInputSchema.parse(input);
  if (b.hearing === 'represented' && !b.representedBy)
    throw refuse(
      'representedBy',
      'required',
      'Indiquez qui représentait ou assistait la personne (nom et qualité).',
    );
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const session = await lockSession(trx, actor, sessionId, ['held'], (s) =>
      s === 'cancelled'
        ? 'Cette séance a été annulée : aucun avis ne peut y être rendu. Inscrivez le dossier à une autre séance.'
        : s === 'closed'
          ? 'Le procès-verbal de cette séance est signé : ses avis ne se modifient plus.'
          : 'L’avis se rend une fois la séance tenue : enregistrez d’abord que la séance s’est tenue.',
    );
    const item = await itemOf(trx, actor, sessionId, itemId);
    if (!(caseStatusesAwaitingEp as readonly string[]).includes(item.case_status))
      throw refuse(
        'opinion',
        'case_not_awaiting',
        'La procédure de ce dossier n’attend plus d’avis : la décision est prise ou la procédure annulée.',
      );
    await trx
      .updateTable('ep_agenda_item')
      .set({
        opinion: b.opinion,
        reasoning: b.reasoning,
        hearing: b.hearing,
        represented_by: b.hearing === 'represented' ? b.representedBy : null,
        opinion_by: actor.accountId,
        updated_at: new Date(),
      })
      .where('id', '=', itemId)
      .execute();
    const sessionDate = day(session.session_date);
    await audit({
      action: 'ep.opinion_given',
      personId: item.person_id,
      targetType: 'sanction_case',
      targetId: item.case_id,
      details: {
        sessionId,
        itemId,
        opinion: b.opinion,
        hearing: b.hearing,
        proposedOutcome: item.proposed_outcome,
        previous: item.opinion,
      },
    });
    await timeline(epEvents, {
      personId: item.person_id,
      occurredOn: sessionDate,
      type: 'sanction_ep_opinion',
      data: { opinion: b.opinion, proposedOutcome: item.proposed_outcome, sessionDate },
    });
  });
  return getEpSession(ctx, actor, sessionId, request);
}
