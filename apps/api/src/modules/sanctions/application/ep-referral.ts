import { type EpProposedOutcome, type EpReferral, epReferralInputSchema } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { epEvents } from '../domain/ep-timeline-events';
import { caseStatusesAwaitingEp } from '../infra/ep-repo';
import { notSubjectRefusal } from './failures';
import { sanctionRegimeOn } from './sanction-rules';

const day = (v: unknown) => String(v).slice(0, 10);
const refuse = (path: string, code: string, message: string) =>
  unprocessable(message, 'VALIDATION_ERROR', [{ path, code, message }]);

/**
 * Submits a sanction case to the EP of the person's pôle with the outcome proposed (removal,
 * reorientation, or a sanction of the regime before June 2025): after the prior notice, before the
 * decision, once per case. The secretariat then puts it on a session's agenda.
 */
export async function referToEp(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  caseId: string,
  input: unknown,
  request: RequestInfo,
): Promise<EpReferral> {
  const b = epReferralInputSchema.parse(input);
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  if (!person.summary.subjectToDuties) throw notSubjectRefusal();
  if (b.submittedOn > parisToday())
    throw refuse('submittedOn', 'future', 'La date de saisine ne peut pas être postérieure à aujourd’hui.');
  if (!person.hubId)
    throw refuse(
      'personId',
      'no_hub',
      'La commune de la personne n’est rattachée à aucun pôle : aucune équipe pluridisciplinaire ne peut être saisie.',
    );
  const hubId = person.hubId;
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const c = await trx
      .selectFrom('sanction_case')
      .select(['id', 'status', 'facts_date', 'notice_sent_on'])
      .where('id', '=', caseId)
      .where('person_id', '=', personId)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound('Procédure de sanction');
    if (!(caseStatusesAwaitingEp as readonly string[]).includes(c.status))
      throw conflict(
        c.status === 'opened'
          ? 'La personne doit d’abord être informée des faits (information préalable) avant la saisine de l’EP.'
          : 'Un dossier se soumet à l’EP avant la décision (celle-ci est prise ou la procédure annulée).',
      );
    if (c.notice_sent_on && b.submittedOn < day(c.notice_sent_on))
      throw refuse(
        'submittedOn',
        'before_notice',
        'La saisine de l’EP ne peut précéder l’information préalable.',
      );
    const already = await trx
      .selectFrom('ep_referral')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (already) throw conflict('Ce dossier a déjà été soumis à l’équipe pluridisciplinaire.');
    if (b.proposedOutcome === 'sanction') {
      const regime = await sanctionRegimeOn(trx, actor.departmentCode, day(c.facts_date));
      if (!regime.epOpinionRequiredForSanction)
        throw refuse(
          'proposedOutcome',
          'ep_not_for_sanction',
          'Sous le régime en vigueur à la date des faits, la suspension se décide sans avis de l’EP : soumettez une radiation ou une réorientation.',
        );
    }
    const created = await trx
      .insertInto('ep_referral')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        case_id: caseId,
        hub_id: hubId,
        proposed_outcome: b.proposedOutcome,
        reason: b.reason,
        submitted_on: b.submittedOn,
        submitted_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'sanction.ep_referred',
      personId,
      targetType: 'sanction_case',
      targetId: caseId,
      details: { referralId: created.id, proposedOutcome: b.proposedOutcome, hubId },
    });
    await timeline(epEvents, {
      personId,
      occurredOn: b.submittedOn,
      type: 'sanction_ep_referred',
      data: { proposedOutcome: b.proposedOutcome },
    });
    return created.id;
  });
  return {
    id,
    caseId,
    personId,
    hubId,
    proposedOutcome: b.proposedOutcome as EpProposedOutcome,
    reason: b.reason,
    submittedOn: b.submittedOn,
  };
}
