import type { ConvocationPreview, ConvocationPreviewInput } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { personScope } from '../../beneficiaries';
import {
  earliestByChannel,
  earliestConvocation,
  getConvocationDelays,
  reachableChannels,
} from '../../messaging';
import { fullName } from './convocation-plan';

/**
 * Before convening a selection: each person's usable channels (post needs an address, e-mail and
 * SMS a contact with consent) and the earliest appointment each reaches in time under the minimum
 * delays in force. The persons listed are audited as a list read.
 */
export async function previewConvocation(
  ctx: AppContext,
  actor: RequestActor,
  input: ConvocationPreviewInput,
  request: RequestInfo,
): Promise<ConvocationPreview> {
  const now = new Date();
  const rows = await ctx.db
    .selectFrom('person as p')
    .select(['p.id', 'p.first_name', 'p.birth_name', 'p.usual_name'])
    .where('p.id', 'in', input.personIds)
    .where(personScope(actor))
    .execute();
  if (rows.length !== new Set(input.personIds).size) throw notFound('Personne de votre périmètre');
  const byId = new Map(rows.map((r) => [r.id, r]));
  // The rule in force today, as the administrators' page shows it (built-in or recorded, by whom).
  const { current: rule } = await getConvocationDelays(ctx, actor);
  const persons: ConvocationPreview['persons'] = [];
  for (const id of new Set(input.personIds)) {
    const p = byId.get(id)!;
    const channels = await reachableChannels(ctx.db, actor.departmentCode, id);
    const earliest = earliestConvocation(channels, now, rule);
    persons.push({
      personId: id,
      name: fullName(p),
      channels: channels.map((channel) => ({
        channel,
        earliestAt: earliestByChannel(channel, now, rule).toISOString(),
      })),
      earliestAt: earliest ? earliest.toISOString() : null,
    });
  }
  await recordPersonList(
    ctx,
    actor,
    request,
    'convocation.preview',
    {},
    persons.map((p) => p.personId),
  );
  const reachable = persons.filter((p) => p.earliestAt).map((p) => p.earliestAt as string);
  return {
    rule,
    persons,
    earliestForAll: reachable.length ? reachable.reduce((a, b) => (a > b ? a : b)) : null,
  };
}
