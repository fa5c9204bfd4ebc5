import type { Db } from '../../../platform/db/database';
import { defaultOrientationDelayRules, type OrientationDelayRule } from '../domain/delays';

/** The built-in delay rules plus the département's own dated rows (kind `orientation_delays`). */
export async function loadOrientationDelayRules(
  db: Db,
  departmentCode: string,
): Promise<OrientationDelayRule[]> {
  const rows = await db
    .selectFrom('rule_set')
    .select(['effective_from', 'value', 'source'])
    .where('department_code', '=', departmentCode)
    .where('kind', '=', 'orientation_delays')
    .execute();
  const own = rows.map((r) => {
    const v = (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as Partial<OrientationDelayRule>;
    return {
      effectiveFrom: String(r.effective_from),
      targetMonths: Number(v.targetMonths ?? 1),
      legalDeadlineDays: v.legalDeadlineDays == null ? null : Number(v.legalDeadlineDays),
      source: r.source,
    };
  });
  // A département's row replaces a built-in one of the same date.
  const dates = new Set(own.map((r) => r.effectiveFrom));
  return [...defaultOrientationDelayRules.filter((r) => !dates.has(r.effectiveFrom)), ...own];
}
