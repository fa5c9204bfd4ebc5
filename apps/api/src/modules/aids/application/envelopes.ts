import { type AidEnvelopeInput, aidKindLabels, formatCents } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, invalid, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { envelopeSums, envelopesOfYear, findEnvelope } from '../infra/aids-repo';

/** The envelopes of a year with what each has committed, asked and left. */
export async function listEnvelopes(ctx: AppContext, actor: RequestActor, year: number) {
  return { year, items: await envelopesOfYear(ctx.db, actor.departmentCode, year) };
}

/**
 * Opens or changes the envelope of a year, kind and pôle, audited with its former amount and the
 * reason. Under the row's lock: an envelope never goes below what is already committed on it.
 */
export async function setEnvelope(
  ctx: AppContext,
  actor: RequestActor,
  input: AidEnvelopeInput,
  request: RequestInfo,
) {
  const hub = await ctx.db
    .selectFrom('insertion_hub')
    .select(['id', 'name'])
    .where('id', '=', input.hubId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!hub) throw invalid('hubId', 'Pôle inconnu dans votre département.');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const dep = actor.departmentCode;
    const existing = await findEnvelope(trx, dep, input.year, input.kind, hub.id, true);
    if (existing && input.version !== existing.version) throw versionConflict();
    if (!existing && input.version !== null)
      throw conflict('Cette enveloppe n’existe plus : rechargez la page.');
    const sums = await envelopeSums(trx, dep, input.year, input.kind, hub.id);
    const committed = sums.validated + sums.ordered + sums.paid;
    if (input.amountCents < committed)
      throw invalid(
        'amountCents',
        `L’enveloppe ne peut pas être inférieure aux aides déjà engagées sur elle (${formatCents(committed)}).`,
      );
    let id: string;
    if (existing) {
      await trx
        .updateTable('aid_envelope')
        .set({
          amount_cents: input.amountCents,
          updated_by: actor.accountId,
          updated_at: new Date(),
          version: existing.version + 1,
        })
        .where('id', '=', existing.id)
        .execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('aid_envelope')
        .values({
          department_code: dep,
          year: input.year,
          kind: input.kind,
          hub_id: hub.id,
          amount_cents: input.amountCents,
          updated_by: actor.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await audit({
      action: 'aid.envelope_set',
      targetType: 'aid_envelope',
      targetId: id,
      reason: input.reason,
      details: {
        year: input.year,
        kind: input.kind,
        kindLabel: aidKindLabels[input.kind],
        hubId: hub.id,
        hubName: hub.name,
        fromCents: existing?.amountCents ?? null,
        toCents: input.amountCents,
      },
    });
  });
  return listEnvelopes(ctx, actor, input.year);
}
