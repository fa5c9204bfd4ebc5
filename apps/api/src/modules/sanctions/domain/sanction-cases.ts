import type { DecisionKind, FieldError, ModulationReason, SanctionRegimeValue } from '@parcours/contracts';
import { addDays, addMonths, format, parseISO, subMonths } from 'date-fns';
import { type Dated, ruleOn } from '../../../platform/rules/dated-rules';
import { type SanctionSituation, sanctionBoundsUnder } from './sanction-rules';

/**
 * The contradictory procedure's own rules, pure: the delay given to the person to present
 * observations (a dated rule set, kind `sanction_procedure`), the repeat of a failure, and the
 * checks of a decision against the regime in force at the date of the facts.
 */
export const SANCTION_PROCEDURE_KIND = 'sanction_procedure';

export interface SanctionProcedureRule extends Dated {
  /** From the prior notice's date: months, then days, to present observations. */
  observationsDelayMonths: number;
  observationsDelayDays: number;
  source: string;
}

export const builtInSanctionProcedures: readonly SanctionProcedureRule[] = [
  {
    effectiveFrom: '2009-06-01',
    // RULES.md, earlier regime: "observations to the EP within one month".
    observationsDelayMonths: 1,
    observationsDelayDays: 0,
    source:
      'CASF art. R262-68 (rédaction antérieure au décret n° 2025-478) : observations présentées dans un délai d’un mois',
  },
  {
    effectiveFrom: '2025-06-01',
    // RULES.md names no delay for the 2025 regime, only a contradictory procedure before any
    // sanction. One month is kept (doubt, README): the longer of the known delays, the safer for
    // the person's rights; the département replaces it by a dated set once the delay is confirmed.
    observationsDelayMonths: 1,
    observationsDelayDays: 0,
    source:
      'Décret n° 2025-478 (procédure contradictoire) ; délai d’un mois retenu par Parcours en l’absence de délai chiffré dans RULES.md',
  },
];

export const procedureOn = (rules: readonly SanctionProcedureRule[], day: string) =>
  ruleOn(rules, day, 'no sanction procedure configured');

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The last day to present observations for a prior notice sent that day. */
/**
 * The day a suspension of `months` months notified on `notifiedOn` comes to its term (the sums to
 * pay back count the months the same way, from the notification).
 */
export function suspensionTerm(notifiedOn: string, months: number): string {
  return iso(addMonths(parseISO(notifiedOn), months));
}

export function observationsDeadline(rule: SanctionProcedureRule, noticeSentOn: string): string {
  return iso(
    addDays(addMonths(parseISO(noticeSentOn), rule.observationsDelayMonths), rule.observationsDelayDays),
  );
}

/**
 * 1 for a first failure, 2 when another failure of the person was sanctioned (sanction or removal
 * decided, case not cancelled) with facts within the regime's window before these facts.
 */
export function repeatOf(
  factsDate: string,
  windowMonths: number,
  sanctionedFactsDates: readonly string[],
): 1 | 2 {
  const from = iso(subMonths(parseISO(factsDate), windowMonths));
  return sanctionedFactsDates.some((d) => d >= from && d <= factsDate) ? 2 : 1;
}

/** What a decision is checked against: the case as it stands and the regime of its facts. */
export interface DecisionContext {
  regime: SanctionRegimeValue;
  situation: SanctionSituation;
  observationsDeadline: string | null;
  observationsReceived: boolean;
  /** A favourable EP opinion given on the case for a proposal of this decision's kind. */
  epOpinion: boolean;
  /** Another case of the same failure already decided a sanction or a removal. */
  failureAlreadySanctioned: boolean;
}

export interface DecisionProposal {
  decidedOn: string;
  kind: DecisionKind;
  percent: number | null;
  months: number | null;
  modulationReasons: readonly ModulationReason[];
  reason: string | null;
}

/** Every refusal of a decision, with a stable code and a French message; empty when it may be recorded. */
export function decisionRefusals(p: DecisionProposal, c: DecisionContext): FieldError[] {
  const out: FieldError[] = [];
  const sanctioning = p.kind === 'sanction' || p.kind === 'removal';
  if (sanctioning && c.failureAlreadySanctioned)
    out.push({
      path: 'kind',
      code: 'failure_already_sanctioned',
      message: 'Ce manquement a déjà été sanctionné : un même manquement ne se sanctionne qu’une fois.',
    });
  if (!c.observationsReceived && c.observationsDeadline && p.decidedOn <= c.observationsDeadline)
    out.push({
      path: 'decidedOn',
      code: 'observations_delay_running',
      message: `La personne peut présenter ses observations jusqu’au ${frenchDay(c.observationsDeadline)} : décision possible après cette date, ou dès ses observations reçues.`,
    });
  if (p.kind === 'removal' && !c.epOpinion)
    out.push({
      path: 'kind',
      code: 'ep_opinion_required',
      message:
        'Une radiation exige l’avis préalable de l’équipe pluridisciplinaire : inscrivez le dossier à une séance de l’EP.',
    });
  if (p.kind === 'sanction') {
    const bounds = sanctionBoundsUnder(c.regime, c.situation);
    if (p.percent === null)
      out.push({ path: 'percent', code: 'required', message: 'Taux de la sanction obligatoire.' });
    else if (p.percent > bounds.maxPercent)
      out.push({
        path: 'percent',
        code: 'percent_above_ceiling',
        message: `Taux de ${p.percent} % au-dessus du plafond de ${bounds.maxPercent} % du régime en vigueur à la date des faits${c.situation.householdPersons > 1 ? ' (foyer de plusieurs personnes)' : ''}.`,
      });
    else if (bounds.minPercent !== null && p.percent < bounds.minPercent)
      out.push({
        path: 'percent',
        code: 'percent_below_floor',
        message: `Taux de ${p.percent} % en dessous du minimum de ${bounds.minPercent} % du régime en vigueur à la date des faits.`,
      });
    if (p.months === null)
      out.push({ path: 'months', code: 'required', message: 'Durée de la sanction obligatoire.' });
    else if (p.months < bounds.minMonths || p.months > bounds.maxMonths)
      out.push({
        path: 'months',
        code: 'months_out_of_bounds',
        message: `Durée de ${p.months} mois hors des bornes du régime en vigueur à la date des faits : de ${bounds.minMonths} à ${bounds.maxMonths} mois${c.situation.repeat === 2 ? ' (manquement répété)' : ''}.`,
      });
    if (c.regime.epOpinionRequiredForSanction && !c.epOpinion && out.length === 0)
      out.push({
        path: 'kind',
        code: 'ep_opinion_required',
        message:
          'Sous le régime antérieur au 1er juin 2025, la sanction suit l’avis de l’équipe pluridisciplinaire : inscrivez le dossier à une séance de l’EP.',
      });
  } else if (p.percent !== null || p.months !== null) {
    out.push({
      path: 'percent',
      code: 'no_amount_expected',
      message: 'Taux et durée ne se renseignent que pour une suspension.',
    });
  }
  if (p.modulationReasons.length > 0 && !p.reason)
    out.push({
      path: 'reason',
      code: 'required',
      message: 'Motivez la modulation retenue (vulnérabilité, santé, foyer…) en quelques mots.',
    });
  return out;
}

function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
