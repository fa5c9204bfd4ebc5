import { describe, expect, it } from 'vitest';
import { newOrderedId } from './ids';

describe('newOrderedId', () => {
  it('gives version-7 UUIDs in increasing order, even many within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, newOrderedId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    // Index locality is what they are for: text order (= PostgreSQL uuid order) is creation order.
    expect([...ids].sort()).toEqual(ids);
  });
});
