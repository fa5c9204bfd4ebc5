import { describe, expect, it } from 'vitest';
import {
  CODE_MAX_ATTEMPTS,
  codeHash,
  expiresAtOf,
  maskEmail,
  maskPhone,
  maySend,
  newCode,
  ONE_TIME_TTL_MINUTES,
  sameHash,
  secretState,
} from './beneficiary-codes';

const now = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('one-time secrets of the beneficiary space', () => {
  it('gives a link 15 minutes, an SMS code 5, a signature code 10', () => {
    expect(ONE_TIME_TTL_MINUTES).toEqual({ link: 15, sms_code: 5, signature_code: 10 });
    expect(expiresAtOf('link', now)).toEqual(at(15));
    expect(expiresAtOf('sms_code', now)).toEqual(at(5));
    expect(expiresAtOf('signature_code', now)).toEqual(at(10));
  });

  it('is usable until its expiry, not at it', () => {
    const code = { expires_at: at(5), used_at: null, attempts: 0 };
    expect(secretState(code, at(4.99), 'sms_code')).toBe('usable');
    expect(secretState(code, at(5), 'sms_code')).toBe('expired');
    expect(secretState({ ...code, expires_at: at(5).toISOString() }, at(6), 'sms_code')).toBe('expired');
  });

  it('is single use: a used secret stays used, even once expired', () => {
    const link = { expires_at: at(15), used_at: at(1), attempts: 0 };
    expect(secretState(link, at(2), 'link')).toBe('used');
    expect(secretState(link, at(20), 'link')).toBe('used');
  });

  it('allows 5 wrong attempts on a code, and none is counted on a link', () => {
    const code = { expires_at: at(5), used_at: null, attempts: CODE_MAX_ATTEMPTS - 1 };
    expect(secretState(code, now, 'sms_code')).toBe('usable');
    expect(secretState({ ...code, attempts: CODE_MAX_ATTEMPTS }, now, 'sms_code')).toBe('exhausted');
    expect(secretState({ ...code, attempts: CODE_MAX_ATTEMPTS }, now, 'signature_code')).toBe('exhausted');
    expect(secretState({ ...code, attempts: 9 }, now, 'link')).toBe('usable');
  });

  it('makes six-digit codes hashed with their row id', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).toMatch(/^\d{6}$/);
    const a = codeHash('row-1', '123456');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(codeHash('row-2', '123456')).not.toBe(a);
    expect(sameHash(a, codeHash('row-1', '123456'))).toBe(true);
    expect(sameHash(a, codeHash('row-1', '123457'))).toBe(false);
    expect(sameHash(a, 'abcd')).toBe(false);
  });

  it('sends at most 3 secrets of a kind per window', () => {
    expect(maySend(0)).toBe(true);
    expect(maySend(2)).toBe(true);
    expect(maySend(3)).toBe(false);
  });

  it('masks where a code was sent', () => {
    expect(maskPhone('06 12 34 56 78')).toBe('06 •• •• •• 78');
    expect(maskEmail('lea.martin@exemple.fr')).toBe('l•••@exemple.fr');
  });
});
