import type { Hub } from '@parcours/contracts';

/**
 * The period and pôle of the indicators screen, kept in the page's address (`from`, `to`, `hub`:
 * the same names as the API and the CLI), and the quick choices of period. Pure: dates are
 * ISO calendar days (YYYY-MM-DD), computed in UTC so no time zone shifts them.
 */
export interface IndicatorFilters {
  from: string;
  to: string;
  /** The pôle's code, absent for the whole département. */
  hub?: string | undefined;
}

function parts(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number];
}

function isoOf(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** 1 January of the year of `today`, to `today`. */
export function yearToDate(today: string): IndicatorFilters {
  const [y] = parts(today);
  return { from: isoOf(y, 0, 1), to: today };
}

/** The last full calendar month before `today`'s. */
export function lastFullMonth(today: string): IndicatorFilters {
  const [y, m] = parts(today);
  // Day 0 of this month is the last day of the previous one.
  return { from: isoOf(y, m - 2, 1), to: isoOf(y, m - 1, 0) };
}

/** The last full calendar quarter before `today`'s. */
export function lastFullQuarter(today: string): IndicatorFilters {
  const [y, m] = parts(today);
  const quarterStart = Math.floor((m - 1) / 3) * 3;
  return { from: isoOf(y, quarterStart - 3, 1), to: isoOf(y, quarterStart, 0) };
}

/** The previous calendar year. */
export function lastFullYear(today: string): IndicatorFilters {
  const [y] = parts(today);
  return { from: isoOf(y - 1, 0, 1), to: isoOf(y - 1, 11, 31) };
}

export interface PeriodChoice {
  key: string;
  label: string;
  period: IndicatorFilters;
}

/** The quick choices offered above the form, most used first. */
export function periodChoices(today: string): PeriodChoice[] {
  return [
    { key: 'annee-en-cours', label: 'Depuis le 1er janvier', period: yearToDate(today) },
    { key: 'mois-dernier', label: 'Le mois dernier', period: lastFullMonth(today) },
    { key: 'trimestre-dernier', label: 'Le trimestre dernier', period: lastFullQuarter(today) },
    { key: 'annee-derniere', label: 'L’année dernière', period: lastFullYear(today) },
  ];
}

/**
 * The filters of an address: what it says, or the default period (1 January to today). Values are
 * kept as typed so a malformed one reaches the API, whose French message shows under its field.
 */
export function filtersFromParams(params: URLSearchParams, today: string): IndicatorFilters {
  const fallback = yearToDate(today);
  const hub = params.get('hub')?.trim();
  return {
    from: params.get('from')?.trim() || fallback.from,
    to: params.get('to')?.trim() || fallback.to,
    hub: hub || undefined,
  };
}

/** The address query of some filters (with extra keys such as the drill-down's indicator). */
export function paramsOf(filters: IndicatorFilters, extra: Record<string, string> = {}): URLSearchParams {
  const next = new URLSearchParams(extra);
  next.set('from', filters.from);
  next.set('to', filters.to);
  if (filters.hub) next.set('hub', filters.hub);
  return next;
}

/** « du 01/01/2026 au 31/03/2026 » from ISO days (other values as they are). */
export function periodLabel(filters: IndicatorFilters): string {
  const fr = (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
  };
  return `du ${fr(filters.from)} au ${fr(filters.to)}`;
}

/** « Tout le département » or the pôle's name (its code when the list does not know it). */
export function territoryLabel(
  hub: string | undefined | null,
  hubs: readonly Pick<Hub, 'id' | 'code' | 'name'>[],
): string {
  if (!hub) return 'Tout le département';
  const known = hubs.find((h) => h.code === hub || h.id === hub);
  return known ? known.name : `Pôle ${hub}`;
}
