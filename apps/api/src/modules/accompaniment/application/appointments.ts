import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';

export interface BookedAppointment {
  id: string;
  personId: string;
  slotId: string;
  purpose: 'orientation' | 'accompaniment' | 'contract' | 'other';
  startsAt: Date;
  endsAt: Date;
  place: string;
  hubId: string | null;
  structureId: string | null;
}

/**
 * Books a person on a slot inside the caller's transaction (used by the batch convocation).
 * Refuses with an AppError: slot in the past, cancelled, full, person already booked at an
 * overlapping time, person out of the actor's scope. Writes the timeline event.
 */
export async function bookAppointment(
  _trx: Transaction<Database>,
  _actor: RequestActor,
  _input: { personId: string; slotId: string; entrySpellId?: string | null },
): Promise<BookedAppointment> {
  throw new Error('bookAppointment: not implemented yet');
}
