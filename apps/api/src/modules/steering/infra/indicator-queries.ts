import type { PlanPauvreteIndicatorKey, PlanPauvreteIndicators } from '@parcours/contracts';
import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import {
  activePairsCount,
  type IndicatorWindow,
  programmeOrientationRows,
  programmeStockRows,
  spellRows,
} from './indicator-rows';

type Q = Kysely<Database>;

/** 3.1.1, 3.1.2, 3.1.3: one scan of the entry spells. */
async function spellCounts(db: Q, w: IndicatorWindow) {
  const { rows } = await sql<{
    newEntrants: number;
    newEntrantsOriented: number;
    newEntrantsOrientedWithin1Month: number;
    firstAppointmentsSet: number;
    firstAppointmentsWithin2Weeks: number;
    firstContracts: number;
    firstContractsWithin2Months: number;
  }>`
    SELECT
      count(*) FILTER (WHERE x.new_entrant)::int AS "newEntrants",
      count(*) FILTER (WHERE x.new_entrant_oriented)::int AS "newEntrantsOriented",
      count(*) FILTER (WHERE x.new_entrant_oriented_1m)::int AS "newEntrantsOrientedWithin1Month",
      count(*) FILTER (WHERE x.first_appointment)::int AS "firstAppointmentsSet",
      count(*) FILTER (WHERE x.first_appointment_2w)::int AS "firstAppointmentsWithin2Weeks",
      count(*) FILTER (WHERE x.first_contract)::int AS "firstContracts",
      count(*) FILTER (WHERE x.first_contract_2m)::int AS "firstContractsWithin2Months"
    FROM (${spellRows(w)}) x`.execute(db);
  return rows[0]!;
}

/** 3.2.1 flow and the 3.2.2 start delay: the programme orientations of the period. */
async function programmeOrientationCounts(db: Q, w: IndicatorWindow) {
  const { rows } = await sql<{
    activityGuaranteeOriented: number;
    globalSupportStartDelayDays: number | null;
  }>`
    SELECT count(DISTINCT x.person_id)::int AS "activityGuaranteeOriented",
      round(avg(x.delay_days) FILTER (WHERE x.global_support_started), 1)::float8 AS "globalSupportStartDelayDays"
    FROM (${programmeOrientationRows(w)}) x`.execute(db);
  return rows[0]!;
}

/** 3.2.1 stock and 3.2.2 (persons per active pair) on the period's last day. */
async function programmeStockCounts(db: Q, w: IndicatorWindow) {
  const { rows } = await sql<{ activityGuaranteeInProgress: number; globalSupportPerAdvisor: number | null }>`
    WITH stock AS (${programmeStockRows(w)}), pairs AS (${activePairsCount(w)})
    SELECT (SELECT count(*)::int FROM stock) AS "activityGuaranteeInProgress",
      (SELECT round((SELECT count(*) FROM stock WHERE global_support)::numeric / nullif(p.pairs, 0), 1)::float8
       FROM pairs p) AS "globalSupportPerAdvisor"`.execute(db);
  return rows[0]!;
}

/** Every indicator of INDICATORS.md for one window: three statements, run side by side. */
export async function countIndicators(db: Q, w: IndicatorWindow): Promise<PlanPauvreteIndicators> {
  const [spells, oriented, stock] = await Promise.all([
    spellCounts(db, w),
    programmeOrientationCounts(db, w),
    programmeStockCounts(db, w),
  ]);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    newEntrants: spells.newEntrants,
    newEntrantsOriented: spells.newEntrantsOriented,
    newEntrantsOrientedWithin1Month: spells.newEntrantsOrientedWithin1Month,
    firstAppointmentsSet: spells.firstAppointmentsSet,
    firstAppointmentsWithin2Weeks: spells.firstAppointmentsWithin2Weeks,
    firstContracts: spells.firstContracts,
    firstContractsWithin2Months: spells.firstContractsWithin2Months,
    activityGuaranteeOriented: oriented.activityGuaranteeOriented,
    activityGuaranteeInProgress: stock.activityGuaranteeInProgress,
    globalSupportPerAdvisor: num(stock.globalSupportPerAdvisor),
    globalSupportStartDelayDays: num(oriented.globalSupportStartDelayDays),
  };
}

// ---- Drill-down: the rows behind each figure, from the same sources ---------------------------------

