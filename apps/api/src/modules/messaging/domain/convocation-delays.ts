import { TZDate } from '@date-fns/tz';
import type { MessageChannelCode } from '@parcours/contracts';
import { ruleOn } from '../../../platform/rules/dated-rules';
import { parisDate } from '../../../platform/time';

/**
 * The minimum delay each channel needs to reach a person before their appointment, in force from a
 * date (RULES.md: configuration, never a branch). A letter counts in calendar days from the day it
 * is posted; an e-mail or an SMS in hours from the sending.
 */
export interface ConvocationDelayRule {
  effectiveFrom: string;
  letterDays: number;
  emailHours: number;
  smsHours: number;
  source: string;
}

export const CONVOCATION_DELAYS_KIND = 'convocation_delays';

/** Built-in rule; a département's own dated rows (table `rule_set`, kind `convocation_delays`) come first. */
export const defaultConvocationDelayRules: readonly ConvocationDelayRule[] = [
  {
    effectiveFrom: '2009-06-01',
    letterDays: 5,
    emailHours: 48,
    smsHours: 48,
    source:
      'Paramétrage initial de Parcours : cinq jours pour un courrier (acheminement postal), 48 heures pour un e-mail ou un SMS',
  },
];

/** The rule in force on a day: the latest whose effective date is not after it (else the oldest). */
export function delayRuleOn<T extends { effectiveFrom: string }>(rules: readonly T[], day: string): T {
  return ruleOn(rules, day, 'no convocation delay rule configured');
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Midnight in Paris at the start of a calendar day. */
function parisMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 'Europe/Paris').getTime());
}

/** The earliest appointment a message of this channel, sent (or posted) now, reaches in time. */
export function earliestByChannel(channel: MessageChannelCode, now: Date, rule: ConvocationDelayRule): Date {
  if (channel === 'letter') return parisMidnight(addDays(parisDate(now), rule.letterDays));
  const hours = channel === 'email' ? rule.emailHours : rule.smsHours;
  return new Date(now.getTime() + hours * 3_600_000);
}

/** The earliest appointment a person reachable by these channels can be convened to (their fastest channel). */
export function earliestConvocation(
  channels: readonly MessageChannelCode[],
  now: Date,
  rule: ConvocationDelayRule,
): Date | null {
  const times = channels.map((c) => earliestByChannel(c, now, rule).getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** The channels that reach the person in time for an appointment starting then. */
export function channelsInTime(
  channels: readonly MessageChannelCode[],
  now: Date,
  startsAt: Date,
  rule: ConvocationDelayRule,
): MessageChannelCode[] {
  return channels.filter((c) => earliestByChannel(c, now, rule).getTime() <= startsAt.getTime());
}

/**
 * Whether a letter posted on `postedOn` still reaches the person in time for an appointment on
 * `appointmentDay` (both Paris calendar days).
 */
export function letterInTime(postedOn: string, appointmentDay: string, rule: ConvocationDelayRule): boolean {
  return addDays(postedOn, rule.letterDays) <= appointmentDay;
}
