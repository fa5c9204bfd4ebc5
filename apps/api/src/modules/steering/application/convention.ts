import {
  type ConventionCell,
  type ConventionColumn,
  type ConventionHistory,
  type ConventionRow,
  type ConventionTable,
  type ConventionValueInput,
  classifyConventionValue,
  conventionColumnLabel,
  indicatorDefinitions,
  type PlanPauvreteIndicatorKey,
  type PlanPauvreteIndicators,
  planPauvreteIndicatorKeys,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid, notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { withoutRef } from '../domain/convention-parser';
import {
  loadConventionCells,
  loadConventionChanges,
  loadConventionRows,
  lockConventionValue,
} from '../infra/convention-repo';
import { computePlanPauvreteIndicators } from './indicators';

const isIndicatorKey = (k: string | null): k is PlanPauvreteIndicatorKey =>
  k !== null && (planPauvreteIndicatorKeys as readonly string[]).includes(k);

/** The computed column's year when none is asked: the last full calendar year. */
export const defaultConventionYear = (now = new Date()) => now.getUTCFullYear() - 1;

/** The figure and, for a part of a base (`of`), its share in % with one decimal. */
export function computedOf(key: PlanPauvreteIndicatorKey, figures: PlanPauvreteIndicators) {
  const value = figures[key];
  const of = indicatorDefinitions[key].of;
  const base = of ? figures[of] : null;
  const ratePercent =
    value !== null && typeof base === 'number' && base > 0 ? Math.round((value / base) * 1000) / 10 : null;
  return { value, ratePercent };
}

/**
 * The table for a year: every row with its values as printed, the columns present (by year,
 * objective before situation, as the seed prints them) and, for the rows Parcours computes, the
 * figures of `computePlanPauvreteIndicators` over 1 January – 31 December of the year.
 */
export async function readConventionTable(
  ctx: AppContext,
  departmentCode: string,
  askedYear?: number,
): Promise<ConventionTable> {
  const year = askedYear ?? defaultConventionYear();
  const [rows, cells] = await Promise.all([
    loadConventionRows(ctx.db, departmentCode),
    loadConventionCells(ctx.db, departmentCode),
  ]);
  const figures = rows.some((r) => isIndicatorKey(r.indicator_key))
    ? await computePlanPauvreteIndicators(ctx.db, {
        departmentCode,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        hubId: null,
      })
    : null;
  const columns = new Map<string, ConventionColumn>();
  const byRow = new Map<string, ConventionCell[]>();
  for (const { indicatorId, ...cell } of cells) {
    columns.set(`${cell.year}-${cell.kind}`, {
      kind: cell.kind,
      year: cell.year,
      label: conventionColumnLabel(cell.kind, cell.year),
    });
    byRow.set(indicatorId, [...(byRow.get(indicatorId) ?? []), cell]);
  }
  const order = (c: { year: number; kind: string }) => c.year * 2 + (c.kind === 'objective' ? 0 : 1);
  const sortedColumns = [...columns.values()].sort((a, b) => order(a) - order(b));
  return {
    year,
    columns: sortedColumns,
    rows: rows.map(
      (r): ConventionRow => ({
        id: r.id,
        key: r.key,
        position: r.position,
        axis: r.axis,
        axisLabel: withoutRef(r.axis_text),
        section: r.section,
        sectionLabel: withoutRef(r.section_text),
        objectiveRef: r.objective_ref,
        objectiveLabel: r.objective_text ? withoutRef(r.objective_text) : null,
        label: r.label,
        definition: r.definition,
        departmentComment: r.department_comment,
        indicatorKey: isIndicatorKey(r.indicator_key) ? r.indicator_key : null,
        cells: (byRow.get(r.id) ?? []).sort((a, b) => order(a) - order(b)),
        computed: figures && isIndicatorKey(r.indicator_key) ? computedOf(r.indicator_key, figures) : null,
      }),
    ),
  };
}

/**
 * The steering role changes a value: a count, a percentage, words, or « ND », with a comment.
 * Refused on a stale version (409); the change is written to the value's history and audited.
 */
export async function setConventionValue(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ConventionValueInput,
  request: RequestInfo,
): Promise<ConventionCell> {
  const next = classifyConventionValue(input.notAvailable ? 'ND' : (input.value ?? ''));
  if (next.kind === 'empty') throw invalid('value', 'Valeur : obligatoire (ou cochez « ND »).');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const current = await lockConventionValue(trx, actor.departmentCode, id);
    if (!current) throw notFound('Valeur du tableau');
    if (current.version !== input.version) throw versionConflict();
    const comment = input.comment.trim();
    if (!comment) throw invalid('comment', 'Commentaire : obligatoire.');
    await trx
      .updateTable('convention_value')
      .set((eb) => ({
        printed: next.printed,
        value_kind: next.kind,
        number: next.number,
        edited: true,
        version: eb('version', '+', 1),
        updated_at: new Date(),
        updated_by: actor.accountId,
      }))
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('convention_value_change')
      .values({
        department_code: actor.departmentCode,
        value_id: id,
        source: 'edit',
        printed_before: current.printed,
        printed: next.printed,
        value_kind: next.kind,
        comment,
        author_account_id: actor.accountId,
      })
      .execute();
    await audit({
      action: 'convention.value_set',
      targetType: 'convention_value',
      targetId: id,
      details: {
        key: current.key,
        column: current.column_kind,
        year: current.year,
        before: current.printed,
        printed: next.printed,
      },
    });
  });
  const [cell] = await loadConventionCells(ctx.db, actor.departmentCode, id);
  const { indicatorId: _, ...rest } = cell!;
  return rest;
}

/** A value's history, newest first: the import's line, then every change with its comment and author. */
export async function conventionValueHistory(
  ctx: AppContext,
  departmentCode: string,
  id: string,
): Promise<ConventionHistory> {
  const [stored] = await loadConventionCells(ctx.db, departmentCode, id);
  if (!stored) throw notFound('Valeur du tableau');
  const { indicatorId, ...cell } = stored;
  const row = await ctx.db
    .selectFrom('convention_indicator')
    .select(['label'])
    .where('id', '=', indicatorId)
    .executeTakeFirstOrThrow();
  const changes = await loadConventionChanges(ctx.db, departmentCode, id);
  return {
    cell,
    rowLabel: row.label,
    changes: changes.map((c) => ({
      id: c.id,
      source: c.source === 'edit' ? 'edit' : 'import',
      printedBefore: c.printed_before,
      printed: c.printed,
      valueKind: classifyConventionValue(c.printed).kind,
      comment: c.comment,
      author: c.display_name ?? null,
      changedAt: new Date(c.changed_at).toISOString(),
    })),
  };
}
