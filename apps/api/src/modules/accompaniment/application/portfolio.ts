import {
  type Portfolio,
  type PortfolioEntry,
  type PortfolioQuery,
  portfolioQuerySchema,
} from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { personScope } from '../../beneficiaries';
import { addCalendarDays, mondayOf } from '../domain/agenda';
import { resolveFollowScope } from '../infra/follow-scope';
import { loadPortfolioRows } from '../infra/portfolio-repo';
import { alertsOf } from './alerts';

type Parsed = ReturnType<typeof portfolioQuerySchema.parse>;

const byName = (a: PortfolioEntry, b: PortfolioEntry) => a.personName.localeCompare(b.personName, 'fr');
/** Empty values last, whatever the order. */
function nullsLast<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, dir: number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return cmp(a, b) * dir;
}

function sortEntries(entries: PortfolioEntry[], f: Parsed): PortfolioEntry[] {
  const dir = f.order === 'desc' ? -1 : 1;
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const key: Record<NonNullable<Parsed['sort']>, (a: PortfolioEntry, b: PortfolioEntry) => number> = {
    name: (a, b) => byName(a, b) * dir,
    next_appointment: (a, b) =>
      nullsLast(
        a.nextAppointment ? (a.nextAppointment.startsAt ?? a.nextAppointment.onDate) : null,
        b.nextAppointment ? (b.nextAppointment.startsAt ?? b.nextAppointment.onDate) : null,
        text,
        dir,
      ),
    contract_end: (a, b) => nullsLast(a.contract?.endDate ?? null, b.contract?.endDate ?? null, text, dir),
    alerts: (a, b) => (a.alerts.length - b.alerts.length) * dir,
  };
  const cmp = key[f.sort ?? 'name'];
  return [...entries].sort((a, b) => cmp(a, b) || byName(a, b));
}

/**
 * The portfolio and every row of it before the filters: the persons currently assigned to the
 * référent (a référent: their own; a manager: the structure's or one référent's; the administrator:
 * the structure chosen), sorted and filtered. Not audited: each caller records what it shows.
 */
export async function buildPortfolio(
  ctx: AppContext,
  actor: RequestActor,
  query: PortfolioQuery,
  now = new Date(),
): Promise<Portfolio> {
  const f = portfolioQuerySchema.parse(query);
  const today = parisToday(now);
  const weekStart = mondayOf(today);
  const followed = await resolveFollowScope(ctx.db, actor, f);
  const base = { today, weekStart, structure: followed.structure, referents: followed.referents };
  if (!followed.structure || followed.referentIds?.length === 0) return { ...base, total: 0, entries: [] };
  const scope = { ...followed, includeUnassigned: false };
  const [rows, alerts] = await Promise.all([
    loadPortfolioRows(
      ctx.db,
      actor.departmentCode,
      now,
      today,
      { start: weekStart, end: addCalendarDays(weekStart, 6) },
      scope.referentIds,
      followed.structure.id,
      personScope(actor),
    ),
    alertsOf(ctx, actor, scope, today),
  ]);
  const alertsOfPerson = new Map<string, PortfolioEntry['alerts']>();
  for (const a of alerts) {
    alertsOfPerson.set(a.personId, [
      ...(alertsOfPerson.get(a.personId) ?? []),
      { kind: a.kind, label: a.label },
    ]);
  }
  const all: PortfolioEntry[] = rows.map((r) => ({ ...r, alerts: alertsOfPerson.get(r.personId) ?? [] }));
  const matching = all.filter(
    (e) =>
      (f.contract === undefined ||
        (f.contract === 'none' ? e.contract === null : e.contract?.status === f.contract)) &&
      (f.withAlerts === undefined || (f.withAlerts === 'yes') === e.alerts.length > 0),
  );
  return { ...base, total: all.length, entries: sortEntries(matching, f) };
}

/** The portfolio screen; the persons shown are a list read, audited. */
export async function getPortfolio(
  ctx: AppContext,
  actor: RequestActor,
  query: PortfolioQuery,
  request: RequestInfo,
  now = new Date(),
): Promise<Portfolio> {
  const portfolio = await buildPortfolio(ctx, actor, query, now);
  await recordPersonList(
    ctx,
    actor,
    request,
    'portfolio',
    { ...query, structureId: portfolio.structure?.id ?? query.structureId },
    portfolio.entries.map((e) => e.personId),
  );
  return portfolio;
}
