import { plural } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import {
  type ConvocationDelayRule,
  earliestByChannel,
  frenchLongDate,
  frenchTime,
  type MessageChannel,
} from '../../messaging';

/* How a batch convocation fits each person's channels in time: reasons and free slots. */

export const fullName = (p: { first_name: string; birth_name: string; usual_name: string | null }) =>
  `${p.first_name} ${p.usual_name ?? p.birth_name}`;

/** "le lundi 7 décembre 2026 à 0 h" */
export const frenchInstant = (d: Date) => `le ${frenchLongDate(d)} à ${frenchTime(d)}`;

const channelWords: Record<MessageChannel, string> = { letter: 'courrier', email: 'e-mail', sms: 'SMS' };

/** "5 jours", "48 h" */
export function channelDelay(channel: MessageChannel, rule: ConvocationDelayRule): string {
  if (channel === 'letter') return plural(rule.letterDays, 'jour', 'jours');
  return `${channel === 'email' ? rule.emailHours : rule.smsHours} h`;
}

/**
 * Why a person cannot be convened before a date, in French: the channels they can be reached by,
 * each with its minimum delay, and the earliest appointment the fastest allows.
 */
export function lateReason(
  channels: readonly MessageChannel[],
  now: Date,
  earliest: Date,
  rule: ConvocationDelayRule,
): string {
  const ways = channels.map((c) => `${channelWords[c]} (${channelDelay(c, rule)})`);
  const only = channels.length === 1 ? 'joignable seulement par' : 'joignable par';
  const fastest = channels.reduce((a, b) =>
    earliestByChannel(a, now, rule) <= earliestByChannel(b, now, rule) ? a : b,
  );
  // A letter counts in whole days from the day it is posted: the day is enough.
  const when = fastest === 'letter' ? `le ${frenchLongDate(earliest)}` : frenchInstant(earliest);
  return `${only} ${ways.join(', ')} : pas de rendez-vous possible avant ${when}`;
}

/** Free individual orientation slots of a pôle from a time on, earliest first. */
export async function freeIndividualSlots(
  trx: Transaction<Database>,
  departmentCode: string,
  hubId: string,
  from: Date,
  limit: number,
): Promise<{ id: string; starts_at: Date }[]> {
  const rows = await trx
    .selectFrom('agenda_slot as s')
    .select(['s.id', 's.starts_at'])
    .where('s.department_code', '=', departmentCode)
    .where('s.hub_id', '=', hubId)
    .where('s.kind', '=', 'individual')
    .where('s.purpose', '=', 'orientation')
    .where('s.status', '=', 'open')
    .where('s.starts_at', '>=', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('appointment as a')
            .select('a.id')
            .whereRef('a.slot_id', '=', 's.id')
            .where('a.status', 'not in', ['cancelled', 'rescheduled']),
        ),
      ),
    )
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, starts_at: new Date(r.starts_at) }));
}

/**
 * Gives each person the first free slot not before their own earliest time, in the order given
 * (greedy); null for a person no slot is left for.
 */
export function assignSlots(
  wants: readonly { key: string; from: Date }[],
  slots: readonly { id: string; starts_at: Date }[],
): Map<string, { id: string; starts_at: Date } | null> {
  const used = new Set<string>();
  const out = new Map<string, { id: string; starts_at: Date } | null>();
  for (const w of wants) {
    const slot = slots.find((s) => !used.has(s.id) && s.starts_at.getTime() >= w.from.getTime()) ?? null;
    if (slot) used.add(slot.id);
    out.set(w.key, slot);
  }
  return out;
}
