import type {
  SanctionBounds,
  SanctionLevel,
  SanctionPracticeValue,
  SanctionRegimeValue,
} from '@parcours/contracts';
import { type Dated, ruleOn } from '../../../platform/rules/dated-rules';

/**
 * The sanction rules (RULES.md "Sanctions", SPEC §8) as dated rule sets, never branches: a case is
 * judged by the regime in force at the date of its facts. Two kinds:
 * - `sanction_regime`: the legal bounds (percent, months, household ceiling, EP opinion, the window
 *   over which a failure counts as repeated);
 * - `sanction_practice`: the département's own steps (sheet 3-9 of the 2020 convention), a separate
 *   kind because the département decides it on its own calendar, not the legislator's; it applies
 *   within the bounds of the regime in force, never beyond them.
 */
export const SANCTION_REGIME_KIND = 'sanction_regime';
export const SANCTION_PRACTICE_KIND = 'sanction_practice';

export type SanctionRegimeRule = SanctionRegimeValue & Dated & { source: string };
export type SanctionPracticeRule = SanctionPracticeValue & Dated & { source: string };

/** The date from which the 2025 regime applies (décret n° 2025-478): facts before it keep the earlier one. */
export const REGIME_2025_FROM = '2025-06-01';

/**
 * The window over which a failure counts as repeated. RULES.md gives no number (nor, as read here,
 * does the décret for the RSA): 12 months is Parcours's default, a dated value the département can
 * change like the rest of the set.
 */
export const DEFAULT_REPEAT_WINDOW_MONTHS = 12;

export const builtInSanctionRegimes: readonly SanctionRegimeRule[] = [
  {
    // The RSA's start (loi n° 2008-1249); older facts fall back to this set too (ruleOn: the oldest).
    effectiveFrom: '2009-06-01',
    regime: 'earlier',
    label: 'Régime antérieur (réduction, suspension puis radiation)',
    // "Reduction up to 80 % for 1 to 3 months; on repetition 1 to 4 months": no minimum; RULES.md
    // names no other percent on repetition, so the 80 % ceiling stays.
    first: { minPercent: null, maxPercent: 80, minMonths: 1, maxMonths: 3 },
    repeated: { minPercent: null, maxPercent: 80, minMonths: 1, maxMonths: 4 },
    // "50 % cap for households of several persons": RULES.md does not name the single-parent
    // increase for this regime (it does for the 2025 one).
    householdCapPercent: 50,
    capForSingleParentIncrease: false,
    repeatWindowMonths: DEFAULT_REPEAT_WINDOW_MONTHS,
    // "Observations to the EP within one month": the EP is heard before any reduction or suspension,
    // hence before the suspension that ends in removal ("removal at the end of the suspension").
    epOpinionRequiredForSanction: true,
    epOpinionRequiredForRemoval: true,
    removalAtEndOfSuspension: true,
    source:
      'CASF art. L262-37 et R262-68 dans leur rédaction antérieure au décret n° 2025-478 : réduction de 80 % au plus pendant 1 à 3 mois, 1 à 4 mois en cas de réitération, 50 % au plus pour un foyer de plusieurs personnes ; observations devant l’équipe pluridisciplinaire dans un délai d’un mois ; radiation au terme de la suspension',
  },
  {
    effectiveFrom: REGIME_2025_FROM,
    regime: 'suspension_remobilisation_2025',
    label: 'Suspension-remobilisation (depuis le 1er juin 2025)',
    // At least 30 %, up to the whole allocation (100 %), 1 to 2 months; repeated: 1 to 4 months.
    first: { minPercent: 30, maxPercent: 100, minMonths: 1, maxMonths: 2 },
    repeated: { minPercent: 30, maxPercent: 100, minMonths: 1, maxMonths: 4 },
    householdCapPercent: 50,
    capForSingleParentIncrease: true,
    repeatWindowMonths: DEFAULT_REPEAT_WINDOW_MONTHS,
    // Contradictory procedure before any sanction; the EP's opinion only for a removal.
    epOpinionRequiredForSanction: false,
    epOpinionRequiredForRemoval: true,
    removalAtEndOfSuspension: false,
    source:
      'Décret n° 2025-478 du 30 mai 2025, CASF art. L262-37 et R262-68 s. : suspension d’au moins 30 % pendant 1 à 2 mois, 1 à 4 mois en cas de manquement persistant ou répété ; 50 % au plus pour un foyer de plus d’une personne ou percevant la majoration pour isolement ; avis de l’équipe pluridisciplinaire obligatoire pour une suppression',
  },
];

export const builtInSanctionPractices: readonly SanctionPracticeRule[] = [
  {
    // The convention's sheet 3-9 (commission permanente of 25 September 2020) describes the practice
    // as already in place; older facts fall back to this set (ruleOn: the oldest).
    effectiveFrom: '2020-09-25',
    applies: true,
    firstSuspensionMonths: 2,
    automaticReinstatement: true,
    secondSuspensionMonths: 3,
    removalAfterSecondSuspension: true,
    sasWeeks: 4,
    sasHalfDaysPerWeek: 3,
    source:
      'Convention d’appui à la lutte contre la pauvreté (2020), fiche 3-9 : absence à la convocation → suspension, rétablissement automatique après 2 mois ; nouvelle absence → suspension 3 mois puis radiation ; SAS d’orientation de 4 semaines, 3 demi-journées par semaine',
  },
];

export const regimeOn = <T extends Dated>(rules: readonly T[], day: string): T =>
  ruleOn(rules, day, 'no sanction regime configured');

export const practiceOn = <T extends Dated>(rules: readonly T[], day: string): T =>
  ruleOn(rules, day, 'no sanction practice configured');

/** The situation a sanction is bounded for. */
export interface SanctionSituation {
  /** Persons of the household, the beneficiary included (≥ 1). */
  householdPersons: number;
  singleParentIncrease: boolean;
  /** 1: a first failure; 2: a failure repeated within the regime's window. */
  repeat: 1 | 2;
}

/** Whether the household ceiling applies to this situation under this regime. */
export function householdCapApplies(
  regime: Pick<SanctionRegimeValue, 'householdCapPercent' | 'capForSingleParentIncrease'>,
  situation: Pick<SanctionSituation, 'householdPersons' | 'singleParentIncrease'>,
): boolean {
  if (regime.householdCapPercent === null) return false;
  return (
    situation.householdPersons > 1 || (situation.singleParentIncrease && regime.capForSingleParentIncrease)
  );
}

/** The bounds of a sanction under one regime for one situation (the ceiling applied). */
export function sanctionBoundsUnder(
  regime: SanctionRegimeValue,
  situation: SanctionSituation,
): SanctionBounds {
  const level: SanctionLevel = situation.repeat === 2 ? regime.repeated : regime.first;
  const maxPercent = householdCapApplies(regime, situation)
    ? Math.min(level.maxPercent, regime.householdCapPercent as number)
    : level.maxPercent;
  return {
    regime: regime.regime,
    minPercent: level.minPercent === null ? null : Math.min(level.minPercent, maxPercent),
    maxPercent,
    minMonths: level.minMonths,
    maxMonths: level.maxMonths,
    epOpinionRequiredForRemoval: regime.epOpinionRequiredForRemoval,
  };
}

/** The bounds of a sanction for facts of that day: the regime in force then, the situation's ceiling. */
export function sanctionBoundsOn(
  regimes: readonly SanctionRegimeRule[],
  factsDate: string,
  situation: SanctionSituation,
): SanctionBounds {
  return sanctionBoundsUnder(regimeOn(regimes, factsDate), situation);
}
