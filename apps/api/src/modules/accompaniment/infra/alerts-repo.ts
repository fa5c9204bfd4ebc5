import { personNameOfRow } from '@parcours/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import { asRule, storedRuleSets } from '../../../platform/rules/rule-set-store';
import {
  ALERT_RULE_KIND,
  type AlertContract,
  type AlertFacts,
  type AlertRule,
  defaultAlertRules,
} from '../domain/alerts';
import { personAndReferentColumns } from './follow-scope';

/** The dated thresholds of the alerts: the département's own rows over the built-in ones of the same date. */
export async function alertRules(db: Db, departmentCode: string): Promise<AlertRule[]> {
  const base = defaultAlertRules[defaultAlertRules.length - 1] as AlertRule;
  const own = await storedRuleSets(
    db,
    departmentCode,
    ALERT_RULE_KIND,
    (v): AlertRule => ({ ...base, ...v }),
  );
  return withBuiltIns(defaultAlertRules, own.map(asRule));
}

export interface FollowedPerson {
  id: string;
  name: string;
  referentId: string | null;
  referentName: string | null;
  facts: AlertFacts;
}

const CHUNK = 1000;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The persons subject to duties with open rights that match every condition (the reader's person
 * scope, the follow scope), with the facts the alert rules read (`conditions` on alias `p`).
 */
export async function loadAlertFacts(
  db: Db,
  departmentCode: string,
  ...conditions: Expression<SqlBool>[]
): Promise<FollowedPerson[]> {
  const persons = await db
    .selectFrom('person as p')
    .leftJoin('referent_assignment as ra', (j) =>
      j.onRef('ra.person_id', '=', 'p.id').on('ra.to_date', 'is', null),
    )
    .leftJoin('referent as r', 'r.id', 'ra.referent_id')
    .select(personAndReferentColumns)
    .select([
      sql<string | null>`(SELECT o.notified_on::text FROM orientation o WHERE o.person_id = p.id
        ORDER BY o.notified_on DESC, o.recorded_at DESC LIMIT 1)`.as('notified_on'),
      sql<string | null>`(SELECT o.pathway FROM orientation o WHERE o.person_id = p.id
        ORDER BY o.notified_on DESC, o.recorded_at DESC LIMIT 1)`.as('pathway'),
      sql<string | null>`LEAST(
        (SELECT min(o.notified_on) FROM orientation o WHERE o.person_id = p.id),
        (SELECT min(a.from_date) FROM referent_assignment a WHERE a.person_id = p.id))::text`.as(
        'followed_since',
      ),
    ])
    .where('p.department_code', '=', departmentCode)
    .where('p.subject_to_duties', '=', true)
    .where('p.rights_open', '=', true)
    .where('p.duplicate_of', 'is', null)
    .where(sql<SqlBool>`${sql.join(conditions, sql` AND `)}`)
    .execute();
  const byId = new Map<string, FollowedPerson>();
  const appointmentsOf = new Map<string, string[]>();
  const contractsOf = new Map<string, AlertContract[]>();
  for (const p of persons) {
    if (byId.has(p.id)) continue;
    const appointments: string[] = [];
    const contracts: AlertContract[] = [];
    appointmentsOf.set(p.id, appointments);
    contractsOf.set(p.id, contracts);
    byId.set(p.id, {
      id: p.id,
      name: personNameOfRow(p),
      referentId: p.referent_id,
      referentName:
        p.referent_id && p.referent_last_name !== null
          ? personNameOfRow({ first_name: p.referent_first_name ?? '', birth_name: p.referent_last_name })
          : null,
      facts: {
        orientation:
          p.notified_on && p.pathway ? { notifiedOn: p.notified_on.slice(0, 10), pathway: p.pathway } : null,
        followedSince: p.followed_since ? p.followed_since.slice(0, 10) : null,
        accompanimentAppointments: appointments,
        contracts,
      },
    });
  }
  for (const ids of chunks([...byId.keys()])) {
    const appointments = await db
      .selectFrom('appointment')
      .select(['person_id', sql<string>`on_date::text`.as('on_date')])
      .where('person_id', 'in', ids)
      .where('purpose', '=', 'accompaniment')
      .where('status', '<>', 'cancelled')
      .execute();
    for (const a of appointments) appointmentsOf.get(a.person_id)?.push(a.on_date.slice(0, 10));
    const contracts = await db
      .selectFrom('engagement_contract')
      .select([
        'id',
        'person_id',
        'status',
        sql<string | null>`signed_on::text`.as('signed_on'),
        sql<string>`start_date::text`.as('start_date'),
        sql<string>`end_date::text`.as('end_date'),
      ])
      .where('person_id', 'in', ids)
      .execute();
    for (const c of contracts) {
      const contract: AlertContract = {
        id: c.id,
        status: c.status,
        signedOn: c.signed_on ? c.signed_on.slice(0, 10) : null,
        startDate: c.start_date.slice(0, 10),
        endDate: c.end_date.slice(0, 10),
      };
      contractsOf.get(c.person_id)?.push(contract);
    }
  }
  return [...byId.values()];
}
