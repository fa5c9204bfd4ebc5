import type { Transaction } from 'kysely';
import type { AuditInput } from './audit/audit';
import { AuditTrail } from './audit/audit';
import type { RequestActor } from './auth/sessions';
import type { AppContext } from './context';
import type { Database } from './db/schema';
import { publish } from './events/bus';
import type { DomainEvent } from './events/publish';
import type { RequestInfo } from './request-info';
import { appendTimeline, type TimelineInput } from './timeline/registry';

/** A timeline line of the unit's actor (département and author filled in). */
export type UnitTimelineInput<T extends string = string> = Omit<
  TimelineInput<T>,
  'departmentCode' | 'actorAccountId'
>;
/** A context's declared events (`orientationEvents`…): the line's type is checked against them. */
interface DeclaredEvents<T extends string> {
  types: readonly T[];
}

/**
 * What a use case writes with, inside its one transaction: the fact (`trx`), its audit trace, its
 * timeline line and its events all commit together or not at all.
 */
export interface UnitOfWork {
  readonly trx: Transaction<Database>;
  readonly actor: RequestActor;
  readonly request: RequestInfo | null;
  audit(input: Omit<AuditInput, 'actor' | 'request'>): Promise<void>;
  timeline<T extends string>(events: DeclaredEvents<T>, event: UnitTimelineInput<T>): Promise<void>;
  /** Written to the outbox and handed to the in-transaction subscribers (read models, letters). */
  publish(event: DomainEvent): Promise<void>;
}

/** Runs a use case's writes in one transaction (unit of work) for this actor and request. */
export function unitOfWork<T>(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo | null,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute((trx) =>
    work({
      trx,
      actor,
      request,
      audit: (input) => new AuditTrail(trx).record({ ...input, actor, request }, trx),
      timeline: (_events, event) =>
        appendTimeline(trx, {
          ...event,
          departmentCode: actor.departmentCode,
          actorAccountId: actor.accountId,
        }),
      publish: (event) => publish(trx, actor.departmentCode, event, { actor, request }),
    }),
  );
}
