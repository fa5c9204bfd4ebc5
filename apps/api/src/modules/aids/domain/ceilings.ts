import { type AidKind, aidKindLabels, formatCents } from '@parcours/contracts';
import { ruleOn } from '../../../platform/rules/dated-rules';

/**
 * Ceilings of the individual aids per kind, in force from a date (RULES.md: configuration, never a
 * branch): the most one aid may be, and the most a person may receive of a kind in a calendar year.
 * An aid is judged by the set in force on the day it was requested.
 */
export type KindAmounts = Record<AidKind, number>;
export interface AidCeilingRule {
  effectiveFrom: string;
  perAid: KindAmounts;
  perPersonYear: KindAmounts;
  source: string;
}

export const AID_CEILINGS_KIND = 'aid_ceilings';

/**
 * Built-in set: synthetic defaults (in cents), to be set by the département's own decision from
 * the aids screen; a stored set of a later date replaces it from that date.
 */
export const defaultAidCeilingRules: readonly AidCeilingRule[] = [
  {
    effectiveFrom: '2020-01-01',
    perAid: {
      meals: 15_000,
      travel: 30_000,
      accommodation: 60_000,
      childcare: 40_000,
      work_equipment: 50_000,
      exam_registration: 80_000,
      health_contract: 50_000,
      driving_licence: 150_000,
    },
    perPersonYear: {
      meals: 60_000,
      travel: 120_000,
      accommodation: 150_000,
      childcare: 160_000,
      work_equipment: 100_000,
      exam_registration: 150_000,
      health_contract: 100_000,
      driving_licence: 200_000,
    },
    source: 'Paramétrage initial de Parcours (valeurs par défaut, à fixer par délibération du Département)',
  },
];

/** The set in force on a day: the latest whose effective date is not after it (else the oldest). */
export function ceilingRuleOn<T extends { effectiveFrom: string }>(rules: readonly T[], day: string): T {
  return ruleOn(rules, day, 'no aid ceiling rule configured');
}

/** Reads a stored value, missing kinds falling back to the built-in amounts. */
export function parseCeilingValue(
  raw: Record<string, unknown>,
): Pick<AidCeilingRule, 'perAid' | 'perPersonYear'> {
  const base = defaultAidCeilingRules[0]!;
  const read = (v: unknown, fallback: KindAmounts): KindAmounts => {
    const o = (v ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      (Object.keys(fallback) as AidKind[]).map((k) => [k, Number(o[k] ?? fallback[k])]),
    ) as KindAmounts;
  };
  return {
    perAid: read(raw.perAid, base.perAid),
    perPersonYear: read(raw.perPersonYear, base.perPersonYear),
  };
}

/**
 * Why an aid of this amount is over a ceiling, or null: `alreadyCents` is what the person has
 * already been granted of this kind in the year (validated, ordered, paid).
 */
export function ceilingRefusal(
  rule: Pick<AidCeilingRule, 'perAid' | 'perPersonYear'>,
  kind: AidKind,
  amountCents: number,
  alreadyCents: number,
  year: number,
): string | null {
  const label = `« ${aidKindLabels[kind]} »`;
  if (amountCents > rule.perAid[kind])
    return `Le montant demandé (${formatCents(amountCents)}) dépasse le plafond par aide ${label} (${formatCents(rule.perAid[kind])}).`;
  if (alreadyCents + amountCents > rule.perPersonYear[kind]) {
    const left = Math.max(0, rule.perPersonYear[kind] - alreadyCents);
    return `Avec cette aide, la personne dépasserait le plafond annuel ${label} (${formatCents(rule.perPersonYear[kind])} en ${year}) : ${formatCents(alreadyCents)} déjà accordés, ${formatCents(left)} disponibles.`;
  }
  return null;
}

/** Why the envelope cannot take this amount, or null. */
export function envelopeRefusal(
  envelope: { amountCents: number; committedCents: number } | null,
  kind: AidKind,
  hubName: string,
  year: number,
  amountCents: number,
): string | null {
  const label = `« ${aidKindLabels[kind]} »`;
  if (!envelope)
    return `Aucune enveloppe ${label} n’est ouverte en ${year} au pôle ${hubName} : le gestionnaire des aides doit d’abord l’ouvrir.`;
  const left = envelope.amountCents - envelope.committedCents;
  if (amountCents > left)
    return `L’enveloppe ${year} ${label} du pôle ${hubName} est insuffisante : ${formatCents(Math.max(0, left))} disponibles pour ${formatCents(amountCents)} demandés.`;
  return null;
}
