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
