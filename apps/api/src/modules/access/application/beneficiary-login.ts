import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { SpaceRequestAnswer } from '@parcours/contracts';
import { hashToken, newToken } from '../../../platform/auth/tokens';
import type { AppContext } from '../../../platform/context';
import { DomainError } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import {
  codeHash,
  expiresAtOf,
  maySend,
  ONE_TIME_TTL_MINUTES,
  SEND_WINDOW_MINUTES,
  type SecretState,
  sameHash,
  secretState,
} from '../domain/beneficiary-codes';
import {
  countAttempt,
  lastSecret,
  linkByHash,
  markUsed,
  type SpaceAccount,
  sentSince,
  spaceAccountByEmail,
  spaceAccountById,
  spaceAccountByPhone,
  storeSecret,
} from '../infra/beneficiary-token-repo';
import { clearLoginFailures, loginKey, recordLoginFailure, throttleDelay } from './login-throttle';

/**
 * Passwordless sign-in to the beneficiary's space (issue 11, point 7; ADR 0015): a link by e-mail
 * or a code by SMS. A request always gets the same answer and does the same work (one lookup, one
 * job, one audit row), known or not; the secret is made by the job, so it never sits in the queue.
 * A failed use counts as a failed login for the throttle of the password login (same delays).
 */
export const SPACE_LINK_QUEUE = 'mail.space-link';
export const SPACE_CODE_QUEUE = 'sms.space-code';

export const LINK_SENT_MESSAGE = `Si cette adresse e-mail est celle de votre espace, un lien de connexion vient de vous être envoyé. Il est valable ${ONE_TIME_TTL_MINUTES.link} minutes et ne sert qu’une fois.`;
export const CODE_SENT_MESSAGE = `Si ce numéro est celui de votre espace, un code de connexion vient de vous être envoyé par SMS. Il est valable ${ONE_TIME_TTL_MINUTES.sms_code} minutes.`;

const actorOfAccount = (a: Pick<SpaceAccount, 'id' | 'role' | 'department_code'>) => ({
  accountId: a.id,
  role: a.role,
  departmentCode: a.department_code,
});

const sendWindowStart = (now: Date) => new Date(now.getTime() - SEND_WINDOW_MINUTES * 60_000);

export async function requestSpaceLink(
  ctx: AppContext,
  email: string,
  request: RequestInfo,
): Promise<SpaceRequestAnswer> {
  const found = await spaceAccountByEmail(ctx.db, email);
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.jobs.enqueue(
      trx,
      SPACE_LINK_QUEUE,
      { accountId: found?.account.id ?? null, via: found?.via ?? 'account' },
      { singletonKey: `space-link:${loginKey(email)}` },
    );
    await ctx.audit.record(
      found
        ? {
            actor: actorOfAccount(found.account),
            action: 'auth.space_link_requested',
            personId: found.account.person_id,
            details: { via: found.via },
            request,
          }
        : {
            actor: null,
            departmentCode: ctx.config.departmentCode,
            action: 'auth.space_link_requested',
            details: { reason: 'unknown_or_ambiguous' },
            request,
          },
      trx,
    );
  });
  return { message: LINK_SENT_MESSAGE };
}

export async function requestSpaceCode(
  ctx: AppContext,
  phone: string,
  request: RequestInfo,
): Promise<SpaceRequestAnswer> {
  const account = await spaceAccountByPhone(ctx.db, phone);
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.jobs.enqueue(
      trx,
      SPACE_CODE_QUEUE,
      { accountId: account?.id ?? null, kind: 'sms_code', channel: 'sms' },
      { singletonKey: `space-code:${loginKey(phone)}` },
    );
    await ctx.audit.record(
      account
        ? {
            actor: actorOfAccount(account),
            action: 'auth.space_code_requested',
            personId: account.person_id,
            request,
          }
        : {
            actor: null,
            departmentCode: ctx.config.departmentCode,
            action: 'auth.space_code_requested',
            details: { reason: 'unknown_or_ambiguous' },
            request,
          },
      trx,
    );
  });
  return { message: CODE_SENT_MESSAGE };
}

const linkRefusals: Record<Exclude<SecretState, 'usable' | 'exhausted'> | 'unknown', string> = {
  expired: `Ce lien de connexion a expiré : il n’est valable que ${ONE_TIME_TTL_MINUTES.link} minutes. Demandez-en un nouveau.`,
  used: 'Ce lien de connexion a déjà servi (ou un lien plus récent l’a remplacé) : il ne fonctionne qu’une fois. Demandez-en un nouveau.',
  unknown: 'Ce lien de connexion n’est pas valable. Vérifiez qu’il est complet, ou demandez-en un nouveau.',
};

export const CODE_REFUSED = `Ce code n’est pas valable : il est erroné, a expiré (${ONE_TIME_TTL_MINUTES.sms_code} minutes), a déjà servi ou a été essayé trop de fois. Vérifiez-le ou demandez un nouveau code.`;

