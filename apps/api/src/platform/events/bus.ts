import type { Transaction } from 'kysely';
import type { RequestActor } from '../auth/sessions';
import type { Database } from '../db/schema';
import type { RequestInfo } from '../request-info';
import type { EventDefinition } from './define';
import { type DomainEvent, writeToOutbox } from './publish';

/** An event as an in-transaction subscriber sees it: the fact, its département, who caused it. */
export interface PublishedEvent<P extends Record<string, unknown> = Record<string, unknown>>
  extends DomainEvent<P> {
  departmentCode: string;
  /** The agent whose request published it; null for jobs, imports and the command line. */
  actor: RequestActor | null;
  request: RequestInfo | null;
}

export type EventHandler<P extends Record<string, unknown>> = (
  trx: Transaction<Database>,
  event: PublishedEvent<P>,
) => Promise<unknown> | unknown;

interface Subscriber {
  name: string;
  handler: EventHandler<Record<string, unknown>>;
}

const subscribers = new Map<string, Subscriber[]>();

/**
 * Registers a reaction that runs INSIDE the publisher's transaction (read models, the letter of a
 * decision): it commits with the fact, and its failure rolls the fact back. Reactions that may run
 * later and be retried on their own subscribe to the job queue instead (`ctx.jobs.subscribe`).
 * Subscribers run in the order they were registered (the composition root, modules/event-subscribers.ts).
 * Returns a function that removes it (tests).
 */
export function subscribe<P extends Record<string, unknown>>(
  event: EventDefinition<P>,
  name: string,
  handler: EventHandler<P>,
): () => void {
  const list = subscribers.get(event.type) ?? [];
  if (list.some((s) => s.name === name)) throw new Error(`${name} already subscribes to ${event.type}`);
  const entry: Subscriber = { name, handler: handler as EventHandler<Record<string, unknown>> };
  subscribers.set(event.type, [...list, entry]);
  return () => {
    subscribers.set(
      event.type,
      (subscribers.get(event.type) ?? []).filter((s) => s !== entry),
    );
  };
}

/** Names of the in-transaction subscribers of an event type, in the order they run. */
export function subscribersOf(type: string): string[] {
  return (subscribers.get(type) ?? []).map((s) => s.name);
}

/**
 * Publishes a fact in the caller's transaction: written to the outbox (the job queue hands it to
 * asynchronous subscribers after commit), then handed to each in-transaction subscriber.
 */
export async function publish<P extends Record<string, unknown>>(
  trx: Transaction<Database>,
  departmentCode: string,
  event: DomainEvent<P>,
  context: { actor?: RequestActor | null; request?: RequestInfo | null } = {},
): Promise<void> {
  await writeToOutbox(trx, departmentCode, event);
  const published: PublishedEvent<P> = {
    ...event,
    departmentCode,
    actor: context.actor ?? null,
    request: context.request ?? null,
  };
  for (const s of subscribers.get(event.type) ?? []) {
    await s.handler(trx, published as unknown as PublishedEvent<Record<string, unknown>>);
  }
}
