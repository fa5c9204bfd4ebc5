import {
  contractDelayBands,
  type DashboardBand,
  type DashboardQuery,
  type DashboardResponse,
  firstAppointmentDelayBands,
  orientationDelayBands,
  queueAgeBands,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid } from '../../../platform/errors';
import { parisToday } from '../../../platform/time';
import { capRuleOnDay } from '../../accompaniment';
import type { DashboardScope } from '../infra/dashboard-filters';
import { findHub, findStructure } from '../infra/dashboard-filters-repo';
import {
  contractDelays,
  firstAppointmentDelays,
  monthlyEntrants,
  orientationDelays,
} from '../infra/dashboard-flows';
import { loadsByStructure, queueByHub, referralsByAction } from '../infra/dashboard-stocks';

const bands = (
  defs: readonly { key: string; label: string }[],
  counts: Map<string, number>,
): DashboardBand[] => defs.map((d) => ({ key: d.key, label: d.label, count: counts.get(d.key) ?? 0 }));

/**
 * `GET /api/dashboards/steering`: every series of the steering dashboard, computed live in SQL from
 * the facts and the entry-spell read model. Counts only: no person comes out. Stocks (queue,
 * portfolios) are read on the period's last day, or today when the period runs past it.
 */
export async function getSteeringDashboard(
  ctx: AppContext,
  actor: RequestActor,
  query: DashboardQuery,
  today = parisToday(),
): Promise<DashboardResponse> {
  const departmentCode = actor.departmentCode;
  const hub = query.hub ? await findHub(ctx.db, departmentCode, query.hub) : null;
  if (query.hub && !hub) throw invalid('hub', 'Pôle d’insertion inconnu.');
  const structure = query.structure ? await findStructure(ctx.db, departmentCode, query.structure) : null;
  if (query.structure && !structure) throw invalid('structure', 'Structure inconnue.');
  const scope: DashboardScope = {
    departmentCode,
    from: query.from,
    to: query.to,
    on: query.to < today ? query.to : today,
    hubId: hub?.id ?? null,
    structureId: structure?.id ?? null,
  };
  // Sequential: one connection serves PGlite, and the statements are short.
  const months = await monthlyEntrants(ctx.db, scope);
  const delays = await orientationDelays(ctx.db, scope);
  const queue = await queueByHub(ctx.db, scope);
  const appointments = await firstAppointmentDelays(ctx.db, scope);
  const contracts = await contractDelays(ctx.db, scope);
  const loads = await loadsByStructure(ctx.db, scope);
  const rule = await capRuleOnDay(ctx.db, departmentCode, scope.on);
  const actions = await referralsByAction(ctx.db, scope);
  return {
    from: query.from,
    to: query.to,
    hub: query.hub ?? null,
    structure: query.structure ?? null,
    on: scope.on,
    newEntrants: months,
    orientationDelays: {
      entrants: delays.total,
      within1Month: delays.within,
      within6Weeks: delays.within2,
      bands: bands(orientationDelayBands, delays.counts),
    },
    queue: queue.map((q) => {
      const b = bands(queueAgeBands, q.bands);
      return {
        hubId: q.hubId,
        hubName: q.hubName ?? 'Pôle non déterminé',
        bands: b,
        total: b.reduce((a, x) => a + x.count, 0),
      };
    }),
    firstAppointmentDelays: {
      oriented: appointments.total,
      within2Weeks: appointments.within,
      bands: bands(firstAppointmentDelayBands, appointments.counts),
    },
    contractDelays: {
      oriented: contracts.total,
      within2Months: contracts.within,
      bands: bands(contractDelayBands, contracts.counts),
    },
    portfolioLoads: loads.map((l) => {
      const perKind = (rule.byKind as Record<string, number>)[l.kind] ?? 0;
      return {
        structureId: l.structureId,
        structureName: l.structureName,
        hubName: l.hubName,
        referents: l.referents,
        persons: l.persons,
        cap: l.pairs * rule.globalSupportPair + (l.referents - l.pairs) * perKind,
      };
    }),
    actions,
  };
}
