import {
  type ActionConsumption,
  AIDS_AXIS,
  type AidsConsumption,
  type AxisConsumption,
  aidKinds,
  aidsLineLabel,
  type BudgetConsumptionQuery,
  type BudgetConsumptionYear,
  type BudgetSource,
  CONSUMPTION_MAX_YEARS,
  type ConsumptionAmounts,
  type ExitCategory,
  exitCategories,
  offerAxisLabels,
} from '@parcours/contracts';

/** The facts of a range of years, as the repository reads them (aggregates only). */
export interface ConsumptionFacts {
  actions: {
    id: string;
    code: string;
    title: string;
    axis: number;
    unitCostCents: number | null;
    plannedBeneficiaries: number | null;
    plannedBeneficiariesText: string | null;
  }[];
  budgets: {
    actionId: string;
    year: number;
    source: BudgetSource;
    amountCents: number;
    stateShareCents: number | null;
    departmentShareCents: number | null;
  }[];
  committing: { actionId: string; year: number; count: number }[];
  referred: { actionId: string; year: number; count: number }[];
  entered: { actionId: string; year: number; count: number }[];
  exits: { actionId: string; year: number; category: ExitCategory; type: string; count: number }[];
  envelopes: { year: number; kind: string; amountCents: number }[];
  aids: { year: number; kind: string; amountCents: number }[];
}

/** The planned figure of an action's year: typed in Parcours, else the annex table, else the sheet. */
export const plannedSourceOrder: readonly BudgetSource[] = ['manual', 'annex_table', 'action_sheet'];

/** Sum of the known values; null when none is known. */
const sumKnown = (values: (number | null)[]) =>
  values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null;

/** A line's amounts from its planned figures and its committed amount (null: unknown). */
function amounts(
  planned: { amount: number | null; state: number | null; department: number | null },
  committedCents: number | null,
): ConsumptionAmounts {
  return {
    plannedCents: planned.amount,
    plannedStateShareCents: planned.state,
    plannedDepartmentShareCents: planned.department,
    committedCents,
    gapCents: committedCents === null ? null : (planned.amount ?? 0) - committedCents,
  };
}

/**
 * The sums of lines: planned and committed over the known figures, the gap between both sums.
 * Committed is unknown (null) only when no line's is known and some referral lacks its unit cost.
 */
function total(lines: ConsumptionAmounts[], withoutUnitCost: number): ConsumptionAmounts {
  return amounts(
    {
      amount: sumKnown(lines.map((l) => l.plannedCents)),
      state: sumKnown(lines.map((l) => l.plannedStateShareCents)),
      department: sumKnown(lines.map((l) => l.plannedDepartmentShareCents)),
    },
    sumKnown(lines.map((l) => l.committedCents)) ?? (withoutUnitCost > 0 ? null : 0),
  );
}

function actionYear(facts: ConsumptionFacts, action: ConsumptionFacts['actions'][number], year: number) {
  const mine = <T extends { actionId: string; year: number }>(rows: T[]) =>
    rows.filter((r) => r.actionId === action.id && r.year === year);
  const count = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);
  const budgets = mine(facts.budgets);
  const planned = plannedSourceOrder.map((s) => budgets.find((b) => b.source === s)).find(Boolean) ?? null;
  const committingReferrals = count(mine(facts.committing));
  const exits = mine(facts.exits)
    .map((e) => ({ category: e.category, type: e.type, count: e.count }))
    .sort(
      (a, b) =>
        exitCategories.indexOf(a.category) - exitCategories.indexOf(b.category) ||
        a.type.localeCompare(b.type),
    );
  const line: ActionConsumption = {
    ...amounts(
      {
        amount: planned?.amountCents ?? null,
        state: planned?.stateShareCents ?? null,
        department: planned?.departmentShareCents ?? null,
      },
      action.unitCostCents === null ? null : committingReferrals * action.unitCostCents,
    ),
    actionId: action.id,
    code: action.code,
    title: action.title,
    axis: action.axis,
    plannedSource: planned?.source ?? null,
    unitCostCents: action.unitCostCents,
    committingReferrals,
    beneficiaries: {
      planned: action.plannedBeneficiaries,
      plannedText: action.plannedBeneficiariesText,
      referred: count(mine(facts.referred)),
      entered: count(mine(facts.entered)),
      exits,
    },
  };
  const active = planned !== null || line.beneficiaries.referred > 0 || committingReferrals > 0;
  return active || line.beneficiaries.entered > 0 || exits.length > 0 ? line : null;
}

