import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The one-time secrets of the beneficiary's space (issue 11, point 7). Durations are fixed by the
 * product (not dated configuration: a change is a security decision, reviewed in code):
 * - a sign-in link by e-mail lives 15 minutes (time to open a mailbox on a phone);
 * - a sign-in code by SMS lives 5 minutes (an SMS arrives within seconds);
 * - a signature code (re-authentication before signing a contract) lives 10 minutes (time to
 *   read the contract once more).
 * Each is single use; a code allows 5 wrong attempts, then a new one must be asked for. A newer
 * secret of the same kind replaces the older one. At most 3 secrets of one kind per account are
 * sent per 15 minutes (an SMS costs, a mailbox must not be flooded).
 */
export type OneTimeKind = 'link' | 'sms_code' | 'signature_code';

export const ONE_TIME_TTL_MINUTES: Record<OneTimeKind, number> = {
  link: 15,
  sms_code: 5,
  signature_code: 10,
};
export const CODE_MAX_ATTEMPTS = 5;
export const SEND_LIMIT = 3;
export const SEND_WINDOW_MINUTES = 15;

export function expiresAtOf(kind: OneTimeKind, now: Date): Date {
  return new Date(now.getTime() + ONE_TIME_TTL_MINUTES[kind] * 60_000);
}

/** Six random digits, leading zeros kept ("004211"). */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A code is hashed with its row's id: two equal codes never share a hash. */
export function codeHash(tokenId: string, code: string): string {
  return createHash('sha256').update(`${tokenId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface StoredSecret {
  expires_at: Date | string;
  used_at: Date | string | null;
  attempts: number;
}

export type SecretState = 'usable' | 'used' | 'expired' | 'exhausted';

/** Why a stored secret can or cannot be used now. Used first: a used link stays "already used". */
export function secretState(secret: StoredSecret, now: Date, kind: OneTimeKind): SecretState {
  if (secret.used_at) return 'used';
  if (new Date(secret.expires_at).getTime() <= now.getTime()) return 'expired';
  if (kind !== 'link' && secret.attempts >= CODE_MAX_ATTEMPTS) return 'exhausted';
  return 'usable';
}

/** May one more secret of this kind be sent, given how many were sent within the window? */
export function maySend(sentWithinWindow: number): boolean {
  return sentWithinWindow < SEND_LIMIT;
}

/** "06 12 34 56 78" → "06 •• •• •• 78"; "lea.martin@exemple.fr" → "l•••@exemple.fr". */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '••';
  return `${digits.slice(0, 2)} •• •• •• ${digits.slice(-2)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}