async function refuse(
  ctx: AppContext,
  input: {
    key: string;
    ip: string;
    account: SpaceAccount | null;
    before: number;
    reason: string;
    method: string;
  },
  request: RequestInfo,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await recordLoginFailure(ctx, trx, {
      emailHash: input.key,
      ip: input.ip,
      // No e-mail alert to the owner: nobody typed a password, and a code expires on its own.
      accountId: null,
      emailFailuresBefore: input.before,
    });
    await ctx.audit.record(
      input.account
        ? {
            actor: actorOfAccount(input.account),
            action: 'auth.login_failed',
            details: { method: input.method, reason: input.reason },
            request,
          }
        : {
            actor: null,
            departmentCode: ctx.config.departmentCode,
            action: 'auth.login_failed',
            details: { method: input.method, reason: input.reason },
            request,
          },
      trx,
    );
  });
}

async function signedIn(
  ctx: AppContext,
  account: SpaceAccount,
  method: string,
  key: string,
  request: RequestInfo,
) {
  await clearLoginFailures(ctx, key, request.ip);
  await ctx.db
    .updateTable('account')
    .set({ last_login_at: new Date() })
    .where('id', '=', account.id)
    .execute();
  await ctx.audit.record({
    actor: actorOfAccount(account),
    action: 'auth.login',
    details: { method },
    request,
  });
  return account;
}

/** Opens the space with the link's token (a POST from the landing page, never the link's GET). */
export async function signInWithLink(ctx: AppContext, token: string, request: RequestInfo) {
  const key = loginKey(`lien:${token}`);
  const { counts, delayMs } = await throttleDelay(ctx, key, request.ip);
  if (delayMs > 0) await setTimeout(delayMs);
  const now = new Date();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await linkByHash(trx, hashToken(token));
    const state: SecretState | 'unknown' = row ? secretState(row, now, 'link') : 'unknown';
    const account = row ? ((await spaceAccountById(trx, row.account_id)) ?? null) : null;
    if (state !== 'usable' || !row || !account) {
      return { state: account ? state : ('unknown' as const), account };
    }
    await markUsed(trx, row.id, now);
    return { state: 'usable' as const, account };
  });
  if (outcome.state === 'usable' && outcome.account) {
    return signedIn(ctx, outcome.account, 'link', key, request);
  }
  const state = outcome.state === 'exhausted' || outcome.state === 'usable' ? 'unknown' : outcome.state;
  await refuse(
    ctx,
    { key, ip: request.ip, account: outcome.account, before: counts.email, reason: state, method: 'link' },
    request,
  );
  throw new DomainError('invalid', 'INVALID_TOKEN', linkRefusals[state]);
}

/** Opens the space with the SMS code sent to this number: one refusal for every failure. */
export async function signInWithCode(
  ctx: AppContext,
  input: { phone: string; code: string },
  request: RequestInfo,
) {
  const key = loginKey(`tel:${input.phone}`);
  const { counts, delayMs } = await throttleDelay(ctx, key, request.ip);
  if (delayMs > 0) await setTimeout(delayMs);
  const account = await spaceAccountByPhone(ctx.db, input.phone);
  const now = new Date();
  const result = account
    ? await ctx.db.transaction().execute(async (trx) => {
        const row = await lastSecret(trx, account.id, 'sms_code');
        if (!row) return 'unknown';
        const state = secretState(row, now, 'sms_code');
        if (state !== 'usable') return state;
        if (!sameHash(row.hash, codeHash(row.id, input.code))) {
          await countAttempt(trx, row.id);
          return 'wrong';
        }
        await markUsed(trx, row.id, now);
        return 'ok';
      })
    : 'unknown';
  if (result === 'ok' && account) return signedIn(ctx, account, 'sms_code', key, request);
  await refuse(
    ctx,
    { key, ip: request.ip, account, before: counts.email, reason: result, method: 'sms_code' },
    request,
  );
  throw new DomainError('invalid', 'INVALID_TOKEN', CODE_REFUSED, [
    { path: 'code', code: 'invalid', message: CODE_REFUSED },
  ]);
}

// ---- Sending (jobs) ------------------------------------------------------------------------------

/** Makes and stores a new secret of this kind, unless too many were sent lately (null then). */
export async function issueSecret(
  ctx: AppContext,
  account: SpaceAccount,
  kind: 'link' | 'sms_code' | 'signature_code',
  channel: 'email' | 'sms',
  secret: (id: string) => { value: string; hash: string },
): Promise<string | null> {
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    if (!maySend(await sentSince(trx, account.id, kind, sendWindowStart(now)))) return null;
    const id = randomUUID();
    const made = secret(id);
    await storeSecret(trx, {
      id,
      departmentCode: account.department_code,
      kind,
      hash: made.hash,
      accountId: account.id,
      channel,
      expiresAt: expiresAtOf(kind, now),
      now,
    });
    return made.value;
  });
}

export const newLinkSecret = () => {
  const token = newToken();
  return { value: token, hash: hashToken(token) };
};
export const newCodeSecret = (code: string) => (id: string) => ({ value: code, hash: codeHash(id, code) });
