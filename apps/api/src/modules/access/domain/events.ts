import { defineEvent } from '../../../platform/events/define';

/** An account was created or changed (role, structure, name, active): what other contexts react to. */
export type AccountSaved = {
  accountId: string;
  role: string;
  structureId: string | null;
  displayName: string;
  active: boolean;
};

/** The access context's facts other contexts react to (through its index.ts). */
export const accountSaved = defineEvent<AccountSaved>('account.saved');
