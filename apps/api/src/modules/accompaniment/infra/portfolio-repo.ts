import { type ContractStatus, personNameOfRow } from '@parcours/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import { personAndReferentColumns } from './follow-scope';

export interface PortfolioRow {
  personId: string;
  personName: string;
  referentId: string;
  referentName: string;
  since: string;
  nextAppointment: { id: string; onDate: string; startsAt: string | null; purpose: string } | null;
  contract: { id: string; status: ContractStatus; startDate: string; endDate: string } | null;
  hoursThisWeek: number | null;
}

/** Which contract is the person's current one: in force, then signed, proposed, draft, then the last ended. */
const CONTRACT_RANK = sql<number>`CASE c.status WHEN 'in_force' THEN 0 WHEN 'signed' THEN 1 WHEN 'proposed' THEN 2
  WHEN 'draft' THEN 3 WHEN 'ended' THEN 4 WHEN 'renewed' THEN 5 ELSE 9 END`;

/**
 * The persons currently assigned within a scope (`conditions` on alias `p`) with what a portfolio
 * shows: the next planned appointment, the current contract and the hours its plan in force
 * foresees over the week [weekStart, weekEnd].
 */
export async function loadPortfolioRows(
  db: Db,
  departmentCode: string,
  now: Date,
  today: string,
  week: { start: string; end: string },
  referentIds: string[] | null,
  structureId: string,
  ...conditions: Expression<SqlBool>[]
): Promise<PortfolioRow[]> {
  const rows = await db
    .selectFrom('person as p')
    .innerJoin('referent_assignment as ra', (j) =>
      j.onRef('ra.person_id', '=', 'p.id').on('ra.to_date', 'is', null),
    )
    .innerJoin('referent as r', 'r.id', 'ra.referent_id')
    .select(personAndReferentColumns)
    .select([
      sql<string>`ra.from_date::text`.as('since'),
      sql<string | null>`(SELECT a.id || '|' || a.on_date::text || '|' || a.purpose || '|' ||
          COALESCE(to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '')
        FROM appointment a WHERE a.person_id = p.id AND a.status = 'planned'
          AND (a.starts_at > ${now} OR (a.starts_at IS NULL AND a.on_date >= ${today}))
        ORDER BY a.on_date, a.starts_at NULLS LAST LIMIT 1)`.as('next_appointment'),
      sql<
        string | null
      >`(SELECT c.id || '|' || c.status || '|' || c.start_date::text || '|' || c.end_date::text ||
          '|' || COALESCE((SELECT sum(s.weekly_hours)::text FROM contract_plan_step s
            JOIN engagement_contract_version v ON v.id = s.version_id
            WHERE v.contract_id = c.id AND v.number = c.in_force_version_no AND c.status = 'in_force'
              AND s.start_date <= ${week.end} AND s.end_date >= ${week.start}),
            CASE WHEN c.status = 'in_force' AND c.in_force_version_no IS NOT NULL THEN '0' ELSE '' END)
        FROM engagement_contract c WHERE c.person_id = p.id AND c.status <> 'cancelled'
        ORDER BY ${CONTRACT_RANK}, c.start_date DESC, c.recorded_at DESC LIMIT 1)`.as('contract'),
    ])
    .where('p.department_code', '=', departmentCode)
    .where('r.structure_id', '=', structureId)
    .$if(referentIds !== null && referentIds.length > 0, (q) => q.where('r.id', 'in', referentIds ?? []))
    .where(sql<SqlBool>`${sql.join(conditions, sql` AND `)}`)
    .execute();
  const seen = new Set<string>();
  const out: PortfolioRow[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const [aId, aDate, aPurpose, aStarts] = r.next_appointment?.split('|') ?? [];
    const [cId, cStatus, cStart, cEnd, cHours] = r.contract?.split('|') ?? [];
    out.push({
      personId: r.id,
      personName: personNameOfRow(r),
      referentId: r.referent_id,
      referentName: personNameOfRow({ first_name: r.referent_first_name, birth_name: r.referent_last_name }),
      since: r.since.slice(0, 10),
      nextAppointment:
        aId && aDate && aPurpose !== undefined
          ? { id: aId, onDate: aDate.slice(0, 10), startsAt: aStarts || null, purpose: aPurpose }
          : null,
      contract:
        cId && cStatus && cStart && cEnd
          ? {
              id: cId,
              status: cStatus as ContractStatus,
              startDate: cStart.slice(0, 10),
              endDate: cEnd.slice(0, 10),
            }
          : null,
      hoursThisWeek: cHours ? Number(cHours) : null,
    });
  }
  return out;
}
