import type { DecisionKind, FailureKind, SanctionRegimeValue } from '@parcours/contracts';
import { addDays, addMonths, format, parseISO } from 'date-fns';
import { frenchDate, frenchLongDate, frenchTime } from '../../messaging';
import { observationsDeadline, type SanctionProcedureRule } from '../domain/sanction-cases';
import { householdCapApplies, type SanctionSituation, sanctionBoundsUnder } from '../domain/sanction-rules';

/**
 * The values of the sanction letters' templates (issue 14), pure: the facts, the regime and bounds
 * of the facts' date, the observations deadline, the decision, the EP session, the reinstatement.
 * `letters.ts` fills them from a case and re-exports them for the other steps.
 */

/** "1er mai 2026", "3 février 2026": a calendar day as a letter writes it. */
export function letterDate(day: string): string {
  return frenchDate(day).replace(/^1 /, '1er ');
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const sentence = (text: string) => text.trim().replace(/[.\s]+$/, '');

/** "1 mois", "15 jours", "1 mois et 15 jours": after "un délai de". */
export function delayWords(months: number, days: number): string {
  const m = months === 0 ? '' : `${months} mois`;
  const d = days === 0 ? '' : days === 1 ? '1 jour' : `${days} jours`;
  return [m, d].filter(Boolean).join(' et ') || 'aucun délai';
}

const failurePhrases: Record<FailureKind, string> = {
  no_show: 'absence sans motif légitime au rendez-vous auquel vous étiez convoqué(e)',
  no_contract: 'absence de contrat d’engagement signé dans le délai prévu',
  contract_refusal: 'refus d’élaborer ou d’actualiser votre contrat d’engagement',
  obligations_not_met: 'non-respect des engagements inscrits dans votre contrat d’engagement',
};

export interface FailureFacts {
  kind: FailureKind;
  factsDate: string;
  factsEndDate: string | null;
  /** The facts as the agent stated them, when they did. */
  facts: string | null;
}

/** {{faits}} and {{date_faits}}: the failure in words, the agent's statement of facts after it. */
export function factsValues(f: FailureFacts): { faits: string; date_faits: string } {
  const stated = f.facts?.trim() ? ` (« ${sentence(f.facts)} »)` : '';
  const period =
    f.factsEndDate && f.factsEndDate !== f.factsDate
      ? `du ${letterDate(f.factsDate)} au ${letterDate(f.factsEndDate)}`
      : letterDate(f.factsDate);
  return {
    faits: `${failurePhrases[f.kind] ?? 'manquement à vos engagements'}${stated}`,
    date_faits: period,
  };
}

const remobilisation = (regime: Pick<SanctionRegimeValue, 'regime'>) =>
  regime.regime.startsWith('suspension_remobilisation');

/** {{regime}}: after "Selon le …". */
export function regimeWords(regime: Pick<SanctionRegimeValue, 'regime' | 'label'>): string {
  if (remobilisation(regime))
    return 'régime de suspension-remobilisation en vigueur depuis le 1er juin 2025 (décret n° 2025-478 du 30 mai 2025)';
  if (regime.regime === 'earlier') return 'régime des sanctions en vigueur avant le 1er juin 2025';
  return `régime « ${regime.label} »`;
}

/** {{sanction_encourue}}: the bounds of the regime in force at the facts' date, for this situation. */
export function incurredSanctionWords(regime: SanctionRegimeValue, situation: SanctionSituation): string {
  const b = sanctionBoundsUnder(regime, situation);
  const what = remobilisation(regime) ? 'une suspension' : 'une réduction';
  const rate =
    b.minPercent === null
      ? `${what} de votre allocation pouvant aller jusqu’à ${b.maxPercent} %`
      : b.maxPercent >= 100
        ? `${what} d’au moins ${b.minPercent} % de votre allocation, pouvant aller jusqu’à sa totalité`
        : b.minPercent === b.maxPercent
          ? `${what} de ${b.maxPercent} % de votre allocation`
          : `${what} de ${b.minPercent} % à ${b.maxPercent} % de votre allocation`;
  const months =
    b.minMonths === b.maxMonths
      ? `pendant ${b.maxMonths} mois`
      : `pendant ${b.minMonths} à ${b.maxMonths} mois`;
  const cap = householdCapApplies(regime, situation)
    ? situation.householdPersons > 1
      ? ` (au plus ${b.maxPercent} %, votre foyer comptant plusieurs personnes)`
      : ` (au plus ${b.maxPercent} %, votre foyer percevant la majoration pour isolement)`
    : '';
  const repeated = situation.repeat === 2 ? ', ce manquement étant répété' : '';
  const end = remobilisation(regime)
    ? ' ; elle prendrait fin dès que vous respecteriez à nouveau vos engagements'
    : regime.removalAtEndOfSuspension && situation.repeat === 2
      ? ' ; elle pourrait être suivie de la radiation du RSA'
      : '';
  return `${rate}${cap}, ${months}${repeated}${end}`;
}

/** The prior notice's values: facts, regime and bounds of the facts' date, delay and deadline. */
export function priorNoticeValues(input: {
  failure: FailureFacts;
  regime: SanctionRegimeValue;
  situation: SanctionSituation;
  procedure: Pick<SanctionProcedureRule, 'observationsDelayMonths' | 'observationsDelayDays'>;
  noticeSentOn: string;
}): Record<string, string> {
  const deadline = observationsDeadline(
    { ...input.procedure, effectiveFrom: '', source: '' },
    input.noticeSentOn,
  );
  return {
    ...factsValues(input.failure),
    regime: regimeWords(input.regime),
    sanction_encourue: incurredSanctionWords(input.regime, input.situation),
    date_information: letterDate(input.noticeSentOn),
    delai_observations: delayWords(
      input.procedure.observationsDelayMonths,
      input.procedure.observationsDelayDays,
    ),
    date_limite_observations: letterDate(deadline),
  };
}

/** The means of appeal of a decision on the RSA (CASF L262-47: the administrative appeal comes first). */
export const APPEAL_WORDS =
  'Si vous contestez cette décision, vous pouvez former un recours administratif préalable auprès du Président du Conseil départemental dans un délai de deux mois à compter de sa notification (article L262-47 du code de l’action sociale et des familles). Ce recours est obligatoire avant toute saisine du tribunal administratif. Vous pouvez vous faire aider dans cette démarche par la personne de votre choix.';

/**
 * The first day of a suspension notified that day: the first day of the following month, the RSA
 * being paid by month (a default; the caller gives the day when the CAF applies another).
 */
export function suspensionStart(notifiedOn: string): string {
  const d = parseISO(notifiedOn);
  return iso(new Date(d.getFullYear(), d.getMonth() + 1, 1));
}

export interface DecisionFacts {
  kind: DecisionKind;
  percent: number | null;
  months: number | null;
  decidedOn: string;
  notifiedOn: string;
  reason: string | null;
  /** When the suspension starts; the month after the notification when absent. */
  startsOn?: string | null;
}

/** The decision letter's values: the decision in one sentence, its rate, length, start and end, appeal. */
export function decisionValues(input: {
  failure: FailureFacts;
  regime: Pick<SanctionRegimeValue, 'regime' | 'label'>;
  decision: DecisionFacts;
}): Record<string, string> {
  const d = input.decision;
  const base = {
    ...factsValues(input.failure),
    date_decision: letterDate(d.decidedOn),
    motif: sentence(d.reason ?? ''),
  };
  const empty = { taux: '', duree: '', date_debut: '', fin_sanction: '' };
  switch (d.kind) {
    case 'no_sanction':
      return {
        ...base,
        ...empty,
        decision: 'de ne pas prononcer de sanction à votre encontre',
        voies_recours: '',
      };
    case 'reorientation':
      return {
        ...base,
        ...empty,
        decision:
          'de ne pas prononcer de sanction et de réexaminer votre orientation, afin de vous proposer un accompagnement plus adapté à votre situation',
        voies_recours: APPEAL_WORDS,
      };
    case 'removal':
      return {
        ...base,
        ...empty,
        decision: 'de mettre fin à votre droit au revenu de solidarité active (radiation)',
        voies_recours: APPEAL_WORDS,
      };
    case 'sanction': {
      const start = d.startsOn ?? suspensionStart(d.notifiedOn);
      const months = d.months ?? 0;
      const last = iso(addDays(addMonths(parseISO(start), months), -1));
      const remob = remobilisation(input.regime);
      const verb = remob ? `de suspendre ${d.percent} % de` : `de réduire de ${d.percent} %`;
      const end = remob
        ? `Cette suspension prend fin dès que vous respectez à nouveau vos engagements, en signant votre contrat d’engagement ou en vous présentant au rendez-vous qui vous est proposé (remobilisation) : le versement reprend alors et les sommes suspendues vous sont reversées, dans la limite de trois mois. À défaut, elle prend fin à son terme, le ${letterDate(last)}.`
        : `Cette réduction prend fin à son terme, le ${letterDate(last)}.`;
      return {
        ...base,
        decision: `${verb} votre allocation de revenu de solidarité active pendant ${months} mois`,
        taux: `${d.percent} %`,
        duree: `${months} mois`,
        date_debut: letterDate(start),
        fin_sanction: end,
        voies_recours: APPEAL_WORDS,
      };
    }
  }
}

/** The EP invitation's values: the session's day, time and place, the facts examined when known. */
export function epInvitationValues(input: {
  startsAt: Date;
  place: string;
  failure?: FailureFacts | null;
}): Record<string, string> {
  return {
    ...(input.failure ? factsValues(input.failure) : { faits: '', date_faits: '' }),
    date_ep: frenchLongDate(input.startsAt),
    heure_ep: frenchTime(input.startsAt),
    lieu_ep: input.place,
  };
}

/** The reinstatement decision's values: reinstated from a day, or refused with its reason. */
export function reinstatementValues(
  input: { decidedOn: string } & (
    | { reinstatedFrom: string; refusalReason?: null }
    | { reinstatedFrom?: null; refusalReason: string }
  ),
): Record<string, string> {
  const date_decision = letterDate(input.decidedOn);
  if (input.reinstatedFrom)
    return {
      date_decision,
      decision_retablissement: `votre allocation de revenu de solidarité active est rétablie à compter du ${letterDate(input.reinstatedFrom)}`,
      date_retablissement: letterDate(input.reinstatedFrom),
      motif_refus: '',
      voies_recours: '',
    };
  return {
    date_decision,
    decision_retablissement:
      'votre demande de rétablissement de votre allocation de revenu de solidarité active n’a pas pu être acceptée',
    date_retablissement: '',
    motif_refus: sentence(input.refusalReason ?? ''),
    voies_recours: APPEAL_WORDS,
  };
}
