import type { MedicalRecommendation, MedicalReferralStatus } from '@parcours/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, unprocessable } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { orientationEvents } from '../domain/timeline-events';
import { parisToday, type Request } from './person-context';

/*
 * Requests to the medical team, as the other agents see them: opening one, and its status and
 * recommendation. Never the health records (medical.ts).
 */

export const OPEN_REFERRAL: MedicalReferralStatus[] = ['requested', 'in_progress'];

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
    .where('status', 'in', OPEN_REFERRAL)
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
  // Ids and status only: no medical content ever reaches the timeline.
  await orientationEvents.append(trx, {
    departmentCode: actor.departmentCode,
    personId: input.personId,
    occurredOn: input.requestedOn,
    type: 'medical_referral',
    data: { referralId: row.id, status: 'requested' },
    actorAccountId: actor.accountId,
    source: 'parcours',
  });
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
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  const hubId = person.hubId;
  if (!hubId) {
    throw unprocessable(
      'La commune de cette personne n’est rattachée à aucun pôle d’insertion : la demande ne peut pas être adressée.',
    );
  }
  const id = await unitOfWork(ctx, actor, request, async ({ trx }) => {
    await sql`SELECT id FROM person WHERE id = ${personId} FOR UPDATE`.execute(trx);
    const r = await openMedicalReferral(ctx, trx, actor, {
      personId,
      hubId,
      reason,
      requestedOn: parisToday(),
      request,
    });
    if (!r.created) {
      throw conflict('Une demande d’avis à l’équipe médicale est déjà en cours pour cette personne.');
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
