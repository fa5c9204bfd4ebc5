import {
  type ImmersionAssessmentInput,
  type ImmersionDetail,
  type ImmersionRenewalInput,
  immersionAssessmentSchema,
  immersionWorkflow,
  weeklyHoursOf,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, invalid, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { frenchDate } from '../../../platform/timeline/registry';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { immersionEvents } from '../domain/timeline-events';
import { contentColumns, contentOf, endOf, renewalOfRow, scheduleOf } from '../infra/immersion-repo';
import { assertPlanned, eventData } from './immersions';
import { loadImmersionDetail, personOfImmersion } from './read';

/** After the convention: its renewal with the same host, and the end assessment. */

const RENEWABLE = ['validated', 'in_progress', 'ended', 'assessed'];

/**
 * A renewal: a new convention (draft) with the same host, content copied, starting after the end of
 * the renewed one. The maximum duration counts the whole chain (see `plannedProblems`).
 */
export async function renewImmersion(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ImmersionRenewalInput,
  request: RequestInfo,
): Promise<ImmersionDetail> {
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const newId = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await trx
      .selectFrom('immersion')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (row.version !== input.version) throw versionConflict();
    if (!RENEWABLE.includes(row.status)) {
      throw conflict('Seule une immersion validée, en cours ou terminée peut être renouvelée.');
    }
    if (await renewalOfRow(trx, id)) throw conflict('Cette immersion a déjà été renouvelée.');
    if (input.startDate <= endOf(row)) {
      throw invalid(
        'startDate',
        `Le renouvellement commence après la fin de l’immersion renouvelée (le ${frenchDate(endOf(row))}).`,
      );
    }
    const content = { ...contentOf(row), startDate: input.startDate, endDate: input.endDate };
    await assertPlanned(trx, actor.departmentCode, content, id);
    const created = await trx
      .insertInto('immersion')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        structure_id: actor.structureId ?? row.structure_id,
        created_by: actor.accountId,
        renewal_of: id,
        ...contentColumns(content, weeklyHoursOf(scheduleOf(row.schedule))),
      })
      .returning(['id', 'host_name', 'start_date', 'end_date'])
      .executeTakeFirstOrThrow();
    await audit({
      action: 'immersion.renewed',
      personId,
      targetType: 'immersion',
      targetId: created.id,
      details: { renewalOf: id },
    });
    await timeline(immersionEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'immersion_created',
      data: { ...eventData(created), renewalOf: id },
    });
    return created.id;
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, newId);
}

/**
 * The end assessment. An immersion whose last day has passed is ended by its dates first (recorded
 * by the same move); otherwise the end must have been recorded.
 */
export async function assessImmersion(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ImmersionAssessmentInput,
  request: RequestInfo,
): Promise<ImmersionDetail> {
  const a = immersionAssessmentSchema.parse(input);
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    const row = await trx.selectFrom('immersion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    let version = a.version;
    if (['validated', 'in_progress'].includes(row.status) && endOf(row) < today && row.version === version) {
      await transition(trx, {
        workflow: immersionWorkflow,
        table: 'immersion',
        id,
        to: 'ended',
        actor,
        request,
        version,
        notFoundLabel: 'Convention d’immersion',
        audit: () => ({
          action: 'immersion.status_changed',
          personId,
          targetType: 'immersion',
          targetId: id,
          details: { from: row.status, to: 'ended', byDates: true },
        }),
        timeline: () => ({
          departmentCode: actor.departmentCode,
          personId,
          occurredOn: endOf(row),
          type: 'immersion_ended',
          data: eventData(row),
          actorAccountId: actor.accountId,
        }),
      });
      version += 1;
    }
    const offerContract = a.jobOffer ? a.offerContract : null;
    await transition(trx, {
      workflow: immersionWorkflow,
      table: 'immersion',
      id,
      to: 'assessed',
      actor,
      request,
      version,
      notFoundLabel: 'Convention d’immersion',
      set: () => ({
        outcome: a.outcome,
        skills_observed: a.skillsObserved,
        job_offer: a.jobOffer,
        offer_contract: offerContract,
        host_comment: a.hostComment,
        assessed_on: today,
        updated_at: new Date(),
      }),
      audit: () => ({
        action: 'immersion.assessed',
        personId,
        targetType: 'immersion',
        targetId: id,
        details: { outcome: a.outcome, jobOffer: a.jobOffer, offerContract },
      }),
      timeline: () => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: today,
        type: 'immersion_assessed',
        data: { ...eventData(row), outcome: a.outcome, jobOffer: a.jobOffer, offerContract },
        actorAccountId: actor.accountId,
      }),
    });
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, id);
}
