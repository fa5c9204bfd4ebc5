import {
  calendarDaysOf,
  type FieldError,
  hoursLabel,
  type ScheduleSlot,
  scheduleProblem,
  weeklyHoursOf,
} from '@parcours/contracts';
import { type Dated, ruleOn } from '../../../platform/rules/dated-rules';

/**
 * The limits of a PMSMP as dated rules (RULES.md "Immersions (PMSMP)": one month maximum, 30
 * calendar days; at most 48 hours a week). The set in force on the convention's start date applies.
 */
export const IMMERSION_LIMITS_KIND = 'immersion_limits';

export interface ImmersionLimitsRule extends Dated {
  maxCalendarDays: number;
  maxWeeklyHours: number;
  source: string;
}

export const builtInImmersionLimits: readonly ImmersionLimitsRule[] = [
  {
    // Décret n° 2014-1360 du 13 novembre 2014 (PMSMP), Code du travail art. D5135-1 s.
    effectiveFrom: '2014-11-15',
    maxCalendarDays: 30,
    maxWeeklyHours: 48,
    source:
      'Code du travail, art. L5135-1 s. et D5135-1 s. (PMSMP : un mois au plus, 48 heures par semaine au plus)',
  },
];

export const limitsOn = <T extends ImmersionLimitsRule>(rules: readonly T[], day: string): T =>
  ruleOn(rules, day, 'no immersion limits configured');

/** What the checks need of a convention (or of its renewal). */
export interface Planned {
  startDate: string;
  endDate: string;
  schedule: readonly ScheduleSlot[];
}

/**
 * Why a planned convention breaks the rules, as field errors (French): dates in order, coherent
 * schedule, the limits in force on the start date. `chainDaysBefore`: the calendar days of the
 * conventions it renews (a renewal prolongs the same immersion with the same host: the whole chain
 * stays within the maximum duration — RULES.md says "one month maximum", several conventions per
 * pathway being separate immersions, with other hosts or objectives).
 */
export function plannedProblems(
  planned: Planned,
  limits: Pick<ImmersionLimitsRule, 'maxCalendarDays' | 'maxWeeklyHours'>,
  chainDaysBefore = 0,
): FieldError[] {
  const errors: FieldError[] = [];
  if (planned.endDate < planned.startDate) {
    errors.push({
      path: 'endDate',
      code: 'end_before_start',
      message: 'La date de fin ne peut pas précéder la date de début.',
    });
    return errors;
  }
  const days = calendarDaysOf(planned.startDate, planned.endDate);
  if (chainDaysBefore + days > limits.maxCalendarDays) {
    errors.push({
      path: 'endDate',
      code: 'too_long',
      message: chainDaysBefore
        ? `Une immersion dure au plus ${limits.maxCalendarDays} jours calendaires, renouvellements compris : ${chainDaysBefore} jours déjà conventionnés + ${days} jours demandés.`
        : `Une immersion dure au plus ${limits.maxCalendarDays} jours calendaires : ${days} jours demandés.`,
    });
  }
  const problem = scheduleProblem(planned.schedule);
  if (problem) {
    errors.push({ path: 'schedule', code: 'schedule', message: problem });
    return errors;
  }
  const hours = weeklyHoursOf(planned.schedule);
  if (hours > limits.maxWeeklyHours) {
    errors.push({
      path: 'schedule',
      code: 'too_many_hours',
      message: `Une immersion ne dépasse pas ${hoursLabel(limits.maxWeeklyHours)} par semaine : l’emploi du temps en compte ${hoursLabel(hours)}.`,
    });
  }
  return errors;
}
