import type { Failure, FailureKind, SanctionCase } from '@parcours/contracts';
import { type Expression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { Database, SanctionCaseTable, SanctionFailureTable } from '../../../platform/db/schema';

export type FailureRow = Selectable<SanctionFailureTable> & { reported_by_name: string | null };
export type CaseRow = Selectable<SanctionCaseTable> & { decided_by_name: string | null };

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const dayOrNull = (v: unknown) => (v === null || v === undefined ? null : day(v));

export function failuresOf(db: Kysely<Database>, departmentCode: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([] as FailureRow[]);
  return db
    .selectFrom('sanction_failure as f')
    .leftJoin('account as a', 'a.id', 'f.reported_by')
    .selectAll('f')
    .select('a.display_name as reported_by_name')
    .where('f.department_code', '=', departmentCode)
    .where('f.person_id', 'in', personIds)
    .orderBy('f.facts_date', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute() as Promise<FailureRow[]>;
}

export function failureById(db: Kysely<Database>, departmentCode: string, personId: string, id: string) {
  return db
    .selectFrom('sanction_failure as f')
    .leftJoin('account as a', 'a.id', 'f.reported_by')
    .selectAll('f')
    .select('a.display_name as reported_by_name')
    .where('f.department_code', '=', departmentCode)
    .where('f.person_id', '=', personId)
    .where('f.id', '=', id)
    .executeTakeFirst() as Promise<FailureRow | undefined>;
}

export function casesOf(db: Kysely<Database>, departmentCode: string, personId: string, caseId?: string) {
  let q = db
    .selectFrom('sanction_case as c')
    .leftJoin('account as a', 'a.id', 'c.decided_by')
    .selectAll('c')
    .select('a.display_name as decided_by_name')
    .where('c.department_code', '=', departmentCode)
    .where('c.person_id', '=', personId);
  if (caseId) q = q.where('c.id', '=', caseId);
  return q.orderBy('c.created_at', 'desc').execute() as Promise<CaseRow[]>;
}

export function toFailure(r: FailureRow): Failure {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind as FailureKind,
    origin: r.origin as Failure['origin'],
    factsDate: day(r.facts_date),
    factsEndDate: dayOrNull(r.facts_end_date),
    appointmentId: r.appointment_id,
    facts: r.facts,
    status: r.status as Failure['status'],
    dismissedOn: dayOrNull(r.dismissed_on),
    dismissedReason: r.dismissed_reason,
    reportedByName: r.reported_by_name,
    recordedAt: new Date(r.created_at as unknown as string).toISOString(),
    version: r.version,
  };
}

export function toCase(r: CaseRow, failure: Failure): SanctionCase {
  return {
    id: r.id,
    personId: r.person_id,
    failure,
    status: r.status as SanctionCase['status'],
    regime: r.regime,
    factsDate: day(r.facts_date),
    repeat: r.repeat === 2 ? 2 : 1,
    householdPersons: r.household_persons,
    noticeSentOn: dayOrNull(r.notice_sent_on),
    observationsDeadline: dayOrNull(r.observations_deadline),
    observationsReceivedOn: dayOrNull(r.observations_received_on),
    observationsMode: r.observations_mode as SanctionCase['observationsMode'],
    observations: r.observations,
    assistedBy: r.assisted_by,
    decisionKind: r.decision_kind as SanctionCase['decisionKind'],
    percent: r.percent,
    months: r.months,
    modulationReasons: (r.modulation_reasons ?? []) as SanctionCase['modulationReasons'],
    decisionReason: r.decision_reason,
    decidedOn: dayOrNull(r.decided_on),
    decidedByName: r.decided_by_name,
    notifiedOn: dayOrNull(r.notified_on),
    endedOn: dayOrNull(r.ended_on),
    endReason: r.end_reason as SanctionCase['endReason'],
    cancelReason: r.cancel_reason,
    version: r.version,
  };
}

/** Persons of the household at a date (the beneficiary included, at least 1). */
export async function householdPersonsOn(db: Kysely<Database>, personId: string, onDate: string) {
  const row = await db
    .selectFrom('person as p')
    .leftJoin('household_member as m', (j) =>
      j
        .onRef('m.household_id', '=', 'p.household_id')
        .on('m.from_date', '<=', onDate)
        .on((eb) => eb.or([eb('m.to_date', 'is', null), eb('m.to_date', '>=', onDate)])),
    )
    .select((eb) => eb.fn.count<string>('m.person_id').distinct().as('n'))
    .where('p.id', '=', personId)
    .executeTakeFirst();
  return Math.max(1, Number(row?.n ?? 0));
}

/** Facts dates of the person's failures a decision sanctioned (sanction or removal, case not cancelled). */
export async function sanctionedFactsDates(db: Kysely<Database>, personId: string, exceptFailure: string) {
  const rows = await db
    .selectFrom('sanction_case')
    .select('facts_date')
    .where('person_id', '=', personId)
    .where('failure_id', '<>', exceptFailure)
    .where('decision_kind', 'in', ['sanction', 'removal'])
    .where('status', '<>', 'cancelled')
    .execute();
  return rows.map((r) => day(r.facts_date));
}

/** Whether a decided, not cancelled case of this failure sanctioned it (another case than this one). */
export async function failureSanctioned(db: Kysely<Database>, failureId: string, exceptCase: string) {
  const row = await db
    .selectFrom('sanction_case')
    .select('id')
    .where('failure_id', '=', failureId)
    .where('id', '<>', exceptCase)
    .where('decision_kind', 'in', ['sanction', 'removal'])
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
  return row !== undefined;
}

/** Missed convocations (no-show, no excuse recorded) of these persons not recorded as a failure yet. */
export function unrecordedNoShows(
  db: Db,
  departmentCode: string,
  personIds: readonly string[],
  today: string,
) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointment as ap')
    .select(['ap.id', 'ap.person_id', 'ap.on_date'])
    .where('ap.department_code', '=', departmentCode)
    .where('ap.person_id', 'in', personIds)
    .where('ap.status', '=', 'noshow')
    .where('ap.on_date', '<=', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('sanction_failure as f').select('f.id').whereRef('f.appointment_id', '=', 'ap.id'),
        ),
      ),
    )
    .orderBy('ap.on_date', 'desc')
    .execute();
}

