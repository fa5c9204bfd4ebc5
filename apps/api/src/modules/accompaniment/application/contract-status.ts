import {
  type AuditAction,
  type ContractStatus,
  type ContractVersionStatus,
  contractVersionWorkflow,
  engagementContractWorkflow,
} from '@parcours/contracts';
import type { Transaction, Updateable } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { type TransitionActor, transition, type WorkflowRow } from '../../../platform/workflow/transition';
import type { ContractStep } from '../domain/contract-timeline';
import { contractStatusChanged } from '../domain/events';

type Trx = Transaction<Database>;
type ContractRow = WorkflowRow<'engagement_contract'>;

const stepOf: Partial<Record<ContractStatus, ContractStep>> = {
  proposed: 'proposed',
  draft: 'back_to_draft',
  in_force: 'in_force',
  ended: 'ended',
  renewed: 'renewed',
  cancelled: 'cancelled',
};
const auditOf: Record<ContractStatus, AuditAction> = {
  proposed: 'contract.proposed',
  draft: 'contract.back_to_draft',
  signed: 'contract.signed',
  in_force: 'contract.in_force',
  ended: 'contract.ended',
  renewed: 'contract.renewed',
  cancelled: 'contract.cancelled',
};

export interface ContractMove {
  id: string;
  to: ContractStatus;
  actor: TransitionActor;
  request: RequestInfo | null;
  /** The contract's row version the agent saw (omitted for the system and inner moves). */
  version?: number;
  reason?: string | null;
  check?: (row: ContractRow) => string | null | Promise<string | null>;
  set?: (row: ContractRow) => Updateable<Database['engagement_contract']>;
  /** Data added to the timeline line (version number…); no line when `timeline` is false. */
  data?: Record<string, unknown>;
  /** False: no timeline line nor audit trace of its own (a consequence already traced: the signature). */
  timeline?: boolean;
  today?: string;
}

/**
 * Moves a contract in its workflow table, in the caller's transaction: status, reason and dates,
 * the audit trace, the timeline line and `contractStatusChanged` — for the agents' moves, the
 * signature's consequences and the daily job alike.
 */
export function moveContract(trx: Trx, move: ContractMove): Promise<ContractRow> {
  const now = new Date();
  const today = move.today ?? parisToday(now);
  return transition(trx, {
    workflow: engagementContractWorkflow,
    table: 'engagement_contract',
    id: move.id,
    to: move.to,
    actor: move.actor,
    request: move.request,
    version: move.version,
    notFoundLabel: 'Contrat',
    check: move.check,
    set: (row) => ({
      ...move.set?.(row),
      status_reason: move.reason ?? null,
      status_changed_at: now,
      updated_at: now,
    }),
    audit: (row) =>
      move.timeline === false
        ? null
        : {
            action: auditOf[move.to],
            personId: row.person_id,
            targetType: 'engagement_contract',
            targetId: row.id,
            reason: move.reason ?? null,
            details: { from: row.status, to: move.to, ...move.data },
          },
    timeline: (row) => {
      const step = stepOf[move.to];
      if (!step || move.timeline === false) return null;
      return {
        departmentCode: row.department_code,
        personId: row.person_id,
        occurredOn: today,
        type: 'contract_step',
        data: {
          step,
          contractId: row.id,
          startDate: row.start_date,
          endDate: row.end_date,
          ...(move.reason ? { reason: move.reason } : {}),
          ...move.data,
        },
        actorAccountId: move.actor.accountId,
      };
    },
    events: (row) => [
      contractStatusChanged.of({
        personId: row.person_id,
        contractId: row.id,
        from: row.status,
        to: move.to,
      }),
    ],
  });
}

/** Moves a version in its table (no timeline line of its own: the contract's step says it). */
export function moveVersion(
  trx: Trx,
  move: {
    id: string;
    to: ContractVersionStatus;
    actor: TransitionActor;
    request: RequestInfo | null;
    version?: number;
    set?: (
      row: WorkflowRow<'engagement_contract_version'>,
    ) => Updateable<Database['engagement_contract_version']>;
  },
) {
  return transition(trx, {
    workflow: contractVersionWorkflow,
    table: 'engagement_contract_version',
    id: move.id,
    to: move.to,
    actor: move.actor,
    request: move.request,
    version: move.version,
    notFoundLabel: 'Version du contrat',
    set: (row) => ({ ...move.set?.(row), updated_at: new Date() }),
    audit: () => null,
  });
}

/**
 * A signed contract whose start has come goes into force; the contract it renews, if still in
 * force or ended, becomes `renewed` (never two contracts in force).
 */
export async function bringIntoForce(
  trx: Trx,
  contractId: string,
  actor: TransitionActor,
  request: RequestInfo | null,
  today: string,
) {
  const row = await moveContract(trx, { id: contractId, to: 'in_force', actor, request, today });
  if (row.renews_contract_id) {
    const renewed = await trx
      .selectFrom('engagement_contract')
      .select('status')
      .where('id', '=', row.renews_contract_id)
      .where('department_code', '=', row.department_code)
      .executeTakeFirst();
    if (renewed && (renewed.status === 'in_force' || renewed.status === 'ended')) {
      await moveContract(trx, {
        id: row.renews_contract_id,
        to: 'renewed',
        actor,
        request,
        today,
        data: { renewedByContractId: row.id },
      });
    }
  }
  return row;
}
