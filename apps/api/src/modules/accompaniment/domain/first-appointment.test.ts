import { describe, expect, it } from 'vitest';
import { daysBetween, firstAppointmentDelay, firstAppointmentDelayLabel } from './first-appointment';

describe('first accompaniment appointment against the 2-week target', () => {
  it('counts calendar days across months and years', () => {
    expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1);
    expect(daysBetween('2025-12-25', '2026-01-08')).toBe(14);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    // Across the change to summer time: still whole days.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('is within the target up to orientation + 14 days included', () => {
    expect(firstAppointmentDelay('2026-01-05', '2026-01-05')).toEqual({
      orientedOn: '2026-01-05',
      days: 0,
      withinTarget: true,
    });
    expect(firstAppointmentDelay('2026-01-05', '2026-01-19')).toMatchObject({ days: 14, withinTarget: true });
    expect(firstAppointmentDelay('2026-01-05', '2026-01-20')).toMatchObject({
      days: 15,
      withinTarget: false,
    });
  });

  it('says it in French', () => {
    expect(firstAppointmentDelayLabel({ days: 3, withinTarget: true })).toBe('dans les 2 semaines');
    expect(firstAppointmentDelayLabel({ days: 21, withinTarget: false })).toBe('hors délai (21 jours)');
  });
});
