import type { PlanPauvreteIndicators } from '@parcours/contracts';

/**
 * A straightforward TypeScript reading of INDICATORS.md over a small history, written without
 * the read model nor SQL: the property test compares it with `computePlanPauvreteIndicators`.
 */
export interface ModelPerson {
  id: string;
  hub: string | null;
  rights: { date: string; open: boolean; subject: boolean }[];
  orientations: { date: string; pathway: string; programme: string | null }[];
  appointments: { date: string; purpose: string; status: string }[];
  contracts: string[];
}
export interface ModelPair {
  hub: string;
  pair: boolean;
  from: string;
  to: string | null;
}
export interface ModelQuery {
  from: string;
  to: string;
  hub: string | null;
  computedOn: string;
}

const DAY = 86_400_000;
const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => iso(utc(d) + n * DAY);
export const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / DAY);
/** Calendar months, the day clamped to the month's last (31 Jan + 1 = 28/29 Feb). */
export function addMonths(d: string, n: number): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m, Math.min(Number(d.slice(8, 10)), last)));
}
const min = (dates: string[]) => (dates.length ? dates.reduce((a, b) => (b < a ? b : a)) : null);
const round1 = (num: number, den: number) => Math.round((num * 10) / den) / 10;
const within = (d: string, from: string, to: string) => d >= from && d <= to;

/** Every figure at its empty value: 0 for counts, null for a ratio or a mean. */
export function noFigures(some: Partial<PlanPauvreteIndicators> = {}): PlanPauvreteIndicators {
  return {
    newEntrants: 0,
    newEntrantsOriented: 0,
    newEntrantsOrientedWithin1Month: 0,
    firstAppointmentsSet: 0,
    firstAppointmentsWithin2Weeks: 0,
    firstContracts: 0,
    firstContractsWithin2Months: 0,
    activityGuaranteeOriented: 0,
    activityGuaranteeInProgress: 0,
    globalSupportPerAdvisor: null,
    globalSupportStartDelayDays: null,
    ...some,
  };
}

export function modelIndicators(
  persons: ModelPerson[],
  pairs: ModelPair[],
  q: ModelQuery,
): PlanPauvreteIndicators {
  const f = noFigures();
  let global = 0;
  const delays: number[] = [];
  for (const p of persons.filter((x) => q.hub === null || x.hub === q.hub)) {
    // Entries: open and subject to duties while the previous state was not both.
    const rights = [...p.rights].sort((a, b) => (a.date < b.date ? -1 : 1));
    const entries: string[] = [];
    let before = false;
    for (const r of rights) {
      const both = r.open && r.subject;
      if (both && !before) entries.push(r.date);
      before = both;
    }
    entries.forEach((entry, i) => {
      const next = entries[i + 1] ?? '9999-12-31';
      const oriented = p.orientations
        .filter((o) => o.date >= entry && o.date < next)
        .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
      const firstAppointment = oriented
        ? min(
            p.appointments
              .filter((a) => a.purpose === 'accompaniment' && a.status !== 'cancelled')
              .map((a) => a.date)
              .filter((d) => d >= oriented.date && d < next),
          )
        : null;
      const firstContract = oriented ? min(p.contracts.filter((d) => d >= oriented.date && d < next)) : null;
      if (within(entry, q.from, q.to)) {
        f.newEntrants++;
        if (oriented && oriented.date <= q.computedOn) {
          f.newEntrantsOriented++;
          if (oriented.date <= addMonths(entry, 1)) f.newEntrantsOrientedWithin1Month++;
        }
      }
      if (oriented && within(oriented.date, q.from, q.to)) {
        if (
          (oriented.pathway === 'social' || oriented.pathway === 'socio-professional') &&
          firstAppointment &&
          firstAppointment <= q.computedOn
        ) {
          f.firstAppointmentsSet++;
          if (firstAppointment <= addDays(oriented.date, 14)) f.firstAppointmentsWithin2Weeks++;
        }
        if (firstContract && firstContract <= q.computedOn) {
          f.firstContracts++;
          if (firstContract <= addMonths(oriented.date, 2)) f.firstContractsWithin2Months++;
        }
      }
    });
    // Garantie d'activité: the flow, then the stock on the last day.
    const programmeInPeriod = p.orientations.filter((o) => o.programme && within(o.date, q.from, q.to));
    if (programmeInPeriod.length) f.activityGuaranteeOriented++;
    for (const o of programmeInPeriod.filter((x) => x.programme === 'accompagnement-global')) {
      const first = min(
        p.appointments
          .filter((a) => a.purpose === 'accompaniment' && a.status !== 'cancelled')
          .map((a) => a.date)
          .filter((d) => d >= o.date && d <= q.computedOn),
      );
      if (first) delays.push(daysBetween(o.date, first));
    }
    const latest = p.orientations.filter((o) => o.date <= q.to).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
    const rightsOnDay = rights.filter((r) => r.date <= q.to).at(-1);
    if (latest?.programme && rightsOnDay?.open) {
      f.activityGuaranteeInProgress++;
      if (latest.programme === 'accompagnement-global') global++;
    }
  }
  const active = pairs.filter(
    (r) => r.pair && (q.hub === null || r.hub === q.hub) && r.from <= q.to && (r.to === null || r.to >= q.to),
  ).length;
  f.globalSupportPerAdvisor = active ? round1(global, active) : null;
  f.globalSupportStartDelayDays = delays.length
    ? round1(
        delays.reduce((a, b) => a + b, 0),
        delays.length,
      )
    : null;
  return f;
}
