import { transitionRefusal, type Workflow, type WorkflowActor } from '@parcours/contracts';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { type AuditInput, AuditTrail } from '../audit/audit';
import type { RequestActor } from '../auth/sessions';
import type { Database } from '../db/schema';
import { conflict, forbidden, notFound, versionConflict } from '../errors';
import { publish } from '../events/bus';
import type { DomainEvent } from '../events/publish';
import type { RequestInfo } from '../request-info';
import { appendTimeline, type TimelineInput } from '../timeline/registry';

/** Tables whose rows follow a workflow: an id, a département, a status and a row version. */
export type WorkflowTable = {
  [K in keyof Database]: Database[K] extends {
    id: unknown;
    status: unknown;
    version: unknown;
    department_code: string;
  }
    ? K
    : never;
}[keyof Database];

/** A locked row of a workflow table, as it was before the move. */
export type WorkflowRow<T extends WorkflowTable> = Selectable<Database[T]>;

/** Who moves the record: an agent, or the system (a job, a provider's callback). */
export interface TransitionActor {
  accountId: string | null;
  role: WorkflowActor;
  departmentCode: string;
}

export type TransitionAudit = Omit<AuditInput, 'actor' | 'request'>;

export interface TransitionSpec<S extends string, T extends WorkflowTable, R = undefined> {
  workflow: Workflow<S>;
  table: T;
  id: string;
  to: S;
  actor: TransitionActor;
  request: RequestInfo | null;
  /** What the agent saw (optimistic lock); omitted when the system moves the record. */
  version?: number;
  /** Name of the record in a 404 ("Rendez-vous introuvable."). */
  notFoundLabel: string;
  /** Scope of the locked row, before anything else is said about it: throws notFound/forbidden. */
  guard?: (row: WorkflowRow<T>) => void | Promise<void>;
  /** A rule beyond the table (time, other records): a French refusal, or null. May also throw. */
  check?: (row: WorkflowRow<T>) => string | null | Promise<string | null>;
  /** Columns written with the new status (reason, outcome, dates…). */
  set?: (row: WorkflowRow<T>) => Updateable<Database[T]>;
  /**
   * Work that must follow the update in the same transaction, before the effects (booking the
   * appointment that replaces a rescheduled one); its result reaches audit, timeline and events.
   */
  after?: (row: WorkflowRow<T>) => Promise<R>;
  /** The trace of the move; null only for the system's moves that were never traced (delivery reports). */
  audit: (row: WorkflowRow<T>, result: R) => TransitionAudit | null;
  timeline?: (row: WorkflowRow<T>, result: R) => TimelineInput<string> | null;
  /** Domain events, written to the outbox in the same transaction. */
  events?: (row: WorkflowRow<T>, result: R) => DomainEvent[];
}

/**
 * Moves one record to a new status, in the caller's transaction: lock, scope, version, the
 * workflow table, the extra check, the update, then audit, timeline and events — one place for
 * what every transition needs. Returns the row as it was before the move.
 */
export async function transition<S extends string, T extends WorkflowTable, R = undefined>(
  trx: Transaction<Database>,
  spec: TransitionSpec<S, T, R>,
): Promise<WorkflowRow<T>> {
  return (await move(trx, spec, false))!;
}

/**
 * Like `transition`, but when the current status does not allow the move (the record has moved
 * on: a late or repeated report) leaves it as it is and returns null. Other refusals still throw.
 */
export function transitionIfAllowed<S extends string, T extends WorkflowTable, R = undefined>(
  trx: Transaction<Database>,
  spec: TransitionSpec<S, T, R>,
): Promise<WorkflowRow<T> | null> {
  return move(trx, spec, true);
}

async function move<S extends string, T extends WorkflowTable, R>(
  trx: Transaction<Database>,
  spec: TransitionSpec<S, T, R>,
  skipRefused: boolean,
): Promise<WorkflowRow<T> | null> {
  // The table is chosen at run time; its shape is guaranteed by WorkflowTable.
  const db = trx as unknown as Kysely<{
    wf: { id: string; department_code: string; status: string; version: number };
  }>;
  const table = spec.table as unknown as 'wf';
  const found = await db
    .selectFrom(table)
    .selectAll()
    .where('id', '=', spec.id)
    .where('department_code', '=', spec.actor.departmentCode)
    // The status is not a key: rows that reference this one (records of a referral) keep their
    // KEY SHARE lock without deadlocking two concurrent moves.
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!found) throw notFound(spec.notFoundLabel);
  const row = found as unknown as WorkflowRow<T>;
  await spec.guard?.(row);
  if (spec.version !== undefined && found.version !== spec.version) throw versionConflict();
  const refusal = transitionRefusal(spec.workflow, found.status as S, spec.to, spec.actor.role);
  if (skipRefused && refusal?.kind === 'conflict') return null;
  if (refusal) throw refusal.kind === 'forbidden' ? forbidden(refusal.message) : conflict(refusal.message);
  const extra = await spec.check?.(row);
  if (extra) throw conflict(extra);

  await db
    .updateTable(table)
    .set({ ...spec.set?.(row), status: spec.to, version: found.version + 1 } as never)
    .where('id', '=', spec.id)
    .execute();
  const result = (await spec.after?.(row)) as R;
  await recordTransition(trx, {
    actor: spec.actor,
    request: spec.request,
    audit: spec.audit(row, result),
    timeline: spec.timeline?.(row, result) ?? null,
    events: spec.events?.(row, result) ?? [],
  });
  return row;
}

/** Refuses `from → to` when the workflow table does not allow it for this actor. */
export function assertTransition<S extends string>(
  workflow: Workflow<S>,
  from: S,
  to: S,
  actor: WorkflowActor,
) {
  const refusal = transitionRefusal(workflow, from, to, actor);
  if (refusal) throw refusal.kind === 'forbidden' ? forbidden(refusal.message) : conflict(refusal.message);
}

/**
 * What follows every accepted transition, in the transaction that made it: the audit trace, the
 * timeline line and the domain events. Lifecycles whose moves append a row (an orientation
 * decision) call it after their insert, as `transition()` does after its update.
 */
export async function recordTransition(
  trx: Transaction<Database>,
  effects: {
    actor: TransitionActor;
    request: RequestInfo | null;
    audit: TransitionAudit | null;
    timeline?: TimelineInput<string> | null;
    events?: DomainEvent[];
  },
) {
  const { actor } = effects;
  if (effects.audit) {
    const auditActor = actor.accountId
      ? { accountId: actor.accountId, role: actor.role, departmentCode: actor.departmentCode }
      : null;
    await new AuditTrail(trx).record(
      { departmentCode: actor.departmentCode, ...effects.audit, actor: auditActor, request: effects.request },
      trx,
    );
  }
  if (effects.timeline) await appendTimeline(trx, effects.timeline);
  // Through the bus: the outbox, and the in-transaction subscribers with the agent who moved it.
  const agent = 'can' in actor ? (actor as RequestActor) : null;
  for (const e of effects.events ?? []) {
    await publish(trx, actor.departmentCode, e, { actor: agent, request: effects.request });
  }
}
