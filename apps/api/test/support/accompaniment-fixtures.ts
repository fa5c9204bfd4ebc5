import type { Kysely } from 'kysely';
import { addCalendarDays, isWorkingDay, parisDate } from '../../src/modules/accompaniment/domain/agenda';
import type { Database } from '../../src/platform/db/schema';
import { daysAgo, fixtureLines } from './orientation-fixtures';

/** Persons, history lines and the read model's expectations of the accompaniment appointments tests. */

export const P = 'acc-';
export const d = (n: number) => daysAgo(n);
export const today = () => parisDate(new Date());
/** The n-th working day after today (slots are refused on closed days). */
export function workingDay(n: number): string {
  let day = today();
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

export type Spell = {
  person: string;
  entry: string;
  appointment: string | null;
  appointmentOn: string | null;
  contract: string | null;
  contractOn: string | null;
};

export async function readModel(db: Kysely<Database>, personIds?: string[]): Promise<Spell[]> {
  let q = db
    .selectFrom('entry_spell')
    .select([
      'person_id',
      'entry_date',
      'first_accompaniment_appointment_id',
      'first_accompaniment_on',
      'first_contract_id',
      'first_contract_signed_on',
    ])
    .orderBy('person_id')
    .orderBy('entry_date');
  if (personIds) q = q.where('person_id', 'in', personIds);
  return (await q.execute()).map((r) => ({
    person: r.person_id,
    entry: String(r.entry_date),
    appointment: r.first_accompaniment_appointment_id,
    appointmentOn: r.first_accompaniment_on ? String(r.first_accompaniment_on) : null,
    contract: r.first_contract_id,
    contractOn: r.first_contract_signed_on ? String(r.first_contract_signed_on) : null,
  }));
}

/** The definitions of INDICATORS.md computed here independently, from the facts. */
export async function expectedFromFacts(db: Kysely<Database>): Promise<Spell[]> {
  const spells = await db
    .selectFrom('entry_spell')
    .select(['person_id', 'entry_date', 'oriented_on'])
    .orderBy('person_id')
    .orderBy('entry_date')
    .execute();
  const appointments = await db
    .selectFrom('appointment')
    .select(['id', 'person_id', 'on_date', 'purpose', 'status', 'starts_at', 'recorded_at'])
    .execute();
  const contracts = await db
    .selectFrom('engagement_contract')
    .select(['id', 'person_id', 'signed_on'])
    .execute();
  return spells.map((s, i) => {
    const next = spells[i + 1]?.person_id === s.person_id ? String(spells[i + 1]!.entry_date) : null;
    const on = s.oriented_on ? String(s.oriented_on) : null;
    const inSpell = (date: string) => on !== null && date >= on && (next === null || date < next);
    const first = appointments
      .filter(
        (a) =>
          a.person_id === s.person_id &&
          a.purpose === 'accompaniment' &&
          a.status !== 'cancelled' &&
          a.status !== 'rescheduled' &&
          inSpell(String(a.on_date)),
      )
      .sort(
        (a, b) =>
          String(a.on_date).localeCompare(String(b.on_date)) ||
          (a.starts_at && b.starts_at
            ? new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime()
            : a.starts_at
              ? -1
              : b.starts_at
                ? 1
                : 0) ||
          new Date(a.recorded_at).getTime() - new Date(b.recorded_at).getTime(),
      )[0];
    const contract = contracts
      .filter((c) => c.person_id === s.person_id && c.signed_on && inSpell(String(c.signed_on)))
      .sort((a, b) => String(a.signed_on).localeCompare(String(b.signed_on)))[0];
    return {
      person: s.person_id,
      entry: String(s.entry_date),
      appointment: first?.id ?? null,
      appointmentOn: first ? String(first.on_date) : null,
      contract: contract?.id ?? null,
      contractOn: contract ? String(contract.signed_on) : null,
    };
  });
}

export function historyLines() {
  const lines = fixtureLines(
    P,
    [
      {
        // Two entry spells, each with its initial orientation, appointments and contracts.
        key: 'h-h',
        members: [{ key: 'h', role: 'DEM', birthDate: '1979-03-03' }],
        rights: [
          { date: d(200), status: 'open', subjectToDuties: true },
          { date: d(170), status: 'closed', subjectToDuties: true },
          { date: d(140), status: 'open', subjectToDuties: true },
        ],
        orientations: [
          { memberKey: 'h', date: d(190), pathway: 'social', bodyKey: 'mds' },
          { memberKey: 'h', date: d(100), pathway: 'social', bodyKey: 'mds' },
        ],
      },
      // New entrants the agents below orient and meet.
      ...['a', 'b', 'c', 'e'].map((key, i) => ({
        key: `h-${key}`,
        members: [{ key, role: 'DEM' as const, birthDate: `198${i}-05-0${i + 1}`, firstName: `Acc${key}` }],
        rights: [{ date: d(40), status: 'open' as const, subjectToDuties: true }],
      })),
    ],
    [{ key: 'mds', name: 'MDS Historique', type: 'mds' }],
  );
  const appointment = (date: string, purpose: string, status: string) => ({
    kind: 'appointment',
    personId: `${P}h`,
    date,
    bodyId: `${P}mds`,
    purpose,
    status,
  });
  const contract = (signedOn: string) => ({
    kind: 'contract',
    personId: `${P}h`,
    signedOn,
    start: signedOn,
    end: addCalendarDays(signedOn, 180),
    weeklyHours: 15,
    hoursRegime: 'standard',
  });
  lines.push(
    appointment(d(186), 'orientation', 'seen'),
    appointment(d(185), 'accompaniment', 'seen'),
    // In the second spell but before its orientation (d(100)): not its first.
    appointment(d(120), 'accompaniment', 'seen'),
    // Cancelled: it was not fixed.
    appointment(d(99), 'accompaniment', 'cancelled'),
    // An absence counts.
    appointment(d(97), 'accompaniment', 'noshow'),
    appointment(d(90), 'accompaniment', 'seen'),
    contract(d(195)),
    contract(d(180)),
    contract(d(95)),
    contract(d(60)),
  );
  return lines;
}
