import { describe, expect, it } from 'vitest';
import {
  type ConvocationDelayRule,
  channelsInTime,
  defaultConvocationDelayRules,
  delayRuleOn,
  earliestByChannel,
  earliestConvocation,
  letterInTime,
} from './convocation-delays';

const rule = defaultConvocationDelayRules[0] as ConvocationDelayRule;
// 22:50 in Paris on 1 December 2026 (winter time, UTC+1).
const lateEvening = new Date('2026-12-01T21:50:00Z');
const nextMorning = new Date('2026-12-02T08:00:00Z'); // 09:00 in Paris

describe('minimum convocation delays per channel', () => {
  it('refuses the issue’s case: at 22:50, no channel reaches a person for 09:00 the next morning', () => {
    expect(channelsInTime(['letter', 'email', 'sms'], lateEvening, nextMorning, rule)).toEqual([]);
  });

  it('counts a letter in Paris calendar days from the posting day, e-mail and SMS in hours', () => {
    expect(earliestByChannel('letter', lateEvening, rule).toISOString()).toBe('2026-12-05T23:00:00.000Z');
    expect(earliestByChannel('email', lateEvening, rule).toISOString()).toBe('2026-12-03T21:50:00.000Z');
    expect(earliestByChannel('sms', lateEvening, { ...rule, smsHours: 24 }).toISOString()).toBe(
      '2026-12-02T21:50:00.000Z',
    );
  });

  it('uses the person’s fastest channel, and only the channels that arrive in time', () => {
    expect(earliestConvocation(['letter', 'email'], lateEvening, rule)?.toISOString()).toBe(
      '2026-12-03T21:50:00.000Z',
    );
    expect(earliestConvocation(['letter'], lateEvening, rule)?.toISOString()).toBe(
      '2026-12-05T23:00:00.000Z',
    );
    expect(earliestConvocation([], lateEvening, rule)).toBeNull();
    const in4Days = new Date('2026-12-05T09:00:00Z');
    expect(channelsInTime(['letter', 'email', 'sms'], lateEvening, in4Days, rule)).toEqual(['email', 'sms']);
    const in6Days = new Date('2026-12-07T09:00:00Z');
    expect(channelsInTime(['letter', 'sms'], lateEvening, in6Days, rule)).toEqual(['letter', 'sms']);
  });

  it('keeps the Paris day across the change of time', () => {
    // 23:30 in Paris on 25 October 2026 is 22:30 UTC (clocks went back that night).
    const now = new Date('2026-10-25T22:30:00Z');
    expect(earliestByChannel('letter', now, { ...rule, letterDays: 1 }).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });

  it('judges a letter by the day it is posted', () => {
    expect(letterInTime('2026-12-01', '2026-12-06', rule)).toBe(true);
    expect(letterInTime('2026-12-02', '2026-12-06', rule)).toBe(false);
  });

  it('applies the rule in force on the day, history kept', () => {
    const rules = [
      ...defaultConvocationDelayRules,
      { effectiveFrom: '2027-01-01', letterDays: 7, emailHours: 72, smsHours: 24, source: 'Arrêté' },
    ];
    expect(delayRuleOn(rules, '2026-12-31').letterDays).toBe(5);
    expect(delayRuleOn(rules, '2027-01-01').letterDays).toBe(7);
    expect(delayRuleOn(rules, '2000-01-01').letterDays).toBe(5);
  });
});
