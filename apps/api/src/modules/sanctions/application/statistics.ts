import {
  type SanctionOutcome,
  type SanctionStatistics,
  sanctionStatisticsQuerySchema,
} from '@parcours/contracts';
import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';

/**
 * Counts of sanction cases per month of opening (Paris time), regime and outcome, for steering: no
 * person is named, so the read is not a list of persons (nothing to audit beyond the request).
 */
export async function sanctionStatistics(
  ctx: AppContext,
  actor: RequestActor,
  input: unknown,
): Promise<SanctionStatistics> {
  const q = sanctionStatisticsQuerySchema.parse(input);
  const rows = await sql<{
    month: string;
    regime: string;
    outcome: SanctionOutcome;
    cases: string | number;
    remobilised: string | number;
  }>`
    SELECT to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month,
           regime,
           CASE WHEN status = 'cancelled' THEN 'cancelled'
                WHEN decision_kind IS NULL THEN 'in_progress'
                ELSE decision_kind END AS outcome,
           count(*) AS cases,
           count(*) FILTER (WHERE end_reason LIKE 'remobilisation%') AS remobilised
      FROM sanction_case
     WHERE department_code = ${actor.departmentCode}
       AND (created_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${q.from}::date AND ${q.to}::date
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`.execute(ctx.db);
  return {
    from: q.from,
    to: q.to,
    rows: rows.rows.map((r) => ({
      month: r.month,
      regime: r.regime,
      outcome: r.outcome,
      cases: Number(r.cases),
      remobilised: Number(r.remobilised),
    })),
  };
}
