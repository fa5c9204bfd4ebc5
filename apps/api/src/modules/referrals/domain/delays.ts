import { DEFAULT_REFERRAL_ANSWER_DAYS } from '@parcours/contracts';
import { ruleOn } from '../../../platform/rules/dated-rules';

/**
 * How many days an operator has to answer a referral before it is flagged as unanswered, in force
 * from a date (RULES.md: configuration, never a branch). A referral is judged by the rule in force
 * on the day it was sent.
 */
export interface ReferralDelayRule {
  effectiveFrom: string;
  answerDays: number;
  source: string;
}

export const REFERRAL_DELAYS_KIND = 'referral_delays';

export const defaultReferralDelayRules: readonly ReferralDelayRule[] = [
  {
    effectiveFrom: '2020-01-01',
    answerDays: DEFAULT_REFERRAL_ANSWER_DAYS,
    source: 'Paramétrage initial de Parcours : réponse de l’opérateur attendue sous dix jours',
  },
];

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The day the answer is due: the sending day plus the delay in force that day. */
export function answerDueOn(rules: readonly ReferralDelayRule[], sentOn: string): string {
  return addDays(sentOn, ruleOn(rules, sentOn, 'no referral delay rule configured').answerDays);
}

/** Still sent (no answer) once the due day has passed. */
export function isOverdue(status: string, dueOn: string, today: string): boolean {
  return status === 'sent' && today > dueOn;
}
