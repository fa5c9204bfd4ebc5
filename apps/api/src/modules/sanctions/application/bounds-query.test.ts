import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors';
import { parseSanctionBoundsQuery } from './bounds-query';
import { parseRegimeValue } from './sanction-rules';

const ok = {
  factsDate: '2025-06-01',
  householdPersons: '3',
  singleParentIncrease: 'yes',
  repeat: '2',
} as const;

const refusal = (input: Record<string, string | undefined>) => {
  try {
    parseSanctionBoundsQuery(input as never);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).fields?.map((f) => `${f.path} : ${f.message}`) ?? [];
  }
  throw new Error('accepted');
};

describe('rules sanction: the options', () => {
  it('reads the facts’ date and the situation', () => {
    expect(parseSanctionBoundsQuery(ok)).toEqual({
      factsDate: '2025-06-01',
      situation: { householdPersons: 3, singleParentIncrease: true, repeat: 2 },
    });
  });

  it('refuses each bad option in French, named as on the command line', () => {
    expect(refusal({ ...ok, factsDate: '2025-02-29' })).toEqual([
      '--facts-date : La date 29/02/2025 n’existe pas.',
    ]);
    expect(refusal({ ...ok, factsDate: '01/06/2025' })[0]).toMatch(/AAAA-MM-JJ/);
    expect(refusal({ ...ok, householdPersons: '0' })[0]).toMatch(/^--household-persons : .*au moins 1/);
    expect(refusal({ ...ok, householdPersons: '-2' })[0]).toMatch(/^--household-persons/);
    expect(refusal({ ...ok, householdPersons: '1.5' })[0]).toMatch(/^--household-persons/);
    expect(refusal({ ...ok, singleParentIncrease: 'oui' })[0]).toMatch(/^--single-parent-increase : .*yes/);
    expect(refusal({ ...ok, repeat: '3' })[0]).toMatch(/^--repeat/);
    expect(refusal({})).toHaveLength(4);
  });
});

describe('a stored regime’s value', () => {
  it('keeps what it holds, a null minimum included; a missing field takes the 2025 regime’s', () => {
    const v = parseRegimeValue({
      regime: 'propre',
      first: { minPercent: null, maxPercent: 70 },
      householdCapPercent: null,
    });
    expect(v).toMatchObject({
      regime: 'propre',
      first: { minPercent: null, maxPercent: 70, minMonths: 1, maxMonths: 2 },
      repeated: { minPercent: 30, maxPercent: 100, minMonths: 1, maxMonths: 4 },
      householdCapPercent: null,
      epOpinionRequiredForRemoval: true,
      repeatWindowMonths: 12,
    });
  });
});
