import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** A fact another context (or a partner, later) may react to. */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  payload: P;
}

/**
 * Writes an event to the outbox in the caller's transaction: it commits or rolls back with the
 * fact; the job queue hands it to asynchronous subscribers after commit.
 */
export async function writeToOutbox(exec: Kysely<Database>, departmentCode: string, event: DomainEvent) {
  await exec
    .insertInto('outbox_event')
    .values({ department_code: departmentCode, type: event.type, payload: JSON.stringify(event.payload) })
    .execute();
}
