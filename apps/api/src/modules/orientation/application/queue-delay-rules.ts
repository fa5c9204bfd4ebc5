import type { Db } from '../../../platform/db/database';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import { asRule, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { defaultOrientationDelayRules, type OrientationDelayRule } from '../domain/delays';

/** The built-in delay rules plus the département's own dated rows (kind `orientation_delays`). */
export async function loadOrientationDelayRules(
  db: Db,
  departmentCode: string,
): Promise<OrientationDelayRule[]> {
  const own = await storedRuleSets(db, departmentCode, 'orientation_delays', (v) => ({
    targetMonths: Number(v.targetMonths ?? 1),
    legalDeadlineDays: v.legalDeadlineDays == null ? null : Number(v.legalDeadlineDays),
  }));
  // A département's row replaces a built-in one of the same date.
  return withBuiltIns(defaultOrientationDelayRules, own.map(asRule));
}
