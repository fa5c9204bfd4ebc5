import type { PortfolioCapsValue, StructureKind } from '@parcours/contracts';
import { ruleOn } from '../../../platform/rules/dated-rules';

/**
 * Portfolio caps ("portefeuille resserré", SPEC §5): how many persons a référent follows at most,
 * dated configuration (`rule_set`, kind 'portfolio_caps'), judged by the set in force on the day of
 * the assignment. Pure rules: the least loaded référent, the over-cap check.
 */
export const PORTFOLIO_CAPS_KIND = 'portfolio_caps';

export interface PortfolioCapRule extends PortfolioCapsValue {
  effectiveFrom: string;
  source: string;
}

/**
 * The built-in set, in force from 1 January 2020 until a département records its own:
 * - accompagnement global: 70 persons per France Travail / département pair (SPEC §5);
 * - lieux d'accueil and CCAS (which are lieux d'accueil too): 150 per social worker (SPEC §2, §5:
 *   « 140–150 beneficiaries each »); MDS social workers and the pôle's own services alike;
 * - PLIE and operators' référents de parcours: 80 (reinforced professional follow-up);
 * - missions locales, France Travail, Cap emploi: 100 (guided follow-up).
 */
export const defaultPortfolioCapRules: readonly PortfolioCapRule[] = [
  {
    effectiveFrom: '2020-01-01',
    byKind: {
      mds: 150,
      ccas: 150,
      lieu_accueil: 150,
      plie: 80,
      mission_locale: 100,
      france_travail: 100,
      cap_emploi: 100,
      operator: 80,
      medical_team: 150,
      insertion_hub_office: 150,
    },
    globalSupportPair: 70,
    source:
      'Valeurs par défaut : 70 par binôme d’accompagnement global, 150 par travailleur social de lieu d’accueil (convention 2020), 80 à 100 pour le suivi professionnel',
  },
];

/** The set in force on a day: the latest whose date is on or before it (the oldest before them all). */
export function capRuleOn<R extends { effectiveFrom: string }>(rules: readonly R[], day: string): R {
  return ruleOn(rules, day, 'no portfolio cap rule');
}

/** A référent's cap: the accompagnement global pair's, else the one of the structure's kind. */
export function capOf(
  rule: PortfolioCapsValue,
  referent: { globalSupportPair: boolean },
  structureKind: StructureKind,
): number {
  return referent.globalSupportPair ? rule.globalSupportPair : rule.byKind[structureKind];
}

export interface LoadedReferent {
  id: string;
  firstName: string;
  lastName: string;
  load: number;
  cap: number;
}

const byName = new Intl.Collator('fr', { sensitivity: 'base' });

/** The référent to propose: the lowest load / cap ratio, ties by last then first name. */
export function leastLoaded<R extends LoadedReferent>(referents: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of referents) {
    if (!best) {
      best = r;
      continue;
    }
    const diff = r.load / r.cap - best.load / best.cap;
    if (diff < -1e-9) best = r;
    else if (Math.abs(diff) <= 1e-9) {
      const names = byName.compare(r.lastName, best.lastName) || byName.compare(r.firstName, best.firstName);
      if (names < 0) best = r;
    }
  }
  return best;
}

/**
 * The refusal when `adding` persons would take the référent over the cap without a reason, in
 * French and naming the référent and the cap; null when allowed.
 */
export function overCapProblem(referent: LoadedReferent, adding: number, reason: string | undefined) {
  const after = referent.load + adding;
  if (after <= referent.cap || (reason && reason.trim().length >= 3)) return null;
  return `Le portefeuille de ${referent.firstName} ${referent.lastName} passerait à ${after} personnes pour un plafond de ${referent.cap} : indiquez le motif du dépassement.`;
}

/** Whether the assignment goes over the cap (the reason is then recorded). */
export function goesOverCap(referent: LoadedReferent, adding: number): boolean {
  return referent.load + adding > referent.cap;
}
