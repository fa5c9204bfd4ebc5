import type {
  MedicalRecommendation,
  MedicalReferralDetail,
  MedicalReferralStatus,
  MedicalReferralSummary,
  medicalRecommendationInputSchema,
  medicalRecordInputSchema,
  medicalReferralListQuerySchema,
} from '@parcours/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, forbidden, notFound, versionConflict } from '../../../platform/errors';
import { personSummaryQuery, toPersonSummary } from '../../beneficiaries';
import { parisToday, type Request, requirePersonInScope } from './person-context';

/*
 * The medical team's work. Health data (table medical_record) is selected in this file only, and
 * only by the functions behind the `medical.read` permission and the pôle check. What other roles
 * may see of a referral is its status and the recommendation (`recommendationsOf`).
 */

const OPEN: MedicalReferralStatus[] = ['requested', 'in_progress'];

function timeline(
  trx: Transaction<Database>,
  actor: RequestActor,
  personId: string,
  occurredOn: string,
  referralId: string,
  status: MedicalReferralStatus,
) {
  // Ids and status only: no medical content ever reaches the timeline.
  return trx
    .insertInto('timeline_event')
    .values({
      department_code: actor.departmentCode,
      person_id: personId,
      occurred_on: occurredOn,
      type: 'medical_referral',
      data: JSON.stringify({ referralId, status }),
      actor_account_id: actor.accountId,
      source: 'parcours',
    })
    .execute();
}

/**
 * Opens a request to the medical team of a pôle inside the caller's transaction, unless one is
 * already open for the person (its id is returned then, `created` false).
 */
export async function openMedicalReferral(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: RequestActor,
  input: { personId: string; hubId: string; reason: string; requestedOn: string; request: Request | null },
): Promise<{ id: string; created: boolean }> {
  const open = await trx
    .selectFrom('medical_referral')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  if (open) return { id: open.id, created: false };
  const team = await trx
    .selectFrom('structure')
    .select('id')
    .where('department_code', '=', actor.departmentCode)
    .where('hub_id', '=', input.hubId)
    .where('kind', '=', 'medical_team')
    .where('active', '=', true)
    .orderBy('name')
    .executeTakeFirst();
  const row = await trx
    .insertInto('medical_referral')
    .values({
      department_code: actor.departmentCode,
      person_id: input.personId,
      hub_id: input.hubId,
      structure_id: team?.id ?? null,
      requested_by: actor.accountId,
      requested_on: input.requestedOn,
      request_reason: input.reason,
      status: 'requested',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await timeline(trx, actor, input.personId, input.requestedOn, row.id, 'requested');
  await ctx.audit.record(
    {
      actor,
      action: 'medical.referral_requested',
      personId: input.personId,
      targetType: 'medical_referral',
      targetId: row.id,
      request: input.request,
    },
    trx,
  );
  return { id: row.id, created: true };
}

/** "Adresser à l'équipe médicale": the request goes to the medical team of the person's pôle. */
export async function requestMedicalReferral(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  reason: string,
  request: Request,
): Promise<MedicalRecommendation> {
  const person = await requirePersonInScope(ctx, actor, personId, request);
  const hubId = person.hubId;
  if (!hubId) {
    throw new DomainError(
      'unprocessable',
      'VALIDATION_ERROR',
      'La commune de cette personne n’est rattachée à aucun pôle d’insertion : la demande ne peut pas être adressée.',
    );
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT id FROM person WHERE id = ${personId} FOR UPDATE`.execute(trx);
    const r = await openMedicalReferral(ctx, trx, actor, {
      personId,
      hubId,
      reason,
      requestedOn: parisToday(),
      request,
    });
    if (!r.created) {
      throw new DomainError(
        'conflict',
        'CONFLICT',
        'Une demande d’avis à l’équipe médicale est déjà en cours pour cette personne.',
      );
    }
    return r.id;
  });
  return (await recommendationsOf(ctx.db, personId)).find((r) => r.referralId === id)!;
}

/** What everyone with access to the person sees: status and recommendation, never the records. */
export async function recommendationsOf(
  db: Kysely<Database>,
  personId: string,
): Promise<MedicalRecommendation[]> {
  const rows = await db
    .selectFrom('medical_referral')
    .select([
      'id',
      'status',
      'requested_on',
      'request_reason',
      'compatible_actions',
      'care_pathway_advised',
      'recommendation',
      'recommended_on',
    ])
    .where('person_id', '=', personId)
    .orderBy('requested_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    referralId: r.id,
    status: r.status,
    requestedOn: String(r.requested_on),
    requestReason: r.request_reason,
    compatibleActions: r.compatible_actions,
    carePathwayAdvised: r.care_pathway_advised,
    recommendation: r.recommendation,
    recommendedOn: r.recommended_on ? String(r.recommended_on) : null,
  }));
}

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

/** The medical team's list: the referrals of its own pôle. */
export async function listMedicalReferrals(
  ctx: AppContext,
  actor: RequestActor,
  query: z.output<typeof medicalReferralListQuerySchema>,
): Promise<MedicalReferralSummary[]> {
  if (!actor.hubId) throw forbidden('Les demandes d’avis sont celles de l’équipe médicale d’un pôle.');
  const statuses: MedicalReferralStatus[] =
    query.status === 'open'
      ? OPEN
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
  return summaries(ctx.db, actor, rows);
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
  if (row.status === 'cancelled') {
    throw new DomainError(
      'conflict',
      'CONFLICT',
      'Cette demande d’avis est annulée : rien ne peut y être ajouté.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
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
    await trx
      .updateTable('medical_referral')
      .set({ status: 'in_progress', updated_at: new Date(), version: sql`version + 1` })
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .execute();
    // The trace says a record was written, never what it says.
    await ctx.audit.record(
      {
        actor,
        action: 'medical.record_added',
        personId: row.person_id,
        targetType: 'medical_referral',
        targetId: id,
        details: { recordId: record.id, kind: input.kind },
        request,
      },
      trx,
    );
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
  if (row.status === 'completed' || row.status === 'cancelled') {
    throw new DomainError(
      'conflict',
      'CONFLICT',
      row.status === 'completed'
        ? 'L’avis de l’équipe médicale a déjà été rendu pour cette demande.'
        : 'Cette demande d’avis est annulée.',
    );
  }
  const today = parisToday();
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('medical_referral')
      .set({
        status: 'completed',
        compatible_actions: input.compatibleActions,
        care_pathway_advised: input.carePathwayAdvised,
        recommendation: input.recommendation,
        recommended_on: today,
        recommended_by: actor.accountId,
        updated_at: new Date(),
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', 'in', OPEN)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw versionConflict();
    await timeline(trx, actor, row.person_id, today, id, 'completed');
    await ctx.audit.record(
      {
        actor,
        action: 'medical.recommendation_given',
        personId: row.person_id,
        targetType: 'medical_referral',
        targetId: id,
        details: { carePathwayAdvised: input.carePathwayAdvised },
        request,
      },
      trx,
    );
  });
  return detail(ctx, actor, await referralQuery(ctx.db).where('r.id', '=', id).executeTakeFirstOrThrow());
}
