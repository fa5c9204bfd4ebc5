import type { AccountCreate, AccountUpdate } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../../platform/auth/passwords';
import {
  forgetAccountSessions,
  type RequestActor,
  type SessionService,
} from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, notFound, versionConflict } from '../../../platform/errors';
import { publish } from '../../../platform/events';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { accountSaved } from '../domain/events';
import { scopeErrors } from '../domain/scope';
import {
  type AccountFilters,
  findDepartmentAccount,
  getAccountDto,
  listAccountDtos,
} from '../infra/accounts-repo';
import { PASSWORD_RESET_QUEUE } from './auth';
import { loginKey } from './login-throttle';

export const listAccounts = (ctx: AppContext, actor: RequestActor, filters: AccountFilters) =>
  listAccountDtos(ctx.db, actor.departmentCode, filters);

export async function getAccount(ctx: AppContext, actor: RequestActor, id: string) {
  const account = await getAccountDto(ctx.db, actor.departmentCode, id);
  if (!account) throw notFound('Compte');
  return account;
}

async function checkScope(
  db: Kysely<Database>,
  departmentCode: string,
  input: AccountCreate | AccountUpdate,
) {
  const errors = scopeErrors(input);
  if (input.hubId) {
    const hub = await db
      .selectFrom('insertion_hub')
      .select('id')
      .where('id', '=', input.hubId)
      .where('department_code', '=', departmentCode)
      .executeTakeFirst();
    if (!hub) errors.push({ path: 'hubId', message: "Pôle d'insertion inconnu." });
  }
  if (input.structureId) {
    const structure = await db
      .selectFrom('structure')
      .select('id')
      .where('id', '=', input.structureId)
      .where('department_code', '=', departmentCode)
      .executeTakeFirst();
    if (!structure) errors.push({ path: 'structureId', message: 'Structure inconnue.' });
  }
  if (errors.length > 0) {
    throw new DomainError(
      'invalid',
      'VALIDATION_ERROR',
      'Certaines données sont invalides.',
      errors.map((e) => ({ ...e, code: 'scope' })),
    );
  }
}

/** Used by the admin screen and by the CLI (`users create`), with or without an acting agent. */
export async function createAccount(
  ctx: AppContext,
  actor: Pick<RequestActor, 'accountId' | 'role' | 'departmentCode'> | null,
  input: AccountCreate,
  request: RequestInfo | null,
) {
  const departmentCode = actor?.departmentCode ?? ctx.config.departmentCode;
  await checkScope(ctx.db, departmentCode, input);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('account')
      .select('id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (exists) {
      throw new DomainError('conflict', 'CONFLICT', 'Un compte existe déjà avec cette adresse e-mail.', [
        { path: 'email', code: 'duplicate', message: 'Un compte existe déjà avec cette adresse e-mail.' },
      ]);
    }
    const row = await trx
      .insertInto('account')
      .values({
        department_code: departmentCode,
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        hub_id: input.hubId,
        structure_id: input.structureId,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await publish(
      trx,
      departmentCode,
      accountSaved.of({
        accountId: row.id,
        role: input.role,
        structureId: input.structureId,
        displayName: input.displayName,
        active: true,
      }),
      { request },
    );
    await ctx.audit.record(
      {
        actor,
        departmentCode,
        action: 'account.created',
        targetType: 'account',
        targetId: row.id,
        details: { role: input.role, hubId: input.hubId, structureId: input.structureId },
        request,
      },
      trx,
    );
    return row.id;
  });
  return (await getAccountDto(ctx.db, departmentCode, id))!;
}

/**
 * Saves an account; deactivating it ends its sessions, and a new role, pôle or structure applies
 * from the account's next request.
 */
export async function saveAccount(
  ctx: AppContext,
  sessions: SessionService,
  actor: RequestActor,
  id: string,
  input: AccountUpdate,
  request: RequestInfo,
) {
  const { account, deactivated } = await updateAccount(ctx, actor, id, input, request);
  if (deactivated) await sessions.revokeAll(id);
  forgetAccountSessions(ctx, id);
  return account;
}

export async function updateAccount(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: AccountUpdate,
  request: RequestInfo,
) {
  await checkScope(ctx.db, actor.departmentCode, input);
  if (id === actor.accountId && (!input.active || input.role !== actor.role)) {
    throw new DomainError(
      'forbidden',
      'FORBIDDEN',
      'Vous ne pouvez pas désactiver votre propre compte ni changer votre rôle.',
    );
  }
  const deactivated = await unitOfWork(ctx, actor, request, async ({ trx, audit, publish }) => {
    const before = await trx
      .selectFrom('account')
      .select(['version', 'active', 'role'])
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .executeTakeFirst();
    if (!before) throw notFound('Compte');
    const updated = await trx
      .updateTable('account')
      .set({
        display_name: input.displayName,
        role: input.role,
        hub_id: input.hubId,
        structure_id: input.structureId,
        active: input.active,
        updated_at: new Date(),
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw versionConflict();
    await publish(
      accountSaved.of({
        accountId: id,
        role: input.role,
        structureId: input.structureId,
        displayName: input.displayName,
        active: input.active,
      }),
    );
    await audit({
      action: 'account.updated',
      targetType: 'account',
      targetId: id,
      details: {
        role: input.role,
        hubId: input.hubId,
        structureId: input.structureId,
        active: input.active,
      },
    });
    return before.active && !input.active;
  });
  return { account: (await getAccountDto(ctx.db, actor.departmentCode, id))!, deactivated };
}

/** Lifts the login slowdown of an account (its recent failures are forgotten, from every address). */
export async function unlockAccount(ctx: AppContext, actor: RequestActor, id: string, request: RequestInfo) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const account = await trx
      .updateTable('account')
      .set({ locked_until: null, failed_login_count: 0 })
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .returning('email')
      .executeTakeFirst();
    if (!account) throw notFound('Compte');
    await trx.deleteFrom('login_failure').where('email_hash', '=', loginKey(account.email)).execute();
    await audit({ action: 'account.unlocked', targetType: 'account', targetId: id });
  });
  return (await getAccountDto(ctx.db, actor.departmentCode, id))!;
}

/** "Déconnecter partout" for an account of the département. */
export async function revokeAccountSessions(
  ctx: AppContext,
  sessions: SessionService,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
) {
  const target = await findDepartmentAccount(ctx.db, actor.departmentCode, id);
  if (!target) throw notFound('Compte');
  await sessions.revokeAll(target.id);
  await ctx.audit.record({
    actor,
    action: 'account.sessions_revoked',
    targetType: 'account',
    targetId: target.id,
    request,
  });
}

/** Queues a reset e-mail to an account of the département; answers the message shown to the admin. */
export async function sendAccountReset(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
) {
  const target = await findDepartmentAccount(ctx.db, actor.departmentCode, id);
  if (!target) throw notFound('Compte');
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await ctx.jobs.enqueue(trx, PASSWORD_RESET_QUEUE, { accountId: target.id }, { singletonKey: target.id });
    await audit({ action: 'account.reset_sent', targetType: 'account', targetId: target.id });
  });
  return { message: `Un e-mail de réinitialisation va être envoyé à ${target.email}.` };
}
