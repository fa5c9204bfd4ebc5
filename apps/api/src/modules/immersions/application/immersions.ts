import {
  calendarDaysOf,
  type ImmersionContent,
  type ImmersionDetail,
  type ImmersionStatus,
  type ImmersionTransitionInput,
  immersionParties,
  immersionPartyLabels,
  immersionTransitionSchema,
  immersionWorkflow,
  weeklyHoursOf,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, invalid, invalidFields, unprocessable, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisDate, parisToday } from '../../../platform/time';
import { frenchDate } from '../../../platform/timeline/registry';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { plannedProblems } from '../domain/limits';
import { immersionEvents } from '../domain/timeline-events';
import {
  chainBefore,
  contentColumns,
  contentOf,
  endOf,
  type ImmersionRow,
  resetSignatures,
  signaturesOf,
  startOf,
} from '../infra/immersion-repo';
import { immersionLimitsOn } from './limits';
import { loadImmersionDetail, personOfImmersion } from './read';

type Trx = Transaction<Database>;
const REFUSED = 'La convention n’a pas été enregistrée : elle ne respecte pas les règles des immersions.';

export const daysOfChain = (rows: ImmersionRow[]) =>
  rows.filter((r) => r.status !== 'cancelled').reduce((n, r) => n + calendarDaysOf(startOf(r), endOf(r)), 0);

/** The dates, schedule and limits of a content (the limits in force on its start date; a renewal counts its chain). */
export async function assertPlanned(
  db: Trx | AppContext['db'],
  departmentCode: string,
  content: Pick<ImmersionContent, 'startDate' | 'endDate' | 'schedule'>,
  renewalOf: string | null,
) {
  const limits = await immersionLimitsOn(db, departmentCode, content.startDate);
  const chain = await chainBefore(db, renewalOf);
  const problems = plannedProblems(content, limits, daysOfChain(chain));
  if (problems.length)
    throw invalidFields(problems, `${REFUSED} ${problems.map((p) => p.message).join(' ')}`);
  return chain;
}

async function assertContract(db: AppContext['db'], personId: string, contractId: string | null) {
  if (!contractId) return;
  const found = await db
    .selectFrom('engagement_contract')
    .select('id')
    .where('id', '=', contractId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!found) throw invalid('contractId', 'Ce contrat d’engagement n’est pas celui de la personne.');
}

export const eventData = (r: Pick<ImmersionRow, 'host_name' | 'start_date' | 'end_date'>) => ({
  hostName: r.host_name,
  startDate: startOf(r),
  endDate: endOf(r),
});

/** A référent draws up a convention for a person of their scope; the accompanying structure is theirs. */
export async function createImmersion(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  content: ImmersionContent,
  request: RequestInfo,
): Promise<ImmersionDetail> {
  await requirePerson(ctx, actor, personId, request, 'act');
  if (!actor.structureId) {
    throw unprocessable(
      'Votre compte n’est rattaché à aucune structure : la structure d’accompagnement de la convention ne peut pas être déterminée.',
    );
  }
  await assertPlanned(ctx.db, actor.departmentCode, content, null);
  await assertContract(ctx.db, personId, content.contractId);
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await trx
      .insertInto('immersion')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        structure_id: actor.structureId!,
        created_by: actor.accountId,
        renewal_of: null,
        ...contentColumns(content, weeklyHoursOf(content.schedule)),
      })
      .returning(['id', 'host_name', 'start_date', 'end_date'])
      .executeTakeFirstOrThrow();
    await audit({ action: 'immersion.created', personId, targetType: 'immersion', targetId: row.id });
    await timeline(immersionEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'immersion_created',
      data: eventData(row),
    });
    return row.id;
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, id);
}

/**
 * Changes the content before validation (postponing is changing the dates): once anyone has signed,
 * the signatures are removed and the links closed — the parties signed another text — and the
 * convention goes back to draft, to be submitted again.
 */
