import type { AppContext } from '../../../platform/context';
import {
  addCalendarDays,
  isoWeekday,
  isWorkingDay,
  overlaps,
  parisDate,
  parisInstant,
  type TimeRange,
} from '../domain/agenda';

const DEMO_HUB = 'marseille-2-3';
const DEMO_ADVISOR = 'orientation@parcours.test';
const DEMO_DAYS = 21;
const PLACE = "Pôle d'insertion Marseille 2/3 — 2 rue des Tisserands, 13002 Marseille";
const COLLECTIVE_PLACE = `${PLACE} (salle d'information collective)`;

interface Planned extends TimeRange {
  kind: 'individual' | 'collective';
  capacity: number;
  place: string;
}

/** One day of the demo advisor's agenda: 45-minute interviews, two information sessions a week. */
export function demoDayPlan(date: string): Planned[] {
  if (!isWorkingDay(date)) return [];
  const at = (time: string) => parisInstant(date, time);
  const out: Planned[] = [];
  const collective: Record<number, [string, string]> = { 2: ['14:00', '16:00'], 4: ['09:30', '11:30'] };
  const session = collective[isoWeekday(date)];
  if (session) {
    const [s, e] = [at(session[0]), at(session[1])];
    if (s && e)
      out.push({ kind: 'collective', capacity: 12, place: COLLECTIVE_PLACE, startsAt: s, endsAt: e });
  }
  for (const time of ['09:00', '09:45', '10:30', '11:15', '14:00', '14:45', '15:30']) {
    const startsAt = at(time);
    if (!startsAt) continue;
    const slot: Planned = {
      kind: 'individual',
      capacity: 1,
      place: PLACE,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
    };
    // The advisor leads the information session: no interview at the same time.
    if (!out.some((o) => overlaps(o, slot))) out.push(slot);
  }
  return out;
}

/**
 * Demo slots for the coming weeks (demo data only). Safe to run twice: slots already there (even
 * cancelled ones) are kept and none is created in the past; a later run tops up the new days.
 */
export async function loadDemoAgenda(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  const hub = await ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('department_code', '=', dep)
    .where('code', '=', DEMO_HUB)
    .executeTakeFirst();
  const advisor = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('department_code', '=', dep)
    .where('email', '=', DEMO_ADVISOR)
    .executeTakeFirst();
  if (!hub || !advisor) return;
  const now = new Date();
  const today = parisDate(now);
  const candidates: Planned[] = [];
  for (let i = 0; i < DEMO_DAYS; i++) candidates.push(...demoDayPlan(addCalendarDays(today, i)));
  // Sorted: a day lists its information session first, so list order is not time order.
  const future = candidates
    .filter((c) => c.startsAt.getTime() > now.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const lastEnd = Math.max(...future.map((c) => c.endsAt.getTime()));
  if (future.length === 0) return;
  const existing = await ctx.db
    .selectFrom('agenda_slot')
    .select(['starts_at', 'ends_at'])
    .where('advisor_account_id', '=', advisor.id)
    .where('starts_at', '<', new Date(lastEnd))
    .where('ends_at', '>', future[0]!.startsAt)
    .execute();
  const taken = existing.map((e) => ({ startsAt: new Date(e.starts_at), endsAt: new Date(e.ends_at) }));
  const missing = future.filter((c) => !taken.some((t) => overlaps(c, t)));
  if (missing.length === 0) return;
  await ctx.db
    .insertInto('agenda_slot')
    .values(
      missing.map((c) => ({
        department_code: dep,
        hub_id: hub.id,
        structure_id: null,
        advisor_account_id: advisor.id,
        kind: c.kind,
        purpose: 'orientation',
        starts_at: c.startsAt,
        ends_at: c.endsAt,
        place: c.place,
        capacity: c.capacity,
        created_by: null,
      })),
    )
    .execute();
}