/** The aids' line of a year: envelopes planned, aids validated (in payment, paid) committed. */
function aidsYear(facts: ConsumptionFacts, year: number): AidsConsumption | null {
  const envelopes = facts.envelopes.filter((e) => e.year === year);
  const aids = facts.aids.filter((a) => a.year === year);
  if (envelopes.length === 0 && aids.length === 0) return null;
  const kinds = aidKinds
    .map((kind) => ({
      kind,
      plannedCents: sumKnown(envelopes.filter((e) => e.kind === kind).map((e) => e.amountCents)),
      committedCents: aids.filter((a) => a.kind === kind).reduce((s, a) => s + a.amountCents, 0),
    }))
    .filter((k) => k.plannedCents !== null || k.committedCents > 0);
  return {
    // The envelopes record no State / département split.
    ...amounts(
      { amount: sumKnown(envelopes.map((e) => e.amountCents)), state: null, department: null },
      aids.reduce((s, a) => s + a.amountCents, 0),
    ),
    label: aidsLineLabel,
    kinds,
  };
}

/** Planned, committed and gap of a year per action, per axis (with the aids' line) and in total. */
export function consumptionOfYear(facts: ConsumptionFacts, year: number): BudgetConsumptionYear {
  const actions = facts.actions
    .map((a) => actionYear(facts, a, year))
    .filter((a): a is ActionConsumption => a !== null);
  const aids = aidsYear(facts, year);
  const axisNumbers = [...new Set([...actions.map((a) => a.axis), ...(aids ? [AIDS_AXIS] : [])])].sort(
    (a, b) => a - b,
  );
  const axes: AxisConsumption[] = axisNumbers.map((axis) => {
    const mine = actions.filter((a) => a.axis === axis);
    const aidLine = axis === AIDS_AXIS ? aids : null;
    const withoutUnitCost = mine.filter((a) => a.committedCents === null && a.committingReferrals > 0).length;
    return {
      ...total([...mine, ...(aidLine ? [aidLine] : [])], withoutUnitCost),
      axis,
      label: offerAxisLabels[axis] ?? `Axe ${axis}`,
      actions: mine,
      aids: aidLine,
      actionsWithoutUnitCost: withoutUnitCost,
    };
  });
  const withoutUnitCost = axes.reduce((s, a) => s + a.actionsWithoutUnitCost, 0);
  return { ...total(axes, withoutUnitCost), year, axes, actionsWithoutUnitCost: withoutUnitCost };
}

/** The years asked, or those the budgets and facts cover (the latest ten at most), else this year. */
export function consumptionRange(
  query: BudgetConsumptionQuery,
  covered: number[],
  thisYear: number,
): { from: number; to: number } {
  const last = covered.at(-1) ?? thisYear;
  const first = covered[0] ?? last;
  const span = CONSUMPTION_MAX_YEARS - 1;
  if (query.from !== undefined && query.to !== undefined) return { from: query.from, to: query.to };
  if (query.from !== undefined)
    return { from: query.from, to: Math.min(Math.max(last, query.from), query.from + span) };
  if (query.to !== undefined)
    return { from: Math.max(Math.min(first, query.to), query.to - span), to: query.to };
  return { from: Math.max(first, last - span), to: last };
}
