import type { HalfDay, SasAttendanceStatus, SasAttendanceSummary, SasPatternItem } from '@parcours/contracts';

/**
 * The SAS de rétablissement's pure rules: the dated meetings of a session from its weekly pattern,
 * and the attendance a reinstatement needs.
 */

/**
 * Reinstatement needs presence at three quarters of the meetings held (an excused absence is not
 * counted either way) and at least one presence. A constant, not a dated rule set: the 2020
 * convention (sheet 3-9) sets no threshold; this is the project's reading of "after attending it"
 * (SPEC §8), to be made a dated setting of the practice when the département fixes one.
 */
export const SAS_MIN_ATTENDANCE_PERCENT = 75;

export interface PlannedMeeting {
  position: number;
  week: number;
  date: string;
  halfDay: HalfDay;
}

export type Plan = { ok: true; meetings: PlannedMeeting[] } | { ok: false; path: string; message: string };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utc(date: string): Date {
  const d = DAY_RE.exec(date);
  if (!d) throw new Error(`invalid date ${date}`);
  return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
}

/** ISO day of the week of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

export function plusDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const halfDayOrder: Record<HalfDay, number> = { morning: 0, afternoon: 1 };

/**
 * The meetings of a session: `weeks` weeks from its Monday, the pattern's half-days each week, in
 * date order. The pattern has exactly the practice's number of half-days, each once.
 */
export function planSasMeetings(input: {
  startDate: string;
  weeks: number;
  halfDaysPerWeek: number;
  pattern: readonly SasPatternItem[];
}): Plan {
  if (isoWeekday(input.startDate) !== 1)
    return { ok: false, path: 'startDate', message: 'Une session du SAS commence un lundi.' };
  if (input.pattern.length !== input.halfDaysPerWeek)
    return {
      ok: false,
      path: 'pattern',
      message: `Le SAS compte ${input.halfDaysPerWeek} demi-journées par semaine (pratique du département) : choisissez-en ${input.halfDaysPerWeek}.`,
    };
  const keys = new Set(input.pattern.map((p) => `${p.weekday}:${p.halfDay}`));
  if (keys.size !== input.pattern.length)
    return { ok: false, path: 'pattern', message: 'La même demi-journée est choisie deux fois.' };
  const week = [...input.pattern].sort(
    (a, b) => a.weekday - b.weekday || halfDayOrder[a.halfDay] - halfDayOrder[b.halfDay],
  );
  const meetings: PlannedMeeting[] = [];
  for (let w = 0; w < input.weeks; w++) {
    for (const p of week) {
      meetings.push({
        position: meetings.length + 1,
        week: w + 1,
        date: plusDays(input.startDate, w * 7 + p.weekday - 1),
        halfDay: p.halfDay,
      });
    }
  }
  return { ok: true, meetings };
}

/** A meeting moved elsewhere: a working day (Monday to Friday). */
export function moveRefusal(date: string): string | null {
  return isoWeekday(date) > 5 ? 'Une séance du SAS a lieu du lundi au vendredi.' : null;
}

/** The attendance of one person over a session's meetings, against the reinstatement threshold. */
export function attendanceSummary(
  meetings: readonly { id: string; status: string; started: boolean }[],
  attendance: ReadonlyMap<string, SasAttendanceStatus>,
): SasAttendanceSummary {
  const planned = meetings.filter((m) => m.status !== 'cancelled');
  const held = planned.filter((m) => m.started);
  let present = 0;
  let excused = 0;
  let absent = 0;
  let unrecorded = 0;
  for (const m of held) {
    const a = attendance.get(m.id);
    if (a === 'present') present++;
    else if (a === 'excused') excused++;
    else if (a === 'absent') absent++;
    else unrecorded++;
  }
  const counted = held.length - excused;
  const rate = counted > 0 ? Math.round((present / counted) * 1000) / 10 : null;
  return {
    meetings: planned.length,
    held: held.length,
    present,
    excused,
    absent,
    unrecorded,
    rate,
    sufficient: present > 0 && rate !== null && rate >= SAS_MIN_ATTENDANCE_PERCENT,
  };
}

/** Why the reinstatement cannot be decided yet (each reason with a stable code), or an empty list. */
export function reinstatementRefusals(
  summary: SasAttendanceSummary,
  commitment: { kind: string | null },
): { path: string; code: string; message: string }[] {
  const out: { path: string; code: string; message: string }[] = [];
  if (summary.held < summary.meetings || summary.unrecorded > 0)
    out.push({
      path: 'attendance',
      code: 'sas_attendance_missing',
      message: `La présence n’est pas enregistrée pour toutes les séances (${summary.unrecorded + summary.meetings - summary.held} sans présence enregistrée).`,
    });
  else if (!summary.sufficient)
    out.push({
      path: 'attendance',
      code: 'sas_attendance_insufficient',
      message: `Assiduité insuffisante : ${summary.present} présence(s) sur ${summary.held - summary.excused} séance(s) comptée(s) (${SAS_MIN_ATTENDANCE_PERCENT} % au moins).`,
    });
  if (!commitment.kind)
    out.push({
      path: 'commitment',
      code: 'sas_commitment_missing',
      message: 'L’engagement de la personne (contrat d’engagement signé ou parcours) n’est pas enregistré.',
    });
  return out;
}