/**
 * No version of any of the person's contracts signed by the person after the refusal `r` was noted
 * (a signature earlier the same day, of the version in force, does not make good a refused amendment).
 */
const noSignatureSinceRefusal = sql<SqlBool>`NOT EXISTS (SELECT 1 FROM engagement_contract_version v
    JOIN engagement_contract c ON c.id = v.contract_id
    WHERE c.person_id = r.person_id AND v.person_signed_at > r.created_at)`;

/**
 * The person's refusals to sign a contract or its amendment, noted on the contract, not recorded as
 * a failure yet and not followed by a version the person signed (then they complied).
 */
export function unrecordedContractRefusals(db: Db, departmentCode: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contract_refusal as r')
    .select(['r.id', 'r.person_id', 'r.refused_on', 'r.amendment', 'r.version_number'])
    .where('r.department_code', '=', departmentCode)
    .where('r.person_id', 'in', personIds)
    .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM sanction_failure f WHERE f.contract_refusal_id = r.id)`)
    .where(noSignatureSinceRefusal)
    .orderBy('r.refused_on', 'desc')
    .execute();
}

export interface OrientationFacts {
  id: string;
  person_id: string;
  notified_on: string;
  signed: boolean;
  recorded: boolean;
}

/** Each person's latest orientation, whether a contract was signed since, and whether it is recorded as a failure. */
export async function latestOrientations(db: Db, personIds: readonly string[]): Promise<OrientationFacts[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('orientation as o')
    .select([
      'o.id',
      'o.person_id',
      'o.notified_on',
      sql<boolean>`EXISTS (SELECT 1 FROM engagement_contract c WHERE c.person_id = o.person_id
        AND c.signed_on IS NOT NULL AND c.signed_on >= o.notified_on AND c.status <> 'cancelled')`.as(
        'signed',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM sanction_failure f WHERE f.orientation_id = o.id)`.as('recorded'),
    ])
    .where('o.person_id', 'in', personIds)
    .where(
      'o.id',
      '=',
      sql<string>`(SELECT o2.id FROM orientation o2 WHERE o2.person_id = o.person_id
        ORDER BY o2.notified_on DESC, o2.recorded_at DESC LIMIT 1)`,
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    notified_on: day(r.notified_on),
    signed: !!r.signed,
    recorded: !!r.recorded,
  }));
}

