import type { DomainEvent } from './publish';

/** A declared event type: its name, the shape of its payload, and how to build one. */
export interface EventDefinition<P extends Record<string, unknown>> {
  readonly type: string;
  /** The event to publish, typed by the declaration. */
  of(payload: P): DomainEvent<P>;
}

/** The payload of a declared event type. */
export type PayloadOf<E> = E extends EventDefinition<infer P> ? P : never;

const declared = new Set<string>();

/**
 * Declares an event type once, in the context that publishes it (`<context>/domain/events.ts`),
 * exported through its facade for the contexts that react to it. Payloads are JSON (outbox).
 */
export function defineEvent<P extends Record<string, unknown>>(type: string): EventDefinition<P> {
  if (declared.has(type)) throw new Error(`Event type ${type} declared twice`);
  declared.add(type);
  return { type, of: (payload) => ({ type, payload }) };
}

export function declaredEventTypes(): string[] {
  return [...declared];
}
