import { describe, expect, it } from 'vitest';
import { demoDayPlan } from '../application/demo-agenda';
import {
  addCalendarDays,
  freePlaces,
  frenchRange,
  hasStarted,
  holdsPlace,
  isFrenchPublicHoliday,
  isWorkingDay,
  mondayOf,
  outcomeRefusal,
  overlaps,
  parisDate,
  parisInstant,
  parisTime,
  weeklyOccurrences,
} from './agenda';

const at = (iso: string) => new Date(iso);

describe('Paris dates and times', () => {
  it('reads the Paris calendar day of an instant, not the UTC one', () => {
    expect(parisDate(at('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(parisDate(at('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDate(at('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
    expect(parisTime(at('2026-01-15T08:00:00Z'))).toBe('09:00');
    expect(parisTime(at('2026-07-15T08:00:00Z'))).toBe('10:00');
  });

  it('turns a Paris wall-clock time into the right instant in winter and summer', () => {
    expect(parisInstant('2026-01-15', '09:00')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(parisInstant('2026-07-15', '09:00')?.toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  it('refuses the hour skipped when clocks go forward, and malformed input', () => {
    expect(parisInstant('2026-03-29', '02:30')).toBeNull();
    expect(parisInstant('2026-03-29', '03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parisInstant('2026-02-30', '09:00')).toBeNull();
    expect(parisInstant('2026-01-15', '9h')).toBeNull();
  });

  it('does calendar arithmetic without time zone drift', () => {
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-23')).toBe('2026-03-23');
  });

  it('knows French public holidays, moving ones included', () => {
    expect(isFrenchPublicHoliday('2026-07-14')).toBe(true);
    expect(isFrenchPublicHoliday('2026-04-06')).toBe(true); // Easter Monday 2026
    expect(isFrenchPublicHoliday('2026-05-14')).toBe(true); // Ascension 2026
    expect(isFrenchPublicHoliday('2026-05-25')).toBe(true); // Whit Monday 2026
    expect(isFrenchPublicHoliday('2026-04-07')).toBe(false);
    expect(isWorkingDay('2026-03-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-27')).toBe(true);
  });
});

describe('overlaps and capacity', () => {
  const r = (a: string, b: string) => ({ startsAt: at(a), endsAt: at(b) });
  it('treats touching slots as free and any shared minute as an overlap', () => {
    const nine = r('2026-01-15T08:00:00Z', '2026-01-15T08:45:00Z');
    expect(overlaps(nine, r('2026-01-15T08:45:00Z', '2026-01-15T09:30:00Z'))).toBe(false);
    expect(overlaps(nine, r('2026-01-15T08:44:00Z', '2026-01-15T09:30:00Z'))).toBe(true);
    expect(overlaps(nine, r('2026-01-15T07:00:00Z', '2026-01-15T10:00:00Z'))).toBe(true);
    expect(overlaps(r('2026-01-15T07:00:00Z', '2026-01-15T10:00:00Z'), nine)).toBe(true);
  });

  it('counts only appointments that hold a place', () => {
    expect(['planned', 'seen', 'noshow', 'excused'].every(holdsPlace)).toBe(true);
    expect(holdsPlace('cancelled')).toBe(false);
    expect(holdsPlace('rescheduled')).toBe(false);
    expect(freePlaces(12, 3)).toBe(9);
    expect(freePlaces(1, 1)).toBe(0);
    expect(freePlaces(1, 2)).toBe(0);
  });
});

describe('weekly occurrences', () => {
  it('keeps the same Paris time every week across the change to summer time', () => {
    const result = weeklyOccurrences({
      date: '2026-03-23',
      startTime: '09:00',
      durationMinutes: 45,
      weeks: 2,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.items.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(result.items.map((o) => parisTime(o.endsAt))).toEqual(['09:45', '09:45']);
  });

  it('uses the end time when given and refuses an end before the start', () => {
    const ok = weeklyOccurrences({ date: '2026-06-02', startTime: '14:00', endTime: '16:00', weeks: 1 });
    expect(ok.ok && frenchRange(ok.items[0]!)).toBe('le 02/06/2026 de 14h00 à 16h00');
    const bad = weeklyOccurrences({ date: '2026-06-02', startTime: '14:00', endTime: '13:00', weeks: 1 });
    expect(bad).toMatchObject({ ok: false, path: 'endTime' });
    const none = weeklyOccurrences({ date: '2026-06-02', startTime: '14:00', weeks: 1 });
    expect(none.ok).toBe(false);
  });

  it('refuses a series that hits a skipped hour', () => {
    const result = weeklyOccurrences({
      date: '2026-03-22',
      startTime: '02:30',
      durationMinutes: 30,
      weeks: 2,
    });
    expect(result).toMatchObject({ ok: false, path: 'startTime' });
  });
});

describe('outcomes', () => {
  const now = at('2026-05-12T10:00:00Z');
  const planned = { status: 'planned', startsAt: at('2026-05-12T09:00:00Z'), onDate: '2026-05-12' };

  it('is recorded only once the appointment has started', () => {
    expect(outcomeRefusal(planned, 'seen', null, null, now)).toBeNull();
    const future = { ...planned, startsAt: at('2026-05-12T10:30:00Z') };
    expect(outcomeRefusal(future, 'seen', null, null, now)).toMatch(/pas encore commencé/);
    expect(hasStarted({ startsAt: at('2026-05-12T10:00:00Z'), onDate: '2026-05-12' }, now)).toBe(true);
  });

  it('judges history appointments (date only) by their Paris day', () => {
    expect(hasStarted({ startsAt: null, onDate: '2026-05-12' }, now)).toBe(true);
    expect(hasStarted({ startsAt: null, onDate: '2026-05-13' }, now)).toBe(false);
  });

  it('allows a correction but not the same outcome twice, nor on a cancelled or moved appointment', () => {
    const seen = { ...planned, status: 'seen' };
    expect(outcomeRefusal(seen, 'noshow', null, null, now)).toBeNull();
    expect(outcomeRefusal(seen, 'seen', null, null, now)).toMatch(/déjà enregistré/);
    expect(
      outcomeRefusal({ ...planned, status: 'excused' }, 'excused', 'autre motif', 'malade', now),
    ).toBeNull();
    expect(outcomeRefusal({ ...planned, status: 'cancelled' }, 'seen', null, null, now)).toMatch(/annulé/);
    expect(outcomeRefusal({ ...planned, status: 'rescheduled' }, 'seen', null, null, now)).toMatch(/reporté/);
  });
});

describe('demo agenda', () => {
  it('plans 45-minute interviews and an information session that never overlap', () => {
    const tuesday = demoDayPlan('2026-06-02');
    const collective = tuesday.filter((s) => s.kind === 'collective');
    expect(collective).toHaveLength(1);
    expect(collective[0]!.capacity).toBe(12);
    for (const a of tuesday)
      for (const b of tuesday)
        if (a !== b) expect(overlaps(a, b), `${a.startsAt} / ${b.startsAt}`).toBe(false);
    const monday = demoDayPlan('2026-06-01');
    expect(monday.map((s) => parisTime(s.startsAt))).toEqual([
      '09:00',
      '09:45',
      '10:30',
      '11:15',
      '14:00',
      '14:45',
      '15:30',
    ]);
    expect(monday.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 45 * 60_000)).toBe(true);
    expect(demoDayPlan('2026-06-06')).toEqual([]); // Saturday
    expect(demoDayPlan('2026-07-14')).toEqual([]); // Bastille Day
  });
});
