import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import {
  type LoginFailureCounts,
  type LoginThrottleRule,
  loginDelayMs,
  shouldNotifyOwner,
} from '../domain/login-throttle';

export const LOGIN_FAILURES_QUEUE = 'mail.login-failures';

/** The e-mail typed, hashed: it keys the throttle whether or not an account has it. */
export const loginKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export function throttleRule(ctx: AppContext): LoginThrottleRule & { windowMs: number } {
  return {
    after: ctx.config.loginThrottleAfter,
    maxDelayMs: ctx.config.loginThrottleMaxDelaySeconds * 1000,
    windowMs: ctx.config.loginThrottleWindowMinutes * 60_000,
  };
}

export async function failureCounts(
  ctx: AppContext,
  emailHash: string,
  ip: string,
): Promise<LoginFailureCounts> {
  const since = new Date(Date.now() - throttleRule(ctx).windowMs);
  const row = await ctx.db
    .selectFrom('login_failure')
    .select([
      sql<number>`count(*) filter (where email_hash = ${emailHash} and ip = ${ip})::int`.as('pair'),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as('address'),
      sql<number>`count(*) filter (where email_hash = ${emailHash})::int`.as('email'),
    ])
    .where('failed_at', '>', since)
    .where((eb) => eb.or([eb('email_hash', '=', emailHash), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { pair: Number(row.pair), address: Number(row.address), email: Number(row.email) };
}

/** The delay this attempt waits before its password is even checked (same for every account). */
export async function throttleDelay(ctx: AppContext, emailHash: string, ip: string) {
  const counts = await failureCounts(ctx, emailHash, ip);
  return { counts, delayMs: loginDelayMs(counts, throttleRule(ctx)) };
}

/**
 * Records a failure in the caller's transaction; past the allowance, the account's owner is told
 * by e-mail (a job, after commit), once per window whatever the number of attempts.
 */
export async function recordLoginFailure(
  ctx: AppContext,
  trx: Db,
  input: { emailHash: string; ip: string; accountId: string | null; emailFailuresBefore: number },
) {
  const rule = throttleRule(ctx);
  const now = new Date();
  await trx
    .insertInto('login_failure')
    .values({
      department_code: ctx.config.departmentCode,
      email_hash: input.emailHash,
      ip: input.ip,
      failed_at: now,
    })
    .execute();
  // Older failures no longer count: the table holds one window, whatever the traffic.
  await trx
    .deleteFrom('login_failure')
    .where('failed_at', '<', new Date(now.getTime() - rule.windowMs))
    .execute();
  if (!input.accountId || !shouldNotifyOwner(input.emailFailuresBefore + 1, rule)) return;
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const claimed = await trx
    .insertInto('login_failure_notice')
    .values({ account_id: input.accountId, department_code: ctx.config.departmentCode, notified_at: now })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ notified_at: now })
        .where('login_failure_notice.notified_at', '<', windowStart),
    )
    .returning('account_id')
    .executeTakeFirst();
  if (claimed) {
    await ctx.jobs.enqueue(
      trx,
      LOGIN_FAILURES_QUEUE,
      { accountId: input.accountId, since: windowStart.toISOString() },
      { singletonKey: input.accountId },
    );
  }
}

/** A successful login clears the failures of this e-mail from this address (not the others'). */
export async function clearLoginFailures(ctx: AppContext, emailHash: string, ip?: string) {
  let q = ctx.db.deleteFrom('login_failure').where('email_hash', '=', emailHash);
  if (ip !== undefined) q = q.where('ip', '=', ip);
  await q.execute();
}

export async function sendLoginFailuresMail(ctx: AppContext, accountId: string, since: Date) {
  const account = await ctx.db
    .selectFrom('account')
    .select(['email', 'display_name', 'active'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account?.active) return;
  const counts = await ctx.db
    .selectFrom('login_failure')
    .select([sql<number>`count(*)::int`.as('failures'), sql<number>`count(distinct ip)::int`.as('addresses')])
    .where('email_hash', '=', loginKey(account.email))
    .where('failed_at', '>=', since)
    .executeTakeFirstOrThrow();
  const failures = Math.max(Number(counts.failures), ctx.config.loginThrottleAfter);
  const addresses = Math.max(Number(counts.addresses), 1);
  const when = since.toLocaleString('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  const base = ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  await ctx.mailer.send({
    to: account.email,
    subject: 'Parcours — tentatives de connexion échouées sur votre compte',
    text: [
      `Bonjour ${account.display_name},`,
      '',
      `${failures} tentatives de connexion à votre compte Parcours (${account.email}) ont échoué depuis le ${when} (heure de Paris), depuis ${addresses} adresse${addresses > 1 ? 's' : ''} réseau.`,
      '',
      "Votre compte n'est pas bloqué : vous pouvez toujours vous connecter. Les tentatives répétées sont seulement ralenties.",
      "Si c'était vous, il n'y a rien à faire ; en cas d'oubli, utilisez « Mot de passe oublié » sur la page de connexion :",
      `${base.replace(/\/$/, '')}/connexion`,
      "Si ce n'était pas vous, prévenez votre administrateur et, par précaution, changez votre mot de passe.",
      '',
      `Vous ne recevrez pas d'autre message de ce type avant ${ctx.config.loginThrottleWindowMinutes} minutes.`,
    ].join('\n'),
  });
}
