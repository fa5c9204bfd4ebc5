import { setTimeout } from 'node:timers/promises';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords';
import type { RequestActor, SessionService } from '../../../platform/auth/sessions';
import { hashToken, newToken } from '../../../platform/auth/tokens';
import type { AppContext } from '../../../platform/context';
import { DomainError } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { clearLoginFailures, loginKey, recordLoginFailure, throttleDelay } from './login-throttle';

export const PASSWORD_RESET_QUEUE = 'mail.password-reset';

// One answer for an unknown e-mail, a wrong password and a throttled attempt: nothing to enumerate.
const invalidCredentials = () =>
  new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Adresse e-mail ou mot de passe incorrect.');

/**
 * Password login. No lockout (a stranger could lock a colleague out): repeated failures for an
 * e-mail from one address, or from one address for any e-mail, delay the next attempts; the delay
 * depends only on what was typed and where from, so it tells nothing about the account.
 * Answers the account to open a session for (the HTTP edge sets the cookie).
 */
export async function login(ctx: AppContext, input: { email: string; password: string }, req: RequestInfo) {
  const request = { ip: req.ip, id: req.id };
  const emailHash = loginKey(input.email);
  const { counts, delayMs } = await throttleDelay(ctx, emailHash, req.ip);
  if (delayMs > 0) await setTimeout(delayMs);
  const account = await ctx.db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', input.email)
    .executeTakeFirst();
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !ok) {
    await ctx.db.transaction().execute(async (trx) => {
      await recordLoginFailure(ctx, trx, {
        emailHash,
        ip: req.ip,
        accountId: account?.id ?? null,
        emailFailuresBefore: counts.email,
      });
      await ctx.audit.record(
        account
          ? {
              actor: { accountId: account.id, role: account.role, departmentCode: account.department_code },
              action: 'auth.login_failed',
              details: { reason: 'bad_password', delayMs },
              request,
            }
          : {
              actor: null,
              departmentCode: ctx.config.departmentCode,
              action: 'auth.login_failed',
              details: { reason: 'unknown_account', delayMs },
              request,
            },
        trx,
      );
    });
    throw invalidCredentials();
  }
  const actor = { accountId: account.id, role: account.role, departmentCode: account.department_code };
  if (!account.active) {
    await ctx.audit.record({ actor, action: 'auth.login_refused', details: { reason: 'disabled' }, request });
    throw new DomainError(
      'forbidden',
      'ACCOUNT_DISABLED',
      'Ce compte est désactivé. Contactez un administrateur.',
    );
  }
  await clearLoginFailures(ctx, emailHash, req.ip);
  await ctx.db
    .updateTable('account')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: new Date() })
    .where('id', '=', account.id)
    .execute();
  await ctx.audit.record({ actor, action: 'auth.login', details: { method: 'password', delayMs }, request });
  return account;
}

/** Ends the current session ('one') or every session of the account ('all'). */
export async function logout(
  ctx: AppContext,
  sessions: SessionService,
  actor: RequestActor,
  scope: 'one' | 'all',
  request: RequestInfo,
) {
  if (scope === 'all') await sessions.revokeAll(actor.accountId);
  else await sessions.revoke(actor.sessionIdHash);
  await ctx.audit.record({ actor, action: scope === 'all' ? 'auth.logout_all' : 'auth.logout', request });
}

/**
 * Always answers the same way, and does the same work whether or not the e-mail has an account
 * (one lookup, one job, one audit row in a transaction), so neither the answer nor its timing
 * reveals which e-mails have one.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, request: RequestInfo) {
  const account = await ctx.db
    .selectFrom('account')
    .select(['id', 'role', 'department_code', 'active'])
    .where('email', '=', email)
    .executeTakeFirst();
  await ctx.db.transaction().execute(async (trx) => {
    // The mail is sent by the job after commit; the token is made there, never stored in clear.
    // An unknown e-mail gets the same job, empty: the typed address is not kept in the queue.
    await ctx.jobs.enqueue(
      trx,
      PASSWORD_RESET_QUEUE,
      { accountId: account?.active ? account.id : null },
      { singletonKey: `reset:${loginKey(email)}` },
    );
    await ctx.audit.record(
      account?.active
        ? {
            actor: { accountId: account.id, role: account.role, departmentCode: account.department_code },
            action: 'auth.password_reset_requested',
            request,
          }
        : {
            actor: null,
            departmentCode: ctx.config.departmentCode,
            action: 'auth.password_reset_requested',
            details: { reason: account ? 'disabled' : 'unknown_account' },
            request,
          },
      trx,
    );
  });
}

export async function sendPasswordResetMail(ctx: AppContext, accountId: string) {
  const account = await ctx.db
    .selectFrom('account')
    .select(['id', 'email', 'display_name', 'department_code', 'active'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account?.active) return;
  const token = newToken();
  await ctx.db
    .insertInto('password_reset_token')
    .values({
      token_hash: hashToken(token),
      department_code: account.department_code,
      account_id: account.id,
      expires_at: new Date(Date.now() + ctx.config.passwordResetTtlMinutes * 60_000),
    })
    .execute();
  const base = ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  const link = `${base.replace(/\/$/, '')}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: account.email,
    subject: 'Parcours — réinitialisation de votre mot de passe',
    text: [
      `Bonjour ${account.display_name},`,
      '',
      'Une réinitialisation du mot de passe de votre compte Parcours a été demandée.',
      `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable ${ctx.config.passwordResetTtlMinutes} minutes, une seule fois) :`,
      link,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
    ].join('\n'),
  });
}

export async function confirmPasswordReset(
  ctx: AppContext,
  sessions: SessionService,
  input: { token: string; password: string },
  request: RequestInfo,
) {
  const passwordHash = await hashPassword(input.password);
  const accountId = await ctx.db.transaction().execute(async (trx) => {
    const token = await trx
      .updateTable('password_reset_token')
      .set({ used_at: new Date() })
      .where('token_hash', '=', hashToken(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['account_id'])
      .executeTakeFirst();
    if (!token) {
      throw new DomainError(
        'invalid',
        'INVALID_TOKEN',
        'Ce lien de réinitialisation est invalide ou a expiré. Faites une nouvelle demande.',
      );
    }
    const account = await trx
      .updateTable('account')
      .set({ password_hash: passwordHash, failed_login_count: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', token.account_id)
      .returning(['id', 'role', 'department_code'])
      .executeTakeFirstOrThrow();
    await ctx.audit.record(
      {
        actor: { accountId: account.id, role: account.role, departmentCode: account.department_code },
        action: 'auth.password_reset',
        request,
      },
      trx,
    );
    return account.id;
  });
  // A new password ends every open session (the old one may be known to someone else).
  await sessions.revokeAll(accountId);
}

export async function changePassword(
  ctx: AppContext,
  actor: { accountId: string; role: string; departmentCode: string },
  input: { currentPassword: string; newPassword: string },
  request: RequestInfo,
) {
  const account = await ctx.db
    .selectFrom('account')
    .select(['password_hash'])
    .where('id', '=', actor.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new DomainError('invalid', 'VALIDATION_ERROR', 'Certaines données sont invalides.', [
      { path: 'currentPassword', code: 'invalid', message: 'Le mot de passe actuel est incorrect.' },
    ]);
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('account')
      .set({ password_hash: hash, updated_at: new Date() })
      .where('id', '=', actor.accountId)
      .execute();
    await ctx.audit.record({ actor, action: 'auth.password_changed', request }, trx);
  });
}
