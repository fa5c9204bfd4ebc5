/** Paris wall-clock dates and times of the convoke dialog (the agents' time, whatever the browser's). */

const wallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-07 09:30" in Paris for an instant. */
function parisWall(instant: number): string {
  return wallClock.format(new Date(instant));
}

/** The Paris calendar day and time (HH:MM) of an ISO instant. */
export function parisParts(iso: string): { date: string; time: string } {
  const [date, time] = parisWall(Date.parse(iso)).split(' ') as [string, string];
  return { date, time };
}

/** The ISO instant of a Paris day and wall-clock time; null when malformed. */
export function parisInstantIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) return null;
  const offsetAt = (t: number) => Date.parse(`${parisWall(t).replace(' ', 'T')}:00Z`) - t;
  let instant = naive - offsetAt(naive);
  instant = naive - offsetAt(instant);
  return new Date(instant).toISOString();
}

/**
 * The date and time the dialog proposes: the earliest possible instant, not before 9:00, rounded up
 * to the quarter hour; after 17:00, the next morning at 9:00.
 */
export function proposedStart(earliestIso: string | null): { date: string; time: string } {
  const now = new Date(Date.now() + 3_600_000).toISOString();
  const { date, time } = parisParts(earliestIso && earliestIso > now ? earliestIso : now);
  const [h, m] = time.split(':').map(Number) as [number, number];
  let minutes = Math.ceil((h * 60 + m) / 15) * 15;
  if (minutes < 9 * 60) minutes = 9 * 60;
  if (minutes > 17 * 60) {
    const next = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { date: next, time: '09:00' };
  }
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date, time: `${hh}:${mm}` };
}
