import type { SignatureCodeAnswer } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, forbidden } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { normalizeFrenchPhone } from '../../messaging';
import {
  codeHash,
  maskEmail,
  maskPhone,
  maySend,
  ONE_TIME_TTL_MINUTES,
  SEND_WINDOW_MINUTES,
  type SecretState,
  sameHash,
  secretState,
} from '../domain/beneficiary-codes';
import {
  countAttempt,
  householdContacts,
  lastSecret,
  markUsed,
  sentSince,
} from '../infra/beneficiary-token-repo';
import { SPACE_CODE_QUEUE } from './beneficiary-login';
import { isSmsOnlyEmail } from './space-accounts';

/**
 * Signing from the space is a re-authentication: a fresh code (10 minutes, single use, 5 attempts)
 * sent to the person's mobile or e-mail, typed with the statement. The code is made by the job.
 */
export async function requestSignatureCode(
  ctx: AppContext,
  actor: RequestActor,
  channel: 'sms' | 'email',
  request: RequestInfo,
): Promise<SignatureCodeAnswer> {
  if (!actor.personId) throw forbidden('Votre espace n’est rattaché à aucun dossier.');
  const contacts = await householdContacts(ctx.db, actor.personId);
  const mobile = normalizeFrenchPhone(contacts.phone);
  if (channel === 'sms' && !mobile?.mobile) {
    throw new DomainError(
      'unprocessable',
      'NO_CHANNEL',
      'Aucun numéro de portable n’est connu pour vous : recevez le code par e-mail, ou donnez votre numéro à votre référent.',
      [{ path: 'channel', code: 'invalid', message: 'Aucun numéro de portable connu.' }],
    );
  }
  if (channel === 'email' && isSmsOnlyEmail(actor.email)) {
    throw new DomainError(
      'unprocessable',
      'NO_CHANNEL',
      'Aucune adresse e-mail n’est connue pour vous : recevez le code par SMS.',
      [{ path: 'channel', code: 'invalid', message: 'Aucune adresse e-mail connue.' }],
    );
  }
  const since = new Date(Date.now() - SEND_WINDOW_MINUTES * 60_000);
  if (!maySend(await sentSince(ctx.db, actor.accountId, 'signature_code', since))) {
    throw new DomainError(
      'rate_limited',
      'RATE_LIMITED',
      `Vous avez demandé plusieurs codes en peu de temps. Réessayez dans ${SEND_WINDOW_MINUTES} minutes, ou utilisez le dernier code reçu.`,
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await ctx.jobs.enqueue(
      trx,
      SPACE_CODE_QUEUE,
      { accountId: actor.accountId, kind: 'signature_code', channel },
      { singletonKey: `space-signature:${actor.accountId}` },
    );
    await ctx.audit.record(
      {
        actor,
        action: 'space.signature_code_requested',
        personId: actor.personId,
        details: { channel },
        request,
      },
      trx,
    );
  });
  return {
    channel,
    sentTo: channel === 'sms' ? maskPhone(contacts.phone ?? '') : maskEmail(actor.email),
    validMinutes: ONE_TIME_TTL_MINUTES.signature_code,
  };
}

/** Where a signature code can go: the account's e-mail always, the household's mobile when known. */
export async function signatureChannelsOf(
  ctx: AppContext,
  actor: Pick<RequestActor, 'personId' | 'email'>,
): Promise<('email' | 'sms')[]> {
  if (!actor.personId) return [];
  const { phone } = await householdContacts(ctx.db, actor.personId);
  const channels: ('email' | 'sms')[] = normalizeFrenchPhone(phone)?.mobile ? ['sms'] : [];
  return isSmsOnlyEmail(actor.email) ? channels : [...channels, 'email'];
}

/** A refused signature code; a wrong one is counted once the signature's transaction has rolled back. */
export class SignatureCodeError extends DomainError {
  constructor(
    message: string,
    readonly wrongAttemptOn: string | null,
  ) {
    super('invalid', 'INVALID_TOKEN', message, [{ path: 'code', code: 'invalid', message }]);
  }
}

const refusals: Record<Exclude<SecretState, 'usable'> | 'unknown' | 'wrong', string> = {
  unknown: 'Demandez d’abord un code de signature : il vous est envoyé par SMS ou par e-mail.',
  expired: `Ce code de signature a expiré (il est valable ${ONE_TIME_TTL_MINUTES.signature_code} minutes). Demandez-en un nouveau.`,
  used: 'Ce code de signature a déjà servi ou a été remplacé par un code plus récent. Demandez-en un nouveau.',
  exhausted: 'Ce code a été essayé trop de fois. Demandez un nouveau code de signature.',
  wrong: 'Code de signature incorrect. Vérifiez le code reçu.',
};

/**
 * Checks and uses the actor's last signature code, in the signature's transaction: any refusal
 * throws (nothing signed). Call `countWrongSignatureCode` after the rollback to count the attempt.
 */
export async function consumeSignatureCode(
  trx: Kysely<Database>,
  actor: Pick<RequestActor, 'accountId'>,
  code: string,
  now = new Date(),
): Promise<void> {
  const row = await lastSecret(trx, actor.accountId, 'signature_code');
  const state: SecretState | 'unknown' = row ? secretState(row, now, 'signature_code') : 'unknown';
  if (!row || state !== 'usable') {
    throw new SignatureCodeError(refusals[state === 'usable' ? 'unknown' : state], null);
  }
  if (!sameHash(row.hash, codeHash(row.id, code))) throw new SignatureCodeError(refusals.wrong, row.id);
  await markUsed(trx, row.id, now);
}

/** Counts a wrong signature code (outside the rolled-back transaction). Other errors: nothing. */
export async function countWrongSignatureCode(ctx: AppContext, error: unknown): Promise<void> {
  if (error instanceof SignatureCodeError && error.wrongAttemptOn) {
    await countAttempt(ctx.db, error.wrongAttemptOn);
  }
}