export async function updateImmersion(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { version: number; content: ImmersionContent },
  request: RequestInfo,
): Promise<ImmersionDetail> {
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const { content } = input;
  await assertContract(ctx.db, personId, content.contractId);
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await trx
      .selectFrom('immersion')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (row.version !== input.version) throw versionConflict();
    if (!['draft', 'awaiting_signatures', 'signed'].includes(row.status)) {
      throw conflict('Une convention validée ne se modifie plus : annulez-la ou renouvelez-la.');
    }
    const chain = await assertPlanned(trx, actor.departmentCode, content, row.renewal_of);
    const renewed = chain[0];
    if (renewed && renewed.host_siret !== content.host.siret) {
      throw invalid('host.siret', 'Un renouvellement se fait avec la même structure d’accueil (même SIRET).');
    }
    if (renewed && content.startDate <= endOf(renewed)) {
      throw invalid(
        'startDate',
        `Le renouvellement commence après la fin de l’immersion renouvelée (le ${frenchDate(endOf(renewed))}).`,
      );
    }
    const columns = contentColumns(content, weeklyHoursOf(content.schedule));
    const signed = (await signaturesOf(trx, id)).length > 0;
    const now = new Date();
    const data = { ...eventData({ ...row, ...columns }), signaturesReset: signed };
    if (row.status === 'draft') {
      await trx
        .updateTable('immersion')
        .set({ ...columns, version: row.version + 1, updated_at: now })
        .where('id', '=', id)
        .execute();
      await resetSignatures(trx, id, now);
      await audit({
        action: 'immersion.updated',
        personId,
        targetType: 'immersion',
        targetId: id,
        details: data,
      });
      await timeline(immersionEvents, {
        personId,
        occurredOn: parisToday(),
        type: 'immersion_updated',
        data,
      });
      return;
    }
    await transition(trx, {
      workflow: immersionWorkflow,
      table: 'immersion',
      id,
      to: 'draft',
      actor,
      request,
      version: input.version,
      notFoundLabel: 'Convention d’immersion',
      set: () => ({ ...columns, updated_at: now }),
      after: () => resetSignatures(trx, id, now),
      audit: () => ({
        action: 'immersion.updated',
        personId,
        targetType: 'immersion',
        targetId: id,
        details: data,
      }),
      timeline: () => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: parisToday(),
        type: 'immersion_updated',
        data,
        actorAccountId: actor.accountId,
      }),
    });
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, id);
}

const timelineOf: Partial<Record<ImmersionStatus, Parameters<typeof immersionEvents.append>[1]['type']>> = {
  awaiting_signatures: 'immersion_submitted',
  validated: 'immersion_validated',
  in_progress: 'immersion_started',
  ended: 'immersion_ended',
  cancelled: 'immersion_cancelled',
};

/** Why a convention may not be validated now: a missing signature, or a start before the last one. */
export async function validationProblem(trx: Trx, row: ImmersionRow): Promise<string | null> {
  const signatures = await signaturesOf(trx, row.id);
  const missing = immersionParties.filter((p) => !signatures.some((s) => s.party === p));
  if (missing.length) {
    return `Validation impossible : il manque la signature de ${missing.map((p) => immersionPartyLabels[p].toLowerCase()).join(', ')}.`;
  }
  const last = parisDate(
    new Date(
      signatures
        .map((s) => s.signedAt)
        .sort()
        .at(-1)!,
    ),
  );
  if (startOf(row) < last) {
    return `Validation impossible : l’immersion commencerait le ${frenchDate(startOf(row))}, avant que toutes les parties aient signé (dernière signature le ${frenchDate(last)}). Reportez les dates : les parties signeront à nouveau.`;
  }
  return null;
}

/** One move of the workflow (submit, validate, start, end, cancel), with the rules beyond the table. */
export async function transitionImmersion(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ImmersionTransitionInput,
  request: RequestInfo,
): Promise<ImmersionDetail> {
  const { to, version, reason } = immersionTransitionSchema.parse(input);
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  if (to === 'cancelled' && !reason)
    throw invalid('reason', 'Indiquez le motif de l’annulation.', 'required');
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await transition(trx, {
      workflow: immersionWorkflow,
      table: 'immersion',
      id,
      to,
      actor,
      request,
      version,
      notFoundLabel: 'Convention d’immersion',
      check: async (row) => {
        if (to === 'awaiting_signatures' || to === 'validated') {
          await assertPlanned(trx, actor.departmentCode, contentOf(row), row.renewal_of);
        }
        if (to === 'validated') return validationProblem(trx, row);
        if ((to === 'in_progress' || to === 'ended') && today < startOf(row)) {
          return `L’immersion commence le ${frenchDate(startOf(row))} : elle ne peut pas ${to === 'ended' ? 'se terminer' : 'commencer'} avant.`;
        }
        return null;
      },
      set: () => ({
        updated_at: new Date(),
        ...(to === 'validated' ? { validated_at: new Date(), validated_by: actor.accountId } : {}),
        ...(to === 'cancelled' ? { cancel_reason: reason } : {}),
      }),
      after: async () => {
        if (to === 'cancelled') await resetLinks(trx, id);
      },
      audit: (row) => ({
        action: 'immersion.status_changed',
        personId,
        targetType: 'immersion',
        targetId: id,
        details: { from: row.status, to, ...(reason ? { reason } : {}) },
      }),
      timeline: (row) => ({
        departmentCode: actor.departmentCode,
        personId,
        occurredOn: today,
        type: timelineOf[to]!,
        data: { ...eventData(row), ...(reason ? { reason } : {}) },
        actorAccountId: actor.accountId,
      }),
    });
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, id);
}

async function resetLinks(trx: Trx, id: string) {
  await trx
    .updateTable('immersion_sign_token')
    .set({ used_at: new Date() })
    .where('immersion_id', '=', id)
    .where('used_at', 'is', null)
    .execute();
}
