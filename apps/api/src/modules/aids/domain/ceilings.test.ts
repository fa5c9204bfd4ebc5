import { describe, expect, it } from 'vitest';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import {
  type AidCeilingRule,
  ceilingRefusal,
  ceilingRuleOn,
  defaultAidCeilingRules,
  envelopeRefusal,
  parseCeilingValue,
} from './ceilings';

const base = defaultAidCeilingRules[0]!;
const stored: AidCeilingRule = {
  effectiveFrom: '2026-07-01',
  perAid: { ...base.perAid, driving_licence: 100_000 },
  perPersonYear: { ...base.perPersonYear, driving_licence: 120_000 },
  source: 'Délibération',
};

describe('aid ceilings by date', () => {
  const rules = withBuiltIns(defaultAidCeilingRules, [stored]);

  it('judges an aid by the set in force on its request day', () => {
    expect(ceilingRuleOn(rules, '2026-06-30').perAid.driving_licence).toBe(150_000);
    expect(ceilingRuleOn(rules, '2026-07-01').perAid.driving_licence).toBe(100_000);
    expect(ceilingRuleOn(rules, '2027-01-01').perPersonYear.driving_licence).toBe(120_000);
    // Before every set: the oldest.
    expect(ceilingRuleOn(rules, '2010-01-01').effectiveFrom).toBe('2020-01-01');
  });

  it('refuses over the ceiling per aid, then over the yearly ceiling per person', () => {
    expect(ceilingRefusal(base, 'driving_licence', 150_000, 0, 2026)).toBeNull();
    expect(ceilingRefusal(base, 'driving_licence', 150_001, 0, 2026)).toBe(
      'Le montant demandé (1\u00a0500,01\u00a0€) dépasse le plafond par aide « Aide à l’obtention du permis de conduire » (1\u00a0500,00\u00a0€).',
    );
    expect(ceilingRefusal(base, 'driving_licence', 100_000, 100_000, 2026)).toBeNull();
    expect(ceilingRefusal(base, 'driving_licence', 100_000, 100_001, 2026)).toMatch(
      /plafond annuel « Aide à l’obtention du permis de conduire » \(2\u00a0000,00\u00a0€ en 2026\) : 1\u00a0000,01\u00a0€ déjà accordés, 999,99\u00a0€ disponibles/,
    );
  });

  it('refuses without an envelope and over what is left of it', () => {
    expect(envelopeRefusal(null, 'meals', 'Aix', 2026, 100)).toMatch(
      /^Aucune enveloppe « Aide aux repas » n’est ouverte en 2026 au pôle Aix/,
    );
    expect(
      envelopeRefusal({ amountCents: 10_000, committedCents: 9_000 }, 'meals', 'Aix', 2026, 1_000),
    ).toBeNull();
    expect(envelopeRefusal({ amountCents: 10_000, committedCents: 9_000 }, 'meals', 'Aix', 2026, 1_001)).toBe(
      'L’enveloppe 2026 « Aide aux repas » du pôle Aix est insuffisante : 10,00\u00a0€ disponibles pour 10,01\u00a0€ demandés.',
    );
  });

  it('reads a stored value, a missing kind taking the built-in amount', () => {
    const v = parseCeilingValue({ perAid: { meals: 5_000 }, perPersonYear: {} });
    expect(v.perAid.meals).toBe(5_000);
    expect(v.perAid.travel).toBe(base.perAid.travel);
    expect(v.perPersonYear).toEqual(base.perPersonYear);
  });
});