/**
 * The persons of the failures queue: in the actor's scope, subject to rights and duties, of the
 * pôle when one is chosen, with a failure to examine, an unrecorded no-show, or an orientation
 * without a signed contract since (the delay is checked by the rules afterwards).
 */
export function queuePersons(
  db: Db,
  departmentCode: string,
  scope: Expression<SqlBool>,
  hubId: string | null,
) {
  let q = db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as co', 'co.insee_code', 'h.commune_code')
    .leftJoin('insertion_hub as hub', 'hub.id', 'co.hub_id')
    .select(['p.id', 'p.first_name', 'p.birth_name', 'p.usual_name', 'hub.name as hub_name'])
    .where('p.department_code', '=', departmentCode)
    .where('p.subject_to_duties', '=', true)
    .where('p.duplicate_of', 'is', null)
    .where(scope)
    .where(
      sql<SqlBool>`(
      EXISTS (SELECT 1 FROM sanction_failure f WHERE f.person_id = p.id AND f.status = 'to_examine')
      OR EXISTS (SELECT 1 FROM appointment ap WHERE ap.person_id = p.id AND ap.status = 'noshow'
        AND NOT EXISTS (SELECT 1 FROM sanction_failure f2 WHERE f2.appointment_id = ap.id))
      OR EXISTS (SELECT 1 FROM orientation o WHERE o.person_id = p.id
        AND NOT EXISTS (SELECT 1 FROM engagement_contract c WHERE c.person_id = p.id
          AND c.signed_on IS NOT NULL AND c.signed_on >= o.notified_on AND c.status <> 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM sanction_failure f3 WHERE f3.orientation_id = o.id))
      OR EXISTS (SELECT 1 FROM contract_refusal r WHERE r.person_id = p.id
        AND NOT EXISTS (SELECT 1 FROM sanction_failure f4 WHERE f4.contract_refusal_id = r.id)
        AND ${noSignatureSinceRefusal}))`,
    );
  if (hubId) q = q.where('co.hub_id', '=', hubId);
  return q.orderBy('p.birth_name').orderBy('p.first_name').limit(500).execute();
}

/** How many failures and sanctions each person has in all (the queue's history columns). */
export async function historyCounts(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return new Map<string, { failures: number; sanctions: number }>();
  const [f, s] = await Promise.all([
    db
      .selectFrom('sanction_failure')
      .select(['person_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('person_id', 'in', personIds)
      .where('status', '<>', 'to_examine')
      .groupBy('person_id')
      .execute(),
    db
      .selectFrom('sanction_case')
      .select(['person_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('person_id', 'in', personIds)
      .where('decision_kind', 'in', ['sanction', 'removal'])
      .where('status', '<>', 'cancelled')
      .groupBy('person_id')
      .execute(),
  ]);
  const out = new Map<string, { failures: number; sanctions: number }>();
  for (const id of personIds) out.set(id, { failures: 0, sanctions: 0 });
  for (const r of f) out.get(r.person_id)!.failures = Number(r.n);
  for (const r of s) out.get(r.person_id)!.sanctions = Number(r.n);
  return out;
}
