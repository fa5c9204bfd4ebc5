import type { SanctionLevel, SanctionPractice, SanctionRegime } from '@parcours/contracts';

const months = (n: number) => `${n} mois`;

/** "30 à 100 %, 1 à 2 mois" or "jusqu’à 80 %, 1 à 3 mois". */
export function levelLabel(level: SanctionLevel): string {
  const percent =
    level.minPercent === null
      ? `jusqu’à ${level.maxPercent} %`
      : `${level.minPercent} à ${level.maxPercent} %`;
  const duration =
    level.minMonths === level.maxMonths
      ? months(level.minMonths)
      : `${level.minMonths} à ${months(level.maxMonths)}`;
  return `${percent}, ${duration}`;
}

/** "50 % au plus pour un foyer de plusieurs personnes ou avec la majoration pour isolement". */
export function capLabel(
  r: Pick<SanctionRegime, 'householdCapPercent' | 'capForSingleParentIncrease'>,
): string {
  if (r.householdCapPercent === null) return 'Aucun';
  return r.capForSingleParentIncrease
    ? `${r.householdCapPercent} % (foyer de plusieurs personnes ou majoration pour isolement)`
    : `${r.householdCapPercent} % (foyer de plusieurs personnes)`;
}

/** The EP's part in a regime. */
export function epLabel(
  r: Pick<SanctionRegime, 'epOpinionRequiredForSanction' | 'epOpinionRequiredForRemoval'>,
) {
  if (r.epOpinionRequiredForSanction) return 'Avis avant toute sanction';
  return r.epOpinionRequiredForRemoval ? 'Avis obligatoire pour une radiation' : 'Pas d’avis obligatoire';
}

/** The steps of the département's practice, in words. */
export function practiceLabel(p: SanctionPractice): string {
  if (!p.applies) return 'Non appliquée : seules les bornes du régime en vigueur s’appliquent.';
  const first = `absence à la convocation → suspension ${months(p.firstSuspensionMonths)}${
    p.automaticReinstatement ? ', puis rétablissement automatique' : ''
  }`;
  const second = `nouvelle absence → suspension ${months(p.secondSuspensionMonths)}${
    p.removalAfterSecondSuspension ? ', puis radiation' : ''
  }`;
  return `${first} ; ${second} ; SAS de rétablissement de ${p.sasWeeks} semaines, ${p.sasHalfDaysPerWeek} demi-journées par semaine.`;
}
