import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Names the person file resolves before labelling (ids in the data → names). */
export interface TimelineNames {
  structureName?: string;
  referentName?: string;
}
export type TimelineData = Record<string, unknown> & TimelineNames;
type Label = (data: TimelineData) => string;

export interface TimelineInput<T extends string> {
  departmentCode: string;
  personId: string;
  /** Calendar date of the fact (YYYY-MM-DD). */
  occurredOn: string;
  type: T;
  data: Record<string, unknown>;
  actorAccountId?: string | null;
  /** Where the fact comes from: 'parcours' (an agent), 'flux', 'history'… */
  source?: string;
}

const registry = new Map<string, { context: string; label: Label }>();

/**
 * A context declares the events it writes on a person's timeline, with their French label. Only
 * declared types can be written; the person file labels each line with its declaration.
 */
export function defineTimelineEvents<const T extends Record<string, Label>>(context: string, labels: T) {
  type Type = keyof T & string;
  for (const [type, label] of Object.entries(labels)) {
    const known = registry.get(type);
    if (known && known.context !== context) {
      throw new Error(`Timeline event ${type} declared by ${known.context} and ${context}`);
    }
    registry.set(type, { context, label });
  }
  return {
    types: Object.keys(labels) as Type[],
    /** Appends one event in the caller's transaction. */
    append: (exec: Kysely<Database>, event: TimelineInput<Type>) => appendTimeline(exec, event),
    /** The row of one event, for writers that insert in bulk. */
    row: (event: TimelineInput<Type>) => timelineRow(event),
  };
}

export function timelineRow(event: TimelineInput<string>): Insertable<Database['timeline_event']> {
  if (!registry.has(event.type)) throw new Error(`Undeclared timeline event type: ${event.type}`);
  return {
    department_code: event.departmentCode,
    person_id: event.personId,
    occurred_on: event.occurredOn,
    type: event.type,
    data: JSON.stringify(event.data),
    actor_account_id: event.actorAccountId ?? null,
    source: event.source ?? 'parcours',
  };
}

/** Appends one event of any declared type (kits that serve every context: workflows). */
export async function appendTimeline(exec: Kysely<Database>, event: TimelineInput<string>) {
  await exec.insertInto('timeline_event').values(timelineRow(event)).execute();
}

/** The French line of an event; an undeclared type (older data) shows its code. */
export function timelineLabel(type: string, data: TimelineData): string {
  const entry = registry.get(type);
  return entry ? entry.label(data) : type;
}

export function declaredTimelineTypes(): { type: string; context: string }[] {
  return [...registry].map(([type, { context }]) => ({ type, context }));
}

export function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