interface Behind {
  /** The family's rows, with the columns named below. */
  rows: (w: IndicatorWindow) => RawBuilder<unknown>;
  /** The flag column of the rows counted in the figure; null: every row. */
  where: string | null;
  entryDate: string | null;
  orientedOn: string;
  eventOn: string | null;
  /** A person counted once whatever their rows (the earliest shown). */
  onePerPerson?: boolean;
}

const spell = (where: string, eventOn: string | null = null): Behind => ({
  rows: spellRows,
  where,
  entryDate: 'entry_date',
  orientedOn: 'oriented_on',
  eventOn,
});

/** For the ratio and the mean, the persons (orientations) they are computed from. */
const behind: Record<PlanPauvreteIndicatorKey, Behind> = {
  newEntrants: spell('new_entrant'),
  newEntrantsOriented: spell('new_entrant_oriented'),
  newEntrantsOrientedWithin1Month: spell('new_entrant_oriented_1m'),
  firstAppointmentsSet: spell('first_appointment', 'first_appointment_on'),
  firstAppointmentsWithin2Weeks: spell('first_appointment_2w', 'first_appointment_on'),
  firstContracts: spell('first_contract', 'first_contract_on'),
  firstContractsWithin2Months: spell('first_contract_2m', 'first_contract_on'),
  activityGuaranteeOriented: {
    rows: programmeOrientationRows,
    where: null,
    entryDate: null,
    orientedOn: 'notified_on',
    eventOn: null,
    onePerPerson: true,
  },
  activityGuaranteeInProgress: {
    rows: programmeStockRows,
    where: null,
    entryDate: null,
    orientedOn: 'notified_on',
    eventOn: null,
  },
  globalSupportPerAdvisor: {
    rows: programmeStockRows,
    where: 'global_support',
    entryDate: null,
    orientedOn: 'notified_on',
    eventOn: null,
  },
  globalSupportStartDelayDays: {
    rows: programmeOrientationRows,
    where: 'global_support_started',
    entryDate: null,
    orientedOn: 'notified_on',
    eventOn: 'first_appointment_on',
  },
};

export interface IndicatorPersonRow {
  id: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  entryDate: string | null;
  orientedOn: string | null;
  eventOn: string | null;
}

/** The rows of one figure as (person, dates), before the reader's scope. */
function behindRows(w: IndicatorWindow, key: PlanPauvreteIndicatorKey): RawBuilder<unknown> {
  const b = behind[key];
  const col = (c: string | null) => (c === null ? sql`NULL::date` : sql.ref(`x.${c}`));
  const picked = sql`SELECT x.person_id, ${col(b.entryDate)} AS entry_date, ${col(b.orientedOn)} AS oriented_on,
      ${col(b.eventOn)} AS event_on
    FROM (${b.rows(w)}) x WHERE ${b.where === null ? sql`true` : sql.ref(`x.${b.where}`)}`;
  return b.onePerPerson
    ? sql`SELECT DISTINCT ON (y.person_id) y.* FROM (${picked}) y ORDER BY y.person_id, y.oriented_on`
    : picked;
}

/**
 * One page of the persons behind a figure, within `scope` (a condition on `person p`), and how
 * many there are in all. Sorted by name, then dates.
 */
export async function indicatorPersonRows(
  db: Q,
  w: IndicatorWindow,
  key: PlanPauvreteIndicatorKey,
  scope: Expression<SqlBool>,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: IndicatorPersonRow[] }> {
  const source = sql`
    FROM (${behindRows(w, key)}) b
    JOIN person p ON p.id = b.person_id
    WHERE ${scope}`;
  const [count, list] = await Promise.all([
    sql<{ n: number }>`SELECT count(*)::int AS n ${source}`.execute(db),
    sql<IndicatorPersonRow>`
      SELECT p.id, coalesce(p.usual_name, p.birth_name) AS "lastName", p.first_name AS "firstName",
        p.birth_date::text AS "birthDate", b.entry_date::text AS "entryDate",
        b.oriented_on::text AS "orientedOn", b.event_on::text AS "eventOn"
      ${source}
      ORDER BY coalesce(p.usual_name, p.birth_name), p.first_name, p.id, b.entry_date, b.oriented_on
      LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), rows: list.rows };
}
