import {
  type MedicalReferralDetail,
  type MedicalReferralStatus,
  type MedicalReferralSummary,
  type medicalRecommendationInputSchema,
  type medicalRecordInputSchema,
  type medicalReferralListQuerySchema,
  medicalReferralWorkflow,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, forbidden, notFound, versionConflict } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { transition, transitionIfAllowed } from '../../../platform/workflow/transition';
import { personSummaryQuery, toPersonSummary } from '../../beneficiaries';
import { OPEN_REFERRAL } from './medical-requests';
import { parisToday, type Request } from './person-context';

export { openMedicalReferral, recommendationsOf, requestMedicalReferral } from './medical-requests';

/*
 * The medical team's work. Health data (table medical_record) is selected in this file only, and
 * only by the functions behind the `medical.read` permission and the pôle check. What other roles
 * may see of a referral is its status and the recommendation (`recommendationsOf`).
 */

function referralQuery(db: Kysely<Database>) {
  return db
    .selectFrom('medical_referral as r')
    .innerJoin('insertion_hub as rh', 'rh.id', 'r.hub_id')
    .leftJoin('account as req', 'req.id', 'r.requested_by')
    .leftJoin('account as rec', 'rec.id', 'r.recommended_by')
    .select([
      'r.id',
      'r.person_id',
      'r.hub_id',
      'rh.name as hub_name',
      'r.status',
      'r.requested_on',
      'r.request_reason',
      'req.display_name as requested_by_name',
      'r.recommended_on',
      'r.compatible_actions',
      'r.care_pathway_advised',
      'r.recommendation',
      'rec.display_name as recommended_by_name',
      'r.version',
    ]);
}
type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

async function summaries(
  db: Kysely<Database>,
  actor: RequestActor,
  rows: ReferralRow[],
): Promise<MedicalReferralSummary[]> {
  if (rows.length === 0) return [];
  const persons = await personSummaryQuery(db)
    .where(
      'p.id',
      'in',
      rows.map((r) => r.person_id),
    )
    .execute();
  const byId = new Map(persons.map((p) => [p.id, toPersonSummary(p, actor)]));
  return rows.map((r) => ({
    id: r.id,
    person: byId.get(r.person_id)!,
    hubName: r.hub_name,
    status: r.status,
    requestedOn: String(r.requested_on),
    requestReason: r.request_reason,
    requestedByName: r.requested_by_name,
    recommendedOn: r.recommended_on ? String(r.recommended_on) : null,
    version: r.version,
  }));
}

/** The medical team's list: the referrals of its own pôle (a bulk read, audited). */
export async function listMedicalReferrals(
  ctx: AppContext,
  actor: RequestActor,
  query: z.output<typeof medicalReferralListQuerySchema>,
  request: Request,
): Promise<MedicalReferralSummary[]> {
  if (!actor.hubId) throw forbidden('Les demandes d’avis sont celles de l’équipe médicale d’un pôle.');
  const statuses: MedicalReferralStatus[] =
    query.status === 'open'
      ? OPEN_REFERRAL
      : query.status === 'all'
        ? ['requested', 'in_progress', 'completed', 'cancelled']
        : [query.status];
  const rows = await referralQuery(ctx.db)
    .where('r.department_code', '=', actor.departmentCode)
    .where('r.hub_id', '=', actor.hubId)
    .where('r.status', 'in', statuses)
    .orderBy('r.requested_on', 'asc')
    .orderBy('r.created_at', 'asc')
    .limit(500)
    .execute();
  const items = await summaries(ctx.db, actor, rows);
  await recordPersonList(
    ctx,
    actor,
    request,
    'medical.referrals',
    { ...query },
    items.map((r) => r.person.id),
  );
  return items;
}

