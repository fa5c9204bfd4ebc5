import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './queue';

describe('retryDelayMs', () => {
  it('grows with the attempts and is capped at one hour', () => {
    expect(retryDelayMs(1)).toBe(10_000);
    expect(retryDelayMs(2)).toBe(40_000);
    expect(retryDelayMs(3)).toBe(90_000);
    expect(retryDelayMs(100)).toBe(3_600_000);
  });
});
