import { describe, expect, it } from 'vitest';
import { ACCOUNT_SLOWDOWN_MS, loginDelayMs, shouldNotifyOwner } from './login-throttle';

const rule = { after: 5, maxDelayMs: 30_000 };
const counts = (pair: number, address = pair, email = pair) => ({ pair, address, email });

describe('loginDelayMs', () => {
  it('lets the first failures through without delay', () => {
    for (let n = 0; n < 5; n++) expect(loginDelayMs(counts(n), rule)).toBe(0);
  });

  it('doubles the delay for the same e-mail from the same address, up to the ceiling, never a refusal', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => loginDelayMs(counts(n, n, 0), rule))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('only mildly slows an e-mail attacked from many addresses: the owner elsewhere still logs in', () => {
    // 200 failures spread over addresses, none from the owner's address.
    expect(loginDelayMs({ pair: 0, address: 0, email: 200 }, rule)).toBe(ACCOUNT_SLOWDOWN_MS);
    expect(loginDelayMs({ pair: 0, address: 0, email: 19 }, rule)).toBe(0);
  });

  it('slows an address that sprays many e-mails', () => {
    expect(loginDelayMs({ pair: 1, address: 19, email: 1 }, rule)).toBe(0);
    expect(loginDelayMs({ pair: 1, address: 20, email: 1 }, rule)).toBe(1000);
    expect(loginDelayMs({ pair: 1, address: 25, email: 1 }, rule)).toBe(2000);
    expect(loginDelayMs({ pair: 1, address: 500, email: 1 }, rule)).toBe(30_000);
  });
});

describe('shouldNotifyOwner', () => {
  it('tells the owner once the failures reach the allowance', () => {
    expect(shouldNotifyOwner(4, rule)).toBe(false);
    expect(shouldNotifyOwner(5, rule)).toBe(true);
  });
});
