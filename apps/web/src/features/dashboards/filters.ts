/**
 * The dashboard's filters, kept in the page's address (`from`, `to`, `hub`, `structure`: the API's
 * names). Pure; dates are ISO calendar days.
 */
export interface DashboardFilters {
  from: string;
  to: string;
  /** The pôle's code, absent for the whole département. */
  hub?: string | undefined;
  /** The structure's uuid, absent for every structure. */
  structure?: string | undefined;
}

/** 1 January of the previous year to `today`: a year and more of months to compare. */
export function defaultPeriod(today: string): Pick<DashboardFilters, 'from' | 'to'> {
  return { from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: today };
}

/** What the address says, or the default period; values kept as typed (the API explains a bad one). */
export function filtersFromParams(params: URLSearchParams, today: string): DashboardFilters {
  const fallback = defaultPeriod(today);
  return {
    from: params.get('from')?.trim() || fallback.from,
    to: params.get('to')?.trim() || fallback.to,
    hub: params.get('hub')?.trim() || undefined,
    structure: params.get('structure')?.trim() || undefined,
  };
}

export function paramsOf(filters: DashboardFilters): URLSearchParams {
  const next = new URLSearchParams();
  next.set('from', filters.from);
  next.set('to', filters.to);
  if (filters.hub) next.set('hub', filters.hub);
  if (filters.structure) next.set('structure', filters.structure);
  return next;
}

/** « 01/01/2026 » from an ISO day (other values as they are). */
export function frDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const monthNames = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

/** « mars 2026 » from « 2026-03 ». */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthNames[m - 1] ?? m} ${y}`;
}

/** « 42 % » (one decimal when needed), or « — » without a denominator. */
export function share(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toLocaleString('fr-FR')} %`;
}

/** File-name part of the filters: « 2026-01-01_2026-03-31 » plus the pôle's code. */
export function fileSuffix(filters: DashboardFilters): string {
  return [filters.from, filters.to, filters.hub].filter(Boolean).join('_');
}
