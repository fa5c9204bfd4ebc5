/**
 * Login throttling (no lockout): failed password logins within the window are counted per
 * (e-mail typed, source address), per address and per e-mail. The answer is always the same; only
 * its delay grows, so a stranger can slow an account down a little but never lock its owner out,
 * and the delay never tells an existing account from an unknown one (it depends on what was typed).
 */
export interface LoginFailureCounts {
  /** Failures for this e-mail from this address. */
  pair: number;
  /** Failures from this address, any e-mail (password spraying). */
  address: number;
  /** Failures for this e-mail, any address (distributed guessing). */
  email: number;
}

export interface LoginThrottleRule {
  /** Free failures for one (e-mail, address) before attempts are delayed. */
  after: number;
  maxDelayMs: number;
}

/** An address or an e-mail is treated as hostile after this many times the pair allowance. */
export const WIDE_FACTOR = 4;
/** The slowdown every address gets for an e-mail under attack: mild, the owner barely notices. */
export const ACCOUNT_SLOWDOWN_MS = 1000;

const doubling = (failures: number, from: number, step: number, maxMs: number) =>
  failures < from ? 0 : Math.min(maxMs, 1000 * 2 ** Math.floor((failures - from) / step));

/** How long to wait before checking this attempt's password. */
export function loginDelayMs(counts: LoginFailureCounts, rule: LoginThrottleRule): number {
  const pair = doubling(counts.pair, rule.after, 1, rule.maxDelayMs);
  const address = doubling(counts.address, rule.after * WIDE_FACTOR, rule.after, rule.maxDelayMs);
  const email = counts.email >= rule.after * WIDE_FACTOR ? Math.min(ACCOUNT_SLOWDOWN_MS, rule.maxDelayMs) : 0;
  return Math.max(pair, address, email);
}

/** The owner is told once the failures on their account reach the pair allowance. */
export function shouldNotifyOwner(emailFailures: number, rule: LoginThrottleRule): boolean {
  return emailFailures >= rule.after;
}
