import { describe, expect, it } from 'vitest';
import {
  type ContractValues,
  contentFromValues,
  durationInFrench,
  emptyStep,
  livePlan,
  moveItem,
  newContractValues,
  parseHours,
  regimeErrors,
  valuesFromContent,
  weeksSummary,
} from './draft';

const base = (patch: Partial<ContractValues> = {}): ContractValues => ({
  ...newContractValues('2026-01-05', 'Sophie Référente'),
  ...patch,
});

const step = (weeklyHours: string, startDate = '2026-01-05', endDate = '2026-02-01') => ({
  ...emptyStep({ startDate, endDate }),
  objectiveId: 'objectif',
  label: 'Étape',
  weeklyHours,
});

describe('the contract editor’s rules', () => {
  it('reads hours typed in French and refuses anything else', () => {
    expect(parseHours('7,5')).toBe(7.5);
    expect(parseHours(' 18 ')).toBe(18);
    expect(parseHours('7.25')).toBe(7.25);
    expect(parseHours('')).toBeNaN();
    expect(parseHours('dix')).toBeNaN();
    expect(parseHours('-3')).toBeNaN();
  });

  it('says the duration in French (contractDurationLabel), null for dates it cannot read', () => {
    expect(durationInFrench('2026-01-05', '2026-07-04')).toBe('6 mois');
    expect(durationInFrench('2026-03-01', '2026-02-01')).toBeNull();
    expect(durationInFrench('2026-02-30', '2026-03-01')).toBeNull();
    expect(durationInFrench('', '2026-03-01')).toBeNull();
  });

  it('starts a new contract for six months, naming the référent in the body’s commitments', () => {
    const v = newContractValues('2026-01-05', 'Sophie Référente');
    expect(v.endDate).toBe('2026-07-04');
    expect(v.bodyCommitments).toContain('Sophie Référente, référent unique');
    expect(newContractValues('2026-01-05', null).bodyCommitments).toMatch(/^Le référent unique/);
  });

  it('plans the weeks live, ignoring what cannot be read yet', () => {
    const v = base({
      endDate: '2026-01-25',
      plan: [step('10'), step('8'), step('abc'), { ...step('5'), startDate: '2026-13-01' }],
    });
    const weeks = livePlan(v, 15);
    expect(weeks.map((w) => w.hours)).toEqual([18, 18, 18]);
    expect(weeks.every((w) => !w.underMinimum)).toBe(true);
    expect(livePlan(base({ startDate: '' }), 15)).toEqual([]);
    expect(weeksSummary(weeks, 15)).toBe('3 semaines : toutes atteignent 15 h.');
    expect(weeksSummary(livePlan({ ...v, plan: [step('10')] }, 15), 15)).toBe(
      '3 semaines : 3 sous 15 h (en hachuré).',
    );
    expect(weeksSummary([], 15)).toBe('Aucune semaine : indiquez les dates du contrat.');
  });

  it('asks for a regime when a week is under the minimum, and for what each regime needs', () => {
    const under = base({ endDate: '2026-01-25', plan: [step('10')] });
    const weeks = livePlan(under, 15);
    expect(Object.keys(regimeErrors(under, weeks, { childrenUnder12: 0 }, 15))).toEqual([
      'content.hoursRegime',
    ]);
    expect(regimeErrors(under, weeks, { childrenUnder12: 0 }, 15)['content.hoursRegime']).toMatch(
      /^3 semaines sont sous 15 heures/,
    );
    const reduced = { ...under, hoursRegime: 'reduced' as const };
    expect(Object.keys(regimeErrors(reduced, weeks, { childrenUnder12: 0 }, 15))).toEqual([
      'content.reducedReason',
    ]);
    expect(
      regimeErrors({ ...reduced, reducedReason: 'Soins réguliers' }, weeks, { childrenUnder12: 0 }, 15),
    ).toEqual({});
    const exempt = { ...under, hoursRegime: 'exempt' as const };
    expect(Object.keys(regimeErrors(exempt, weeks, { childrenUnder12: 0 }, 15))).toEqual([
      'content.exemptionGround',
    ]);
    const childCare = { ...exempt, exemptionGround: 'isolated_parent_child_under_12' as const };
    expect(Object.keys(regimeErrors(childCare, weeks, { childrenUnder12: 0 }, 15))).toEqual([
      'content.childUnder12Statement',
    ]);
    expect(regimeErrors(childCare, weeks, { childrenUnder12: 2 }, 15)).toEqual({});
    expect(
      regimeErrors({ ...childCare, childUnder12Statement: true }, weeks, { childrenUnder12: 0 }, 15),
    ).toEqual({});
  });

  it('sends only the chosen regime’s fields, and reads a saved content back', () => {
    const v = base({
      hoursRegime: 'standard',
      reducedReason: 'oublié',
      exemptionGround: 'health',
      childUnder12Statement: true,
      plan: [step('7,5')],
    });
    const content = contentFromValues(v);
    expect(content).toMatchObject({
      reducedReason: null,
      exemptionGround: null,
      childUnder12Statement: false,
    });
    expect(content.plan?.[0]).toMatchObject({ weeklyHours: 7.5, actionId: null, kind: 'training' });
    const back = valuesFromContent(content);
    expect(back.plan[0]?.weeklyHours).toBe('7,5');
    expect(back.reducedReason).toBe('');
  });

  it('moves a step up or down, and nothing beyond the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});
