/**
 * Dated rule sets (RULES.md: configuration, never a branch): a kind of configuration in force from a
 * date, stored in table `rule_set` (kind, effective_from, value jsonb, source, created_by) next to the
 * built-in sets of the code. Pure part: the set in force on a day, the merge with the built-ins.
 * The database part is `rule-set-store.ts`.
 */

/** Anything in force from a date (calendar day, 'YYYY-MM-DD'). */
export interface Dated {
  effectiveFrom: string;
}

/** Who recorded a set: a built-in one has neither author nor time. */
export interface RuleSetOrigin {
  builtIn: boolean;
  createdByName: string | null;
  createdAt: string | null;
}

const oldestFirst = (a: Dated, b: Dated) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1);
const latestFirst = (a: Dated, b: Dated) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1);

/** The set in force on a day: the latest whose effective date is not after it, undefined before them all. */
export function latestInForce<T extends Dated>(sets: readonly T[], day: string): T | undefined {
  return [...sets]
    .sort(oldestFirst)
    .filter((r) => r.effectiveFrom <= day)
    .at(-1);
}

/**
 * The set in force on a day: the latest whose effective date is not after it; before them all, the
 * oldest. Throws `missing` when there is no set at all (the built-ins make that a programming error).
 */
export function ruleOn<T extends Dated>(
  sets: readonly T[],
  day: string,
  missing = 'no rule set configured',
): T {
  const rule = latestInForce(sets, day) ?? [...sets].sort(oldestFirst)[0];
  if (!rule) throw new Error(missing);
  return rule;
}

/** The built-in sets a département has not replaced by a stored set of the same date, then the stored ones. */
export function withBuiltIns<B extends Dated, S extends Dated>(
  builtIns: readonly B[],
  stored: readonly S[],
): (B | S)[] {
  const dates = new Set(stored.map((r) => r.effectiveFrom));
  return [...builtIns.filter((r) => !dates.has(r.effectiveFrom)), ...stored];
}

/** The history shown to the users: built-ins (flagged) merged with the stored sets, the latest first. */
export function ruleSetHistory<B extends Dated, S extends Dated & RuleSetOrigin>(
  builtIns: readonly B[],
  stored: readonly S[],
): ((B & RuleSetOrigin) | S)[] {
  const flagged = builtIns.map((r): B & RuleSetOrigin => ({
    ...r,
    builtIn: true,
    createdByName: null,
    createdAt: null,
  }));
  return withBuiltIns(flagged, stored).sort(latestFirst);
}
