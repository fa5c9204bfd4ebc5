import { describe, expect, it } from 'vitest';
import { chainHash } from './audit';

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
};

describe('chainHash', () => {
  it('is a stable sha-256 of the fields and the previous hash', () => {
    const h = chainHash('0'.repeat(64), fields);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('0'.repeat(64), { ...fields })).toBe(h);
  });

  it('changes with any field and with the previous hash', () => {
    const h = chainHash('0'.repeat(64), fields);
    expect(chainHash('1'.repeat(64), fields)).not.toBe(h);
    expect(chainHash('0'.repeat(64), { ...fields, reason: 'x' })).not.toBe(h);
    expect(chainHash('0'.repeat(64), { ...fields, person_id: null })).not.toBe(h);
  });
});
