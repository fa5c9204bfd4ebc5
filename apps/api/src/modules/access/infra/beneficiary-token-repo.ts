import { normalisePhoneInput } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { OneTimeKind } from '../domain/beneficiary-codes';

type Exec = Kysely<Database>;

/** A beneficiary account that may sign in to the space (active, attached to a person). */
export interface SpaceAccount {
  id: string;
  email: string;
  role: string;
  department_code: string;
  display_name: string;
  person_id: string;
  active: boolean;
}

const spaceAccounts = (db: Exec) =>
  db
    .selectFrom('account as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.email',
      'a.role',
      'a.department_code',
      'a.display_name',
      'a.active',
      'p.id as person_id',
      'p.household_id',
    ])
    .where('a.role', '=', 'beneficiary')
    .where('a.active', '=', true)
    .where(sql<boolean>`p.department_code = a.department_code`);

/**
 * Who an e-mail signs in: the beneficiary account with this e-mail; else the one beneficiary
 * account whose person's household has this contact e-mail. A household e-mail shared by two
 * persons with an account signs in neither (null, as unknown): the link would open the wrong file.
 */
export async function spaceAccountByEmail(
  db: Exec,
  email: string,
): Promise<{ account: SpaceAccount; via: 'account' | 'contact' } | null> {
  const own = await spaceAccounts(db).where('a.email', '=', email).executeTakeFirst();
  if (own) return { account: own, via: 'account' };
  const byContact = await spaceAccounts(db)
    .innerJoin('contact as c', (j) =>
      j.onRef('c.household_id', '=', 'p.household_id').on('c.kind', '=', 'email'),
    )
    .where(sql<boolean>`lower(trim(c.value)) = ${email}`)
    .limit(2)
    .execute();
  return byContact.length === 1 ? { account: byContact[0]!, via: 'contact' } : null;
}

/**
 * Who a mobile number signs in: the one beneficiary account whose person's household has this
 * phone (compared once both are normalised the same way). Shared by two accounts: nobody.
 */
export async function spaceAccountByPhone(db: Exec, phone: string): Promise<SpaceAccount | null> {
  const digits = phone.replace(/\D/g, '');
  const last9 = digits.slice(-9);
  if (last9.length < 9) return null;
  const rows = await spaceAccounts(db)
    .innerJoin('contact as c', (j) =>
      j.onRef('c.household_id', '=', 'p.household_id').on('c.kind', '=', 'phone'),
    )
    .select('c.value as phone')
    .where(sql<boolean>`right(regexp_replace(c.value, '[^0-9]', '', 'g'), 9) = ${last9}`)
    .limit(20)
    .execute();
  const matching = rows.filter((r) => normalisePhoneInput(r.phone) === phone);
  const ids = new Set(matching.map((r) => r.id));
  return ids.size === 1 ? matching[0]! : null;
}

export const spaceAccountById = (db: Exec, id: string) =>
  spaceAccounts(db).where('a.id', '=', id).executeTakeFirst();

/** The household's contact e-mail and phone of a person (where a code may be sent). */
export async function householdContacts(
  db: Exec,
  personId: string,
): Promise<{ email: string | null; phone: string | null }> {
  const rows = await db
    .selectFrom('person as p')
    .innerJoin('contact as c', 'c.household_id', 'p.household_id')
    .select(['c.kind', 'c.value'])
    .where('p.id', '=', personId)
    .execute();
  return {
    email:
      rows
        .find((r) => r.kind === 'email')
        ?.value.trim()
        .toLowerCase() ?? null,
    phone: rows.find((r) => r.kind === 'phone')?.value ?? null,
  };
}

/** How many secrets of this kind were made for the account since `since`. */
export async function sentSince(db: Exec, accountId: string, kind: OneTimeKind, since: Date) {
  const row = await db
    .selectFrom('beneficiary_login_token')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Stores a new secret (its hash only); the older unused secrets of the same kind are closed: only
 * the last one sent works.
 */
export async function storeSecret(
  db: Exec,
  row: {
    id: string;
    departmentCode: string;
    kind: OneTimeKind;
    hash: string;
    accountId: string;
    channel: 'email' | 'sms';
    expiresAt: Date;
    now: Date;
  },
) {
  await db
    .updateTable('beneficiary_login_token')
    .set({ used_at: row.now })
    .where('account_id', '=', row.accountId)
    .where('kind', '=', row.kind)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('beneficiary_login_token')
    .values({
      id: row.id,
      department_code: row.departmentCode,
      kind: row.kind,
      hash: row.hash,
      account_id: row.accountId,
      channel: row.channel,
      created_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
  // Secrets a day past their expiry prove nothing: gone (RGPD, docs/rgpd).
  await db
    .deleteFrom('beneficiary_login_token')
    .where('expires_at', '<', new Date(row.now.getTime() - 86_400_000))
    .execute();
}

export const linkByHash = (db: Exec, hash: string) =>
  db
    .selectFrom('beneficiary_login_token')
    .selectAll()
    .where('hash', '=', hash)
    .where('kind', '=', 'link')
    .forUpdate()
    .executeTakeFirst();

/** The last secret of this kind made for the account, locked for the check. */
export const lastSecret = (db: Exec, accountId: string, kind: OneTimeKind) =>
  db
    .selectFrom('beneficiary_login_token')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();

export const markUsed = (db: Exec, id: string, now: Date) =>
  db.updateTable('beneficiary_login_token').set({ used_at: now }).where('id', '=', id).execute();

export const countAttempt = (db: Exec, id: string) =>
  db
    .updateTable('beneficiary_login_token')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .execute();
