import { addDays, addMonths, differenceInCalendarDays, parseISO } from 'date-fns';
import { ruleOn } from '../../../platform/rules/dated-rules';

/** Delays from entry to orientation, in force from a date (RULES.md: configuration, never a branch). */
export interface OrientationDelayRule {
  effectiveFrom: string;
  /** The convention's target (seeds: one month). */
  targetMonths: number;
  /** The legal deadline in days, when the law sets one (six weeks since 1 January 2025). */
  legalDeadlineDays: number | null;
  source: string;
}

/** Built-in rules; a département's own dated rows (table `rule_set`, kind `orientation_delays`) come first. */
export const defaultOrientationDelayRules: readonly OrientationDelayRule[] = [
  {
    effectiveFrom: '2009-06-01',
    targetMonths: 1,
    legalDeadlineDays: null,
    source: 'Convention d’appui à la lutte contre la pauvreté (2020) : orientation dans le mois',
  },
  {
    effectiveFrom: '2025-01-01',
    targetMonths: 1,
    legalDeadlineDays: 42,
    source: 'Décret 2024-1244, CASF D262-65-2 : six semaines à compter de l’information d’ouverture du droit',
  },
];

/** The rule in force at a date: the latest whose effective date is not after it. */
export function ruleInForce<T extends { effectiveFrom: string }>(rules: readonly T[], onDate: string): T {
  return ruleOn(rules, onDate, 'no rule configured');
}

export interface OrientationDeadlines {
  targetDate: string;
  legalDeadline: string | null;
  /** Days left before each date, negative once it has passed. */
  daysLeftTarget: number;
  daysLeftLegal: number | null;
  rule: OrientationDelayRule;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Deadlines of an entry, judged by the rule in force at the entry date (the date of the facts). */
export function orientationDeadlines(
  entryDate: string,
  today: string,
  rules: readonly OrientationDelayRule[] = defaultOrientationDelayRules,
): OrientationDeadlines {
  const rule = ruleInForce(rules, entryDate);
  const entry = parseISO(`${entryDate}T00:00:00Z`);
  const now = parseISO(`${today}T00:00:00Z`);
  const target = addMonths(entry, rule.targetMonths);
  const legal = rule.legalDeadlineDays == null ? null : addDays(entry, rule.legalDeadlineDays);
  return {
    targetDate: iso(target),
    legalDeadline: legal ? iso(legal) : null,
    daysLeftTarget: differenceInCalendarDays(target, now),
    daysLeftLegal: legal ? differenceInCalendarDays(legal, now) : null,
    rule,
  };
}
