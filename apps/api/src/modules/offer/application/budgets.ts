import {
  type ActionKind,
  type ActionStatus,
  type AnnexPrintedLine,
  type AxisBudget,
  type BudgetAmounts,
  type BudgetYearLine,
  type ManualBudgetInput,
  type OfferActionBudget,
  type OfferBudgets,
  offerAxisLabels,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { invalid, notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { type AnnexInconsistency, type CheckedAnnex, checkAnnex, formatEuros } from '../domain/annex-checks';
import {
  actionOfDepartment,
  latestAnnexYear,
  loadStoredAnnex,
  type StoredAnnex,
  upsertManualBudget,
} from '../infra/budget-repo';
import { consumptionOfOneYear } from './consumption';

/** The year shown when none is asked: the latest annex imported, else 2020. */
const yearOf = async (ctx: AppContext, departmentCode: string, asked: number | undefined) =>
  asked ?? (await latestAnnexYear(ctx.db, departmentCode)) ?? 2020;

const amounts = (
  a:
    | { amountCents: number | null; stateShareCents: number | null; departmentShareCents: number | null }
    | undefined,
): BudgetAmounts | null =>
  a
    ? {
        amountCents: a.amountCents,
        stateShareCents: a.stateShareCents,
        departmentShareCents: a.departmentShareCents,
      }
    : null;

function sum(rows: (BudgetAmounts | null)[]): BudgetAmounts {
  const add = (f: keyof BudgetAmounts) =>
    rows.some((r) => r?.[f] !== null && r?.[f] !== undefined)
      ? rows.reduce((s, r) => s + (r?.[f] ?? 0), 0)
      : null;
  return {
    amountCents: add('amountCents'),
    stateShareCents: add('stateShareCents'),
    departmentShareCents: add('departmentShareCents'),
  };
}

function actionBudgets(annex: StoredAnnex, year: number): OfferActionBudget[] {
  return annex.actions.map((a) => {
    const mine = annex.budgets.filter((b) => b.actionId === a.id);
    const of = (source: BudgetYearLine['source']) => mine.find((b) => b.year === year && b.source === source);
    const sheet = annex.sheets.get(a.id);
    return {
      actionId: a.id,
      code: a.code,
      title: a.title,
      axis: a.axis,
      kind: a.kind as ActionKind,
      status: a.status as ActionStatus,
      grouping: a.grouping,
      plannedBeneficiaries: a.plannedBeneficiaries,
      plannedBeneficiariesText: a.plannedBeneficiariesText,
      table: amounts(of('annex_table')),
      tableText: a.row?.amountText ?? null,
      sheet: amounts(of('action_sheet')),
      manual: amounts(of('manual')),
      years: mine.map((b) => ({
        year: b.year,
        source: b.source,
        amountCents: b.amountCents,
        stateShareCents: b.stateShareCents,
        departmentShareCents: b.departmentShareCents,
        note: b.note,
      })),
      sheetTotalCents: sheet?.totalCents ?? null,
      sheetTotalText: sheet?.totalText ?? null,
    };
  });
}

/** Budgets of a year: per action (every source), per axis with the annex's printed sub-totals. */
export async function getOfferBudgets(
  ctx: AppContext,
  actor: RequestActor,
  query: { year?: number },
): Promise<OfferBudgets> {
  const year = await yearOf(ctx, actor.departmentCode, query.year);
  const annex = await loadStoredAnnex(ctx.db, actor.departmentCode, year);
  const actions = actionBudgets(annex, year);
  const byCode = new Map(actions.map((a) => [a.code, a]));
  const printed = (l: StoredAnnex['lines'][number]): AnnexPrintedLine => {
    const rows = l.actionCodes.map((c) => byCode.get(c)?.table ?? null);
    if (l.scope === 'general') rows.push(amounts(annex.lines.find((v) => v.scope === 'valuation')));
    return {
      label: l.label,
      scope: l.scope,
      beneficiariesText: l.beneficiariesText,
      actionCodes: l.actionCodes,
      amountCents: l.amountCents,
      stateShareCents: l.stateShareCents,
      departmentShareCents: l.departmentShareCents,
      computed: l.scope === 'valuation' ? amounts(l)! : sum(rows),
    };
  };
  const axisNumbers = [...new Set(actions.map((a) => a.axis))].sort((a, b) => a - b);
  const axes: AxisBudget[] = axisNumbers.map((axis) => {
    const mine = actions.filter((a) => a.axis === axis);
    const total = annex.lines.find((l) => l.scope === 'axis' && l.axis === axis);
    return {
      axis,
      label: offerAxisLabels[axis] ?? `Axe ${axis}`,
      actions: mine,
      groups: annex.lines.filter((l) => l.scope === 'group' && l.axis === axis).map(printed),
      printedTotal: total ? printed(total) : null,
      totals: {
        table: sum(mine.map((a) => a.table)),
        sheet: sum(mine.map((a) => a.sheet)),
        manual: sum(mine.map((a) => a.manual)),
      },
    };
  });
  const valuation = annex.lines.find((l) => l.scope === 'valuation');
  const general = annex.lines.find((l) => l.scope === 'general');
  return {
    year,
    years: annex.years.length > 0 ? annex.years : [year],
    axes,
    valuation: valuation ? printed(valuation) : null,
    printedGeneral: general ? printed(general) : null,
    computedGeneral: sum([...actions.map((a) => a.table), amounts(valuation)]),
    header: annex.header,
    committed: await consumptionOfOneYear(ctx, actor.departmentCode, year),
  };
}

/** The stored annex of a year as the checks read it (only the actions of that year's table). */
export function checkedFromStored(annex: StoredAnnex, year: number): CheckedAnnex {
  return {
    year,
    header: annex.header,
    actions: annex.actions
      .filter((a) => a.row !== null)
      .map((a) => {
        const table = annex.budgets.find(
          (b) => b.actionId === a.id && b.year === year && b.source === 'annex_table',
        );
        const sheet = annex.sheets.get(a.id);
        return {
          code: a.code,
          axis: a.axis,
          status: a.status,
          kind: a.kind,
          sheetKind: sheet?.kind ?? null,
          amountCents: table?.amountCents ?? null,
          stateShareCents: table?.stateShareCents ?? null,
          departmentShareCents: table?.departmentShareCents ?? null,
          amountText: a.row?.amountText ?? null,
          sheetYears: sheet?.yearly.map((y) => ({ year: y.year, amountCents: y.amountCents })) ?? [],
          sheetTotalCents: sheet?.totalCents ?? null,
        };
      }),
    lines: annex.lines,
  };
}

/** Where the stored annex contradicts itself, each finding with both facts. */
export async function getAnnexInconsistencies(
  ctx: AppContext,
  actor: RequestActor,
  query: { year?: number },
): Promise<{ year: number; items: AnnexInconsistency[] }> {
  const year = await yearOf(ctx, actor.departmentCode, query.year);
  const annex = await loadStoredAnnex(ctx.db, actor.departmentCode, year);
  return { year, items: checkAnnex(checkedFromStored(annex, year)) };
}

/**
 * An administrator types an action's budget for a year. Refused, nothing written, when the shares
 * do not make the amount or a figure is negative. The annex's own figures are never changed.
 */
export async function setManualBudget(
  ctx: AppContext,
  actor: RequestActor,
  params: { id: string; year: number },
  input: ManualBudgetInput,
  request: RequestInfo,
): Promise<{ actionId: string; budget: BudgetYearLine }> {
  for (const [field, value] of Object.entries(input))
    if (typeof value === 'number' && value < 0)
      throw invalid(field, 'Montant invalide : un montant ne peut pas être négatif.');
  if (input.stateShareCents + input.departmentShareCents !== input.amountCents)
    throw unprocessable(
      `Budget refusé : part État (${formatEuros(input.stateShareCents)}) + part département (${formatEuros(input.departmentShareCents)}) = ${formatEuros(input.stateShareCents + input.departmentShareCents)}, différent du montant (${formatEuros(input.amountCents)}).`,
      'VALIDATION_ERROR',
      [
        {
          path: 'departmentShareCents',
          code: 'invalid',
          message: 'Part département invalide : part État + part département doivent faire le montant.',
        },
      ],
    );
  return unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const action = await actionOfDepartment(trx, actor.departmentCode, params.id);
    if (!action) throw notFound('Action');
    const row = await upsertManualBudget(trx, actor.departmentCode, action.id, params.year, {
      ...input,
      note: input.note?.trim() || null,
    });
    await audit({
      action: 'offer.budget_set',
      targetType: 'insertion_action',
      targetId: action.id,
      details: { code: action.code, year: params.year, amountCents: input.amountCents },
    });
    return {
      actionId: action.id,
      budget: {
        year: row.year,
        source: 'manual',
        amountCents: Number(row.amount_cents),
        stateShareCents: row.state_share_cents === null ? null : Number(row.state_share_cents),
        departmentShareCents: row.department_share_cents === null ? null : Number(row.department_share_cents),
        note: row.note,
      },
    };
  });
}
