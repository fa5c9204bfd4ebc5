import type { Account } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';

export function accountQuery(db: Kysely<Database>) {
  return db
    .selectFrom('account as a')
    .leftJoin('insertion_hub as h', 'h.id', 'a.hub_id')
    .leftJoin('structure as s', 's.id', 'a.structure_id')
    .select([
      'a.id',
      'a.email',
      'a.display_name',
      'a.role',
      'a.hub_id',
      'h.name as hub_name',
      'a.structure_id',
      's.name as structure_name',
      'a.active',
      'a.locked_until',
      'a.password_hash',
      'a.oidc_subject',
      'a.last_login_at',
      'a.version',
      'a.department_code',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;

export function toAccountDto(r: Row): Account {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Account['role'],
    hubId: r.hub_id,
    hubName: r.hub_name,
    structureId: r.structure_id,
    structureName: r.structure_name,
    active: r.active,
    lockedUntil:
      r.locked_until && new Date(r.locked_until) > new Date() ? new Date(r.locked_until).toISOString() : null,
    hasPassword: Boolean(r.password_hash),
    oidcLinked: Boolean(r.oidc_subject),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    version: r.version,
  };
}

export async function getAccountDto(
  db: Db,
  departmentCode: string,
  id: string,
): Promise<Account | undefined> {
  const row = await accountQuery(db)
    .where('a.id', '=', id)
    .where('a.department_code', '=', departmentCode)
    .executeTakeFirst();
  return row && toAccountDto(row);
}

export interface AccountFilters {
  q?: string | undefined;
  role?: string | undefined;
  structureId?: string | undefined;
  hubId?: string | undefined;
}

/** The accounts of a département matching the filters, by name (at most 1000). */
export async function listAccountDtos(db: Db, departmentCode: string, filters: AccountFilters) {
  let q = accountQuery(db).where('a.department_code', '=', departmentCode);
  if (filters.role) q = q.where('a.role', '=', filters.role);
  if (filters.structureId) q = q.where('a.structure_id', '=', filters.structureId);
  if (filters.hubId) q = q.where('a.hub_id', '=', filters.hubId);
  if (filters.q) {
    const like = `%${filters.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb('a.email', 'like', like), eb(eb.fn('lower', ['a.display_name']), 'like', like)]),
    );
  }
  const rows = await q.orderBy('a.display_name').limit(1000).execute();
  return rows.map(toAccountDto);
}

/** An account of the département (id and e-mail), or undefined. */
export function findDepartmentAccount(db: Db, departmentCode: string, id: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email'])
    .where('id', '=', id)
    .where('department_code', '=', departmentCode)
    .executeTakeFirst();
}

/** Names of the pôle and structure an account is attached to (shown with the session). */
export function accountScopeNames(db: Db, accountId: string) {
  return db
    .selectFrom('account as a')
    .leftJoin('insertion_hub as h', 'h.id', 'a.hub_id')
    .leftJoin('structure as s', 's.id', 'a.structure_id')
    .select(['h.name as hub_name', 's.name as structure_name'])
    .where('a.id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export async function departmentName(db: Db, code: string) {
  const row = await db.selectFrom('department').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}

/** The account of an OIDC identity: already linked by subject, else not yet linked with that e-mail. */
export async function findOidcAccount(db: Db, identity: { subject: string; email: string | null }) {
  return (
    (await db
      .selectFrom('account')
      .selectAll()
      .where('oidc_subject', '=', identity.subject)
      .executeTakeFirst()) ??
    (identity.email
      ? await db
          .selectFrom('account')
          .selectAll()
          .where('email', '=', identity.email)
          .where('oidc_subject', 'is', null)
          .executeTakeFirst()
      : undefined)
  );
}

export async function recordOidcLogin(db: Db, accountId: string, subject: string) {
  await db
    .updateTable('account')
    .set({ oidc_subject: subject, last_login_at: new Date(), failed_login_count: 0 })
    .where('id', '=', accountId)
    .execute();
}