/** A referral of the actor's pôle, else 404 (unknown) or 403 (another pôle, traced). */
async function referralInScope(ctx: AppContext, actor: RequestActor, id: string, request: Request) {
  const row = await referralQuery(ctx.db)
    .where('r.id', '=', id)
    .where('r.department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!row) throw notFound('Demande d’avis');
  if (!actor.hubId || row.hub_id !== actor.hubId) {
    await ctx.audit.record({
      actor,
      action: 'medical.read_denied',
      personId: row.person_id,
      targetType: 'medical_referral',
      targetId: id,
      request,
    });
    throw forbidden('Cette demande d’avis relève de l’équipe médicale d’un autre pôle.');
  }
  return row;
}

/** A referral with its health records; every reading is traced as a reading of health data. */
export async function getMedicalReferral(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: Request,
): Promise<MedicalReferralDetail> {
  const row = await referralInScope(ctx, actor, id, request);
  await ctx.audit.record({
    actor,
    action: 'medical.read',
    personId: row.person_id,
    targetType: 'medical_referral',
    targetId: id,
    reason: 'équipe médicale : dossier médical',
    request,
  });
  return detail(ctx, actor, row);
}

async function detail(
  ctx: AppContext,
  actor: RequestActor,
  row: ReferralRow,
): Promise<MedicalReferralDetail> {
  const [summary] = await summaries(ctx.db, actor, [row]);
  const records = await ctx.db
    .selectFrom('medical_record as m')
    .leftJoin('account as a', 'a.id', 'm.author_account_id')
    .select(['m.id', 'm.kind', 'm.body', 'm.recorded_at', 'a.display_name'])
    .where('m.referral_id', '=', row.id)
    .orderBy('m.recorded_at', 'asc')
    .orderBy('m.id')
    .execute();
  return {
    ...summary!,
    compatibleActions: row.compatible_actions,
    carePathwayAdvised: row.care_pathway_advised,
    recommendation: row.recommendation,
    recommendedByName: row.recommended_by_name,
    records: records.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      authorName: m.display_name,
      recordedAt: new Date(m.recorded_at).toISOString(),
    })),
  };
}

/** A diagnosis or a note of the medical team; the first one puts the request under examination. */
export async function addMedicalRecord(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: z.output<typeof medicalRecordInputSchema>,
  request: Request,
): Promise<MedicalReferralDetail> {
  const row = await referralInScope(ctx, actor, id, request);
  if (row.status === 'cancelled')
    throw conflict('Cette demande d’avis est annulée : rien ne peut y être ajouté.');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const record = await trx
      .insertInto('medical_record')
      .values({
        department_code: actor.departmentCode,
        referral_id: id,
        person_id: row.person_id,
        kind: input.kind,
        body: input.body,
        author_account_id: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The trace says a record was written, never what it says.
    const trace = {
      action: 'medical.record_added' as const,
      personId: row.person_id,
      targetType: 'medical_referral',
      targetId: id,
      details: { recordId: record.id, kind: input.kind },
    };
    // Under examination from the first record on; later records leave the status as it is.
    const moved = await transitionIfAllowed(trx, {
      workflow: medicalReferralWorkflow,
      table: 'medical_referral',
      id,
      to: 'in_progress',
      actor,
      request,
      notFoundLabel: 'Demande d’avis',
      set: () => ({ updated_at: new Date() }),
      audit: () => trace,
    });
    if (!moved) await audit(trace);
  });
  return detail(ctx, actor, await referralQuery(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

/** The recommendation others will see; the request is then completed. */
export async function recommend(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: z.output<typeof medicalRecommendationInputSchema>,
  request: Request,
): Promise<MedicalReferralDetail> {
  const row = await referralInScope(ctx, actor, id, request);
  const today = parisToday();
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      workflow: medicalReferralWorkflow,
      table: 'medical_referral',
      id,
      to: 'completed',
      actor,
      request,
      notFoundLabel: 'Demande d’avis',
      // The version after the status: "already given" says more than "reload".
      check: (r) => {
        if (r.version !== input.version) throw versionConflict();
        return null;
      },
      set: () => ({
        compatible_actions: input.compatibleActions,
        care_pathway_advised: input.carePathwayAdvised,
        recommendation: input.recommendation,
        recommended_on: today,
        recommended_by: actor.accountId,
        updated_at: new Date(),
      }),
      audit: () => ({
        action: 'medical.recommendation_given',
        personId: row.person_id,
        targetType: 'medical_referral',
        targetId: id,
        details: { carePathwayAdvised: input.carePathwayAdvised },
      }),
      // Ids and status only: no medical content ever reaches the timeline.
      timeline: () => ({
        departmentCode: actor.departmentCode,
        personId: row.person_id,
        occurredOn: today,
        type: 'medical_referral',
        data: { referralId: id, status: 'completed' },
        actorAccountId: actor.accountId,
        source: 'parcours',
      }),
    }),
  );
  return detail(ctx, actor, await referralQuery(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow());
}
