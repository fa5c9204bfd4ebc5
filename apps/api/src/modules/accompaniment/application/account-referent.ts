import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { PublishedEvent } from '../../../platform/events';
import { parisToday } from '../../../platform/time';
import type { AccountSaved } from '../../access';
import { syncAccountReferent } from '../infra/referent-repo';

/**
 * Reaction to `account.saved`, in the account's transaction: every référent or structure manager
 * of a structure is a référent who can be assigned persons (their `referent` row, linked by
 * account id), created with the account and kept in step with it.
 */
export async function keepAccountReferent(
  trx: Transaction<Database>,
  event: PublishedEvent<AccountSaved>,
): Promise<void> {
  await syncAccountReferent(trx, event.departmentCode, event.payload, parisToday());
}
