import {
  type DreesStatistics,
  type DreesTable,
  type DreesTableKey,
  maskSmallCells,
  SMALL_CELL_THRESHOLD,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { parisToday } from '../../../platform/time';
import { type DreesTableSpec, dreesTableSpecs } from '../domain/drees-tables';
import {
  dreesEntryToOrientation,
  dreesOrientationToContract,
  dreesReorientations,
  dreesStock,
} from '../infra/drees-repo';

/** The last 31 December before today (Paris): the survey's usual date. */
export function lastThirtyFirstDecember(today = parisToday()): string {
  return `${Number(today.slice(0, 4)) - 1}-12-31`;
}

/** Raw counts of one table: `row|column` → n. */
type Counts = Map<string, number>;

function add(counts: Counts, row: string, column: string, n: number) {
  const key = `${row}|${column}`;
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Every table's counts, unmasked (for the tests and the masking step only: never published as is). */
export async function computeDreesCounts(
  db: Kysely<Database>,
  departmentCode: string,
  on: string,
): Promise<Record<DreesTableKey, Counts>> {
  const yearStart = `${on.slice(0, 4)}-01-01`;
  const [stock, entry, contract, reorientations] = await Promise.all([
    dreesStock(db, departmentCode, on),
    dreesEntryToOrientation(db, departmentCode, yearStart, on),
    dreesOrientationToContract(db, departmentCode, yearStart, on),
    dreesReorientations(db, departmentCode, yearStart, on),
  ]);
  const counts = Object.fromEntries(dreesTableSpecs.map((s) => [s.key, new Map()])) as Record<
    DreesTableKey,
    Counts
  >;
  for (const r of stock) {
    add(counts.orientation, r.state, 'all', r.n);
    add(counts.age, r.age, r.state, r.n);
    add(counts.sex, r.sex, r.state, r.n);
    add(counts.household, r.household, r.state, r.n);
    add(counts.seniority, r.seniority, r.state, r.n);
    if (r.state === 'france_travail')
      add(counts.franceTravailRegistration, r.registered ? 'registered' : 'not_registered', 'all', r.n);
    if (r.state === 'employment_network' || r.state === 'non_employment') {
      add(counts.contractInForce, r.duration ? 'with_contract' : 'without_contract', r.state, r.n);
      if (r.duration) add(counts.contractDuration, r.duration, r.state, r.n);
    }
  }
  for (const r of entry) add(counts.entryToOrientation, r.band, 'all', r.n);
  for (const r of contract) add(counts.orientationToContract, r.band, 'all', r.n);
  for (const r of reorientations) add(counts.reorientations, r.band, 'all', r.n);
  return counts;
}

/** One table as published: its counts laid out by its bands, then masked (secondary masking). */
export function maskedTable(spec: DreesTableSpec, counts: Counts): DreesTable {
  const raw = spec.rows.map(([row]) => spec.columns.map(([column]) => counts.get(`${row}|${column}`) ?? 0));
  return {
    key: spec.key,
    title: spec.title,
    definition: spec.definition,
    rowHeader: spec.rowHeader,
    rows: spec.rows.map(([, label]) => label),
    columns: spec.columns.map(([, label]) => label),
    ...maskSmallCells(raw, SMALL_CELL_THRESHOLD),
  };
}

/** The DREES statistics of the département on `on` (default: the last 31 December), masked. */
export async function dreesStatistics(
  db: Kysely<Database>,
  departmentCode: string,
  on: string = lastThirtyFirstDecember(),
): Promise<DreesStatistics> {
  const counts = await computeDreesCounts(db, departmentCode, on);
  return {
    on,
    yearStart: `${on.slice(0, 4)}-01-01`,
    threshold: SMALL_CELL_THRESHOLD,
    tables: dreesTableSpecs.map((spec) => maskedTable(spec, counts[spec.key])),
  };
}
