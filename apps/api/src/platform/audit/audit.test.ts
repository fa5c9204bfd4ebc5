import { describe, expect, it } from 'vitest';
import { chainMac, legacyChainHash } from './audit';
import { checkpointSignatureOk, signCheckpoint } from './checkpoints';
import { auditKeyFrom } from './key';

const fields = {
  department_code: '13',
  occurred_at: '2026-11-22T10:00:00.000Z',
  actor_account_id: null,
  actor_role: null,
  action: 'person.read',
  person_id: '11111111-1111-4111-8111-111111111111',
  target_type: 'person',
  target_id: '11111111-1111-4111-8111-111111111111',
  reason: null,
  ip: '127.0.0.1',
  request_id: 'r1',
  details: '{}',
  person_ids: null,
};
const key = Buffer.alloc(32, 7);

describe('chainMac', () => {
  it('is a stable HMAC-SHA-256 of the fields and the previous value', () => {
    const h = chainMac(key, '0'.repeat(64), fields);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainMac(key, '0'.repeat(64), { ...fields })).toBe(h);
  });

  it('changes with any field, the listed persons, the previous value and the key', () => {
    const h = chainMac(key, '0'.repeat(64), fields);
    expect(chainMac(key, '1'.repeat(64), fields)).not.toBe(h);
    expect(chainMac(key, '0'.repeat(64), { ...fields, reason: 'x' })).not.toBe(h);
    expect(chainMac(key, '0'.repeat(64), { ...fields, person_id: null })).not.toBe(h);
    expect(chainMac(key, '0'.repeat(64), { ...fields, person_ids: [] })).not.toBe(h);
    expect(chainMac(Buffer.alloc(32, 8), '0'.repeat(64), fields)).not.toBe(h);
  });

  it('cannot be recomputed with the former plain SHA-256', () => {
    expect(legacyChainHash('0'.repeat(64), fields)).not.toBe(chainMac(key, '0'.repeat(64), fields));
  });
});

describe('checkpoints', () => {
  it('are signed with the key: any change, or another key, breaks the signature', () => {
    const k = auditKeyFrom(key, 'env');
    const c = signCheckpoint(k, {
      departmentCode: '13',
      seq: '42',
      mac: 'a'.repeat(64),
      legacyUntilSeq: '0',
      at: '2026-12-01T10:00:00.000Z',
      reason: 'shutdown',
    });
    expect(checkpointSignatureOk(k, c)).toBe(true);
    expect(checkpointSignatureOk(k, { ...c, seq: '41' })).toBe(false);
    expect(checkpointSignatureOk(auditKeyFrom(Buffer.alloc(32, 9), 'env'), c)).toBe(false);
  });
});
