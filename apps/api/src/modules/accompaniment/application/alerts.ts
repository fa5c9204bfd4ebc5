import {
  type Alert,
  type AlertKind,
  type AlertsQuery,
  type AlertsResult,
  alertKindLabels,
  alertKinds,
  alertsQuerySchema,
} from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { personScope } from '../../beneficiaries';
import { deriveAlerts } from '../domain/alerts';
import { alertRules, loadAlertFacts } from '../infra/alerts-repo';
import { type FollowScope, followedBy, resolveFollowScope } from '../infra/follow-scope';

type ScopedActor = Pick<
  RequestActor,
  'role' | 'departmentCode' | 'hubId' | 'structureId' | 'personId' | 'accountId'
>;

/**
 * The alerts of the persons a scope follows, on `today`: derived from the facts at each call, for
 * persons subject to duties with open rights within the reader's person scope. Not audited here:
 * each caller records the list it shows.
 */
export async function alertsOf(
  ctx: AppContext,
  actor: ScopedActor,
  scope: FollowScope,
  today: string,
): Promise<Alert[]> {
  const [rules, persons] = await Promise.all([
    alertRules(ctx.db, actor.departmentCode),
    loadAlertFacts(ctx.db, actor.departmentCode, personScope(actor), followedBy(scope)),
  ]);
  const alerts: Alert[] = [];
  for (const p of persons) {
    for (const a of deriveAlerts(p.facts, today, rules)) {
      alerts.push({ ...a, personId: p.id, personName: p.name, referentName: p.referentName });
    }
  }
  return alerts.sort((a, b) => b.daysLate - a.daysLate || a.personName.localeCompare(b.personName, 'fr'));
}

/** Alerts grouped by kind, in the order of the kinds, every kind present (zero included). */
export function groupAlerts(alerts: readonly Alert[]): AlertsResult['groups'] {
  return alertKinds.map((kind) => {
    const items = alerts.filter((a) => a.kind === kind);
    return { kind, label: alertKindLabels[kind], count: items.length, items };
  });
}

/** The alerts screen: a référent's persons, a structure's (its manager, the administrator). Audited. */
export async function listAlerts(
  ctx: AppContext,
  actor: RequestActor,
  query: AlertsQuery,
  request: RequestInfo,
  today = parisToday(),
): Promise<AlertsResult> {
  const f = alertsQuerySchema.parse(query);
  const scope = await resolveFollowScope(ctx.db, actor, f);
  const all = await alertsOf(ctx, actor, scope, today);
  const alerts = f.kind ? all.filter((a) => a.kind === f.kind) : all;
  await recordPersonList(
    ctx,
    actor,
    request,
    'alerts',
    { ...query, structureId: scope.structure?.id ?? query.structureId },
    alerts.map((a) => a.personId),
  );
  return {
    today,
    structure: scope.structure,
    referents: scope.referents,
    total: alerts.length,
    groups: groupAlerts(alerts),
  };
}

/** Counts per kind of the actor's own alerts (home page): no person named, so not a read. */
export async function countAlerts(
  ctx: AppContext,
  actor: RequestActor,
  today = parisToday(),
): Promise<Record<AlertKind, number>> {
  const scope = await resolveFollowScope(ctx.db, actor, {});
  const alerts = await alertsOf(ctx, actor, scope, today);
  const counts = Object.fromEntries(alertKinds.map((k) => [k, 0])) as Record<AlertKind, number>;
  for (const a of alerts) counts[a.kind]++;
  return counts;
}
