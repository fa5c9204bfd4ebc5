import type { AidKind, AidQueueItem } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { ceilingRuleOn } from '../domain/ceilings';
import { aidQuery, envelopesOfYear, personYearCommitted, toAid, yearOf } from '../infra/aids-repo';
import { getAidCeilings } from './ceilings';

const QUEUE_MAX = 500;

/**
 * The aids manager's queue (the whole département): requests to decide by default, the oldest
 * first, each with the envelope of its year, kind and pôle as it is now, the person's yearly
 * total of the kind and the ceilings of the request's day. The persons listed are audited.
 */
export async function aidQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: { status: 'requested' | 'validated' | 'ordered' | 'paid' | 'all'; hubId?: string },
  request: RequestInfo,
): Promise<{ items: AidQueueItem[] }> {
  let q = aidQuery(ctx.db, actor.departmentCode);
  if (query.status !== 'all') q = q.where('a.status', '=', query.status);
  if (query.hubId) q = q.where('a.hub_id', '=', query.hubId);
  const rows = await q.orderBy('a.requested_on').orderBy('a.created_at').limit(QUEUE_MAX).execute();
  const aids = rows.map(toAid);
  const { rules } = await getAidCeilings(ctx, actor);
  const years = [...new Set(aids.map((a) => yearOf(a.requestedOn)))];
  const envelopes = new Map<string, Awaited<ReturnType<typeof envelopesOfYear>>>();
  for (const y of years) envelopes.set(String(y), await envelopesOfYear(ctx.db, actor.departmentCode, y));
  const items: AidQueueItem[] = [];
  for (const aid of aids) {
    const year = yearOf(aid.requestedOn);
    const envelope = envelopes
      .get(String(year))!
      .find((e) => e.kind === aid.kind && e.hubId === aid.hubId) ?? {
      envelopeId: null,
      year,
      kind: aid.kind,
      hubId: aid.hubId,
      hubName: aid.hubName,
      amountCents: null,
      validatedCents: 0,
      orderedCents: 0,
      paidCents: 0,
      committedCents: 0,
      requestedCents: 0,
      remainingCents: null,
      updatedByName: null,
      updatedAt: null,
      version: null,
    };
    const rule = ceilingRuleOn(rules, aid.requestedOn);
    items.push({
      ...aid,
      envelope,
      personYearCommittedCents: await personYearCommitted(ctx.db, aid.personId, aid.kind, year, aid.id),
      ceilingPerAidCents: rule.perAid[aid.kind as AidKind],
      ceilingPerPersonYearCents: rule.perPersonYear[aid.kind as AidKind],
    });
  }
  await recordPersonList(
    ctx,
    actor,
    request,
    'aids.queue',
    { status: query.status, hubId: query.hubId },
    aids.map((a) => a.personId),
  );
  return { items };
}
