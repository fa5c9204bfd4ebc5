import { describe, expect, it } from 'vitest';
import { attendanceSummary, isoWeekday, moveRefusal, planSasMeetings, reinstatementRefusals } from './sas';

const pattern = [
  { weekday: 4, halfDay: 'morning' },
  { weekday: 1, halfDay: 'afternoon' },
  { weekday: 1, halfDay: 'morning' },
] as const;

describe('SAS meetings from the weekly pattern', () => {
  it('dates 4 weeks × 3 half-days from a Monday, in date order', () => {
    const plan = planSasMeetings({ startDate: '2026-03-02', weeks: 4, halfDaysPerWeek: 3, pattern });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.meetings).toHaveLength(12);
    expect(plan.meetings.slice(0, 4)).toEqual([
      { position: 1, week: 1, date: '2026-03-02', halfDay: 'morning' },
      { position: 2, week: 1, date: '2026-03-02', halfDay: 'afternoon' },
      { position: 3, week: 1, date: '2026-03-05', halfDay: 'morning' },
      { position: 4, week: 2, date: '2026-03-09', halfDay: 'morning' },
    ]);
    expect(plan.meetings[11]).toEqual({ position: 12, week: 4, date: '2026-03-26', halfDay: 'morning' });
    expect(new Set(plan.meetings.map((m) => m.week))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('crosses months and the clock change without losing a day', () => {
    const plan = planSasMeetings({ startDate: '2026-03-23', weeks: 2, halfDaysPerWeek: 3, pattern });
    expect(plan.ok && plan.meetings.map((m) => m.date)).toEqual([
      '2026-03-23',
      '2026-03-23',
      '2026-03-26',
      '2026-03-30',
      '2026-03-30',
      '2026-04-02',
    ]);
  });

  it('refuses a start that is not a Monday, the wrong number of half-days, a half-day twice', () => {
    expect(planSasMeetings({ startDate: '2026-03-03', weeks: 4, halfDaysPerWeek: 3, pattern })).toMatchObject(
      {
        ok: false,
        path: 'startDate',
      },
    );
    expect(
      planSasMeetings({
        startDate: '2026-03-02',
        weeks: 4,
        halfDaysPerWeek: 3,
        pattern: pattern.slice(0, 2),
      }),
    ).toMatchObject({ ok: false, path: 'pattern', message: expect.stringContaining('3 demi-journées') });
    expect(
      planSasMeetings({
        startDate: '2026-03-02',
        weeks: 4,
        halfDaysPerWeek: 2,
        pattern: [pattern[0], pattern[0]],
      }),
    ).toMatchObject({ ok: false, path: 'pattern' });
  });

  it('moves meetings to working days only', () => {
    expect(isoWeekday('2026-03-07')).toBe(6);
    expect(moveRefusal('2026-03-07')).toMatch(/lundi au vendredi/);
    expect(moveRefusal('2026-03-06')).toBeNull();
  });
});

describe('attendance needed for reinstatement', () => {
  const meetings = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, status: 'planned', started: true }));
  const marks = (present: number, excused: number) =>
    new Map(
      meetings.map(
        (m, i) => [m.id, i < present ? 'present' : i < present + excused ? 'excused' : 'absent'] as const,
      ),
    );

  it('counts 75 % of the meetings held, excused absences aside', () => {
    expect(attendanceSummary(meetings, marks(9, 0))).toMatchObject({
      present: 9,
      rate: 75,
      sufficient: true,
    });
    expect(attendanceSummary(meetings, marks(8, 0))).toMatchObject({ absent: 4, sufficient: false });
    // 8 present, 2 excused: 8 of 10 counted.
    expect(attendanceSummary(meetings, marks(8, 2))).toMatchObject({ rate: 80, sufficient: true });
    expect(attendanceSummary(meetings, marks(0, 12))).toMatchObject({ rate: null, sufficient: false });
  });

  it('leaves cancelled meetings out and counts those not recorded', () => {
    const some = meetings.map((m, i) =>
      i === 0 ? { ...m, status: 'cancelled' } : i > 9 ? { ...m, started: false } : m,
    );
    const s = attendanceSummary(some, new Map([['m1', 'present']]));
    expect(s).toMatchObject({ meetings: 11, held: 9, present: 1, unrecorded: 8 });
  });

  it('refuses without attendance or commitment, each reason with its code', () => {
    const ok = attendanceSummary(meetings, marks(10, 0));
    expect(reinstatementRefusals(ok, { kind: 'pathway' })).toEqual([]);
    expect(reinstatementRefusals(ok, { kind: null }).map((r) => r.code)).toEqual(['sas_commitment_missing']);
    const low = attendanceSummary(meetings, marks(3, 0));
    expect(reinstatementRefusals(low, { kind: null }).map((r) => r.code)).toEqual([
      'sas_attendance_insufficient',
      'sas_commitment_missing',
    ]);
    const missing = attendanceSummary(meetings, new Map());
    expect(reinstatementRefusals(missing, { kind: 'contract' })[0]?.code).toBe('sas_attendance_missing');
  });
});
