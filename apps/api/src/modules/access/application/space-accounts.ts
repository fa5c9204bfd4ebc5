import type { Kysely } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict } from '../../../platform/errors';
import { normalizeFrenchPhone } from '../../messaging';
import { householdContacts } from '../infra/beneficiary-token-repo';
import { SPACE_LINK_QUEUE } from './beneficiary-login';

/**
 * The account of a person who signs in by SMS only has no e-mail: it gets an address of the
 * reserved `.invalid` domain (the column is required and unique), never typed, never written to.
 */
const SMS_ONLY_DOMAIN = '@sms.beneficiaire.invalid';
export const isSmsOnlyEmail = (email: string) => email.endsWith(SMS_ONLY_DOMAIN);

/**
 * The person's beneficiary account, created when there is none (in the caller's transaction):
 * `email` null gives an SMS-only account. An e-mail already used by another account is refused.
 */
export async function ensureBeneficiaryAccount(
  trx: Kysely<Database>,
  input: { departmentCode: string; personId: string; email: string | null; displayName: string },
): Promise<{ id: string; email: string | null; active: boolean; created: boolean }> {
  const existing = await trx
    .selectFrom('account')
    .select(['id', 'email', 'active'])
    .where('person_id', '=', input.personId)
    .where('role', '=', 'beneficiary')
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    return {
      id: existing.id,
      email: isSmsOnlyEmail(existing.email) ? null : existing.email,
      active: existing.active,
      created: false,
    };
  }
  const email = input.email ?? `espace-${input.personId}${SMS_ONLY_DOMAIN}`;
  const taken = await trx.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) {
    const message = 'Cette adresse e-mail est déjà celle d’un autre compte Parcours : indiquez-en une autre.';
    throw conflict(message, [{ path: 'email', code: 'conflict', message }]);
  }
  const row = await trx
    .insertInto('account')
    .values({
      department_code: input.departmentCode,
      email,
      display_name: input.displayName,
      role: 'beneficiary',
      person_id: input.personId,
      password_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email: input.email, active: true, created: true };
}

/** Queues the e-mail of a sign-in link to the account (sent after commit). */
export async function enqueueSpaceLink(ctx: AppContext, trx: Kysely<Database>, accountId: string) {
  await ctx.jobs.enqueue(
    trx,
    SPACE_LINK_QUEUE,
    { accountId, via: 'account' },
    { singletonKey: `space-link-account:${accountId}` },
  );
}

/** The household's e-mail, and whether its phone is a mobile (a code by SMS can be sent). */
export async function spaceContactsOf(ctx: AppContext, personId: string) {
  const contacts = await householdContacts(ctx.db, personId);
  return { email: contacts.email, mobile: Boolean(normalizeFrenchPhone(contacts.phone)?.mobile) };
}
