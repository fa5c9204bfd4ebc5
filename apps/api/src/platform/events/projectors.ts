import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { type PublishedEvent, subscribe } from './bus';
import type { EventDefinition, PayloadOf } from './define';

// Any declared event; the payload type is recovered with PayloadOf.
// biome-ignore lint/suspicious/noExplicitAny: a projector lists events of different payloads
type AnyEvent = EventDefinition<any>;

/**
 * A read model derived from facts: kept up to date by `apply`, in the transaction of each event
 * it listens to, and recomputed from the facts alone by `rebuild` (command line).
 */
export interface Projector<E extends AnyEvent = AnyEvent> {
  /** Stable name, used by `projections rebuild --only`. */
  name: string;
  /** What it maintains, in French (command line). */
  description: string;
  events: readonly E[];
  apply(trx: Transaction<Database>, event: PublishedEvent<PayloadOf<E>>): Promise<unknown>;
  /** Recomputes the whole read model of a département, in its own transaction. */
  rebuild(db: Kysely<Database>, departmentCode: string): Promise<{ rows: number; changed: number }>;
}

export const defineProjector = <E extends AnyEvent>(projector: Projector<E>): Projector<E> => projector;

const projectors = new Map<string, Projector>();

/** Registers a projector: its `apply` subscribes (in-transaction) to each of its events. */
export function registerProjector<E extends AnyEvent>(projector: Projector<E>): void {
  if (projectors.has(projector.name)) throw new Error(`Projector ${projector.name} registered twice`);
  projectors.set(projector.name, projector as unknown as Projector);
  for (const event of projector.events) {
    subscribe(event, `projector:${projector.name}`, (trx, e) =>
      projector.apply(trx, e as PublishedEvent<PayloadOf<E>>),
    );
  }
}

export function registeredProjectors(): Projector[] {
  return [...projectors.values()];
}

export interface RebuildResult {
  name: string;
  description: string;
  rows: number;
  changed: number;
}

/** Rebuilds every registered projector (or those named), one after the other. */
export async function rebuildProjections(
  db: Kysely<Database>,
  departmentCode: string,
  only?: readonly string[],
): Promise<RebuildResult[]> {
  const unknown = (only ?? []).filter((n) => !projectors.has(n));
  if (unknown.length > 0) {
    throw new Error(
      `Projection inconnue : ${unknown.join(', ')} (connues : ${[...projectors.keys()].join(', ')}).`,
    );
  }
  const results: RebuildResult[] = [];
  for (const p of projectors.values()) {
    if (only && only.length > 0 && !only.includes(p.name)) continue;
    const r = await p.rebuild(db, departmentCode);
    results.push({ name: p.name, description: p.description, ...r });
  }
  return results;
}
