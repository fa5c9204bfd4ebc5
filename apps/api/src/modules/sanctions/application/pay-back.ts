import type { SanctionCase } from '@parcours/contracts';
import type { Db } from '../../../platform/db/database';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import { asRule, storedRuleSets } from '../../../platform/rules/rule-set-store';
import {
  builtInRsaBases,
  payBackOf,
  RSA_BASE_KIND,
  type RsaBaseRule,
  rsaBaseOn,
} from '../domain/caf-transmission';

/** The RSA base amounts: built-in ones, then the département's own (kind `rsa_base_amount`). */
export async function rsaBases(db: Db, departmentCode: string): Promise<RsaBaseRule[]> {
  const own = await storedRuleSets(db, departmentCode, RSA_BASE_KIND, (v) => ({
    monthlyBaseCents:
      typeof v.monthlyBaseCents === 'number' && Number.isInteger(v.monthlyBaseCents) && v.monthlyBaseCents > 0
        ? v.monthlyBaseCents
        : builtInRsaBases.at(-1)!.monthlyBaseCents,
  }));
  return withBuiltIns(builtInRsaBases, own.map(asRule));
}

/**
 * The cases with their sums to pay back: a suspension ended by remobilisation gets its figure
 * (base in force on the end date); any other case null.
 */
export async function withPayBack(
  db: Db,
  departmentCode: string,
  cases: SanctionCase[],
): Promise<SanctionCase[]> {
  const due = (c: SanctionCase) =>
    c.status === 'ended' &&
    c.decisionKind === 'sanction' &&
    c.endReason?.startsWith('remobilisation') &&
    c.notifiedOn !== null &&
    c.endedOn !== null &&
    c.percent !== null;
  if (!cases.some(due)) return cases.map((c) => ({ ...c, payBack: null }));
  const bases = await rsaBases(db, departmentCode);
  return cases.map((c) =>
    due(c)
      ? {
          ...c,
          payBack: payBackOf(
            { startOn: c.notifiedOn!, endOn: c.endedOn!, percent: c.percent!, decidedMonths: c.months },
            rsaBaseOn(bases, c.endedOn!),
          ),
        }
      : { ...c, payBack: null },
  );
}
