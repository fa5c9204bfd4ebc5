import { describe, expect, it } from 'vitest';
import { type ConsumptionFacts, consumptionOfYear, consumptionRange } from './consumption';

const action = (id: string, axis: number, unitCostCents: number | null) => ({
  id,
  code: id,
  title: `Action ${id}`,
  axis,
  unitCostCents,
  plannedBeneficiaries: null,
  plannedBeneficiariesText: null,
});
const empty: ConsumptionFacts = {
  actions: [],
  budgets: [],
  committing: [],
  referred: [],
  entered: [],
  exits: [],
  envelopes: [],
  aids: [],
};

describe('budget consumption', () => {
  it('an empty year commits 0, not an unknown amount', () => {
    expect(consumptionOfYear(empty, 2030)).toMatchObject({
      plannedCents: null,
      committedCents: 0,
      gapCents: 0,
    });
  });

  it('an action without unit cost and no referral leaves its axis sum at 0; with referrals, unknown', () => {
    const facts: ConsumptionFacts = {
      ...empty,
      actions: [action('A', 2, null)],
      budgets: [
        {
          actionId: 'A',
          year: 2030,
          source: 'annex_table',
          amountCents: 1_000,
          stateShareCents: 500,
          departmentShareCents: 500,
        },
      ],
    };
    const quiet = consumptionOfYear(facts, 2030);
    expect(quiet.axes[0]!.actions[0]).toMatchObject({ committedCents: null, gapCents: null });
    expect(quiet.axes[0]).toMatchObject({ committedCents: 0, gapCents: 1_000, actionsWithoutUnitCost: 0 });
    const busy = consumptionOfYear({ ...facts, committing: [{ actionId: 'A', year: 2030, count: 2 }] }, 2030);
    expect(busy.axes[0]).toMatchObject({ committedCents: null, gapCents: null, actionsWithoutUnitCost: 1 });
  });

  it('planned: typed in, else the annex table, else the sheet', () => {
    const b = (source: 'manual' | 'annex_table' | 'action_sheet', amountCents: number) => ({
      actionId: 'A',
      year: 2030,
      source,
      amountCents,
      stateShareCents: null,
      departmentShareCents: null,
    });
    const facts = { ...empty, actions: [action('A', 1, 100)] };
    const planned = (budgets: ReturnType<typeof b>[]) =>
      consumptionOfYear({ ...facts, budgets }, 2030).axes[0]!.actions[0]!.plannedSource;
    expect(planned([b('action_sheet', 1), b('annex_table', 2), b('manual', 3)])).toBe('manual');
    expect(planned([b('action_sheet', 1), b('annex_table', 2)])).toBe('annex_table');
    expect(planned([b('action_sheet', 1)])).toBe('action_sheet');
  });

  it('ranges: asked years, else the covered years (ten at most), else this year', () => {
    expect(consumptionRange({ from: 2020, to: 2022 }, [], 2026)).toEqual({ from: 2020, to: 2022 });
    expect(consumptionRange({}, [2010, 2020, 2026], 2026)).toEqual({ from: 2017, to: 2026 });
    expect(consumptionRange({}, [], 2026)).toEqual({ from: 2026, to: 2026 });
    expect(consumptionRange({ from: 2024 }, [2020, 2022], 2026)).toEqual({ from: 2024, to: 2024 });
    expect(consumptionRange({ to: 2021 }, [2020, 2022], 2026)).toEqual({ from: 2020, to: 2021 });
  });
});
