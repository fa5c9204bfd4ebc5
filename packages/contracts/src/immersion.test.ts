import { describe, expect, it } from 'vitest';
import { immersionContentSchema } from './immersion';
import {
  calendarDaysOf,
  luhnValid,
  romeProblem,
  scheduleProblem,
  siretProblem,
  weeklyHoursOf,
} from './immersion-rules';

describe('SIRET', () => {
  it('accepts 14 digits whose Luhn key matches, spaces ignored', () => {
    expect(siretProblem('73282932000074')).toBeNull();
    expect(siretProblem('732 829 320 00074')).toBeNull();
    expect(luhnValid('732829320')).toBe(true);
  });
  it('refuses a wrong check digit, a wrong length, letters, and says obligatoire when empty', () => {
    expect(siretProblem('73282932000075')).toMatch(/clé de contrôle/);
    expect(siretProblem('7328293200007')).toMatch(/14 chiffres/);
    expect(siretProblem('7328293200007A')).toMatch(/14 chiffres/);
    expect(siretProblem('')).toBe('SIRET obligatoire.');
  });
  it('La Poste (SIREN 356000000): the sum of the digits is a multiple of 5 instead of Luhn', () => {
    // 3+5+6+4+9+8+3+7 = 45: not a Luhn number, valid for La Poste.
    expect(luhnValid('35600000049837')).toBe(false);
    expect(siretProblem('35600000049837')).toBeNull();
    // The head office also passes Luhn.
    expect(siretProblem('35600000000048')).toBeNull();
    // Sum 46, not Luhn: refused.
    expect(siretProblem('35600000049838')).toMatch(/clé de contrôle/);
    // Another SIREN with a digit sum multiple of 5 gets no exception.
    expect(luhnValid('12345678901235')).toBe(false);
    expect(siretProblem('12345678901235')).toMatch(/clé de contrôle/);
  });
});

describe('ROME code', () => {
  it('a letter A to N and four digits', () => {
    expect(romeProblem('D1102')).toBeNull();
    expect(romeProblem('n4105')).toBeNull();
    expect(romeProblem('O1234')).toMatch(/invalide/);
    expect(romeProblem('D110')).toMatch(/invalide/);
    expect(romeProblem(' ')).toMatch(/obligatoire/);
  });
});

describe('schedule and duration', () => {
  const week = [1, 2, 3, 4, 5].flatMap((day) => [
    { day, start: '09:00', end: '12:00' },
    { day, start: '13:00', end: '17:00' },
  ]);
  it('weekly hours of Mon–Fri 9:00–12:00, 13:00–17:00 are 35; half hours count', () => {
    expect(weeklyHoursOf(week)).toBe(35);
    expect(weeklyHoursOf([{ day: 6, start: '08:15', end: '12:45' }])).toBe(4.5);
  });
  it('refuses an end before the start and overlapping slots', () => {
    expect(scheduleProblem(week)).toBeNull();
    expect(scheduleProblem([{ day: 1, start: '12:00', end: '09:00' }])).toMatch(/Lundi/);
    expect(
      scheduleProblem([
        { day: 2, start: '09:00', end: '12:00' },
        { day: 2, start: '11:00', end: '14:00' },
      ]),
    ).toMatch(/Mardi : deux plages/);
  });
  it('calendar days include both ends, across months and DST', () => {
    expect(calendarDaysOf('2026-03-01', '2026-03-31')).toBe(31);
    expect(calendarDaysOf('2026-03-20', '2026-04-18')).toBe(30);
    expect(calendarDaysOf('2026-10-20', '2026-10-20')).toBe(1);
  });
  it('the content schema normalises the SIRET and the ROME code', () => {
    const parsed = immersionContentSchema.safeParse({
      host: {
        name: 'X',
        siret: '732 829 320 00074',
        address: 'A',
        tutorName: 'T',
        tutorFunction: 'F',
        tutorEmail: 't@x.test',
        tutorPhone: '0491000000',
      },
      objective: 'confirm',
      romeCode: 'd1102',
      jobLabel: 'Boulanger',
      startDate: '2026-03-02',
      endDate: '2026-03-06',
      schedule: week,
      place: 'P',
      tasks: 'T',
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.host.siret).toBe('73282932000074');
    expect(parsed.data?.romeCode).toBe('D1102');
  });
});
