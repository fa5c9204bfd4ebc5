import type {
  HalfDay,
  SasAttendanceStatus,
  SasCommitmentKind,
  SasEnrolment,
  SasEnrolmentStatus,
  SasMeeting,
  SasSessionSummary,
} from '@parcours/contracts';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';
import { attendanceSummary } from '../domain/sas';

type ScopeActor = Pick<RequestActor, 'role' | 'departmentCode' | 'hubId' | 'structureId'>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Which SAS sessions an actor works with (alias `ss`): the département's for département roles,
 * the pôle's (run by a structure or not) for pôle roles, the structure's own for structure roles.
 */
export function sessionScope(actor: ScopeActor, kind: string): Expression<SqlBool> {
  const dep = sql<SqlBool>`ss.department_code = ${actor.departmentCode}`;
  if (kind === 'department') return dep;
  if (kind === 'hub') return sql<SqlBool>`${dep} AND ss.hub_id = ${actor.hubId ?? NO_ID}`;
  if (kind === 'structure') return sql<SqlBool>`${dep} AND ss.structure_id = ${actor.structureId ?? NO_ID}`;
  return sql<SqlBool>`false`;
}

export function inSessionScope(
  actor: ScopeActor,
  kind: string,
  row: { department_code: string; hub_id: string; structure_id: string | null },
): boolean {
  if (row.department_code !== actor.departmentCode) return false;
  if (kind === 'department') return true;
  if (kind === 'hub') return !!actor.hubId && row.hub_id === actor.hubId;
  if (kind === 'structure') return !!actor.structureId && row.structure_id === actor.structureId;
  return false;
}

/** Enrolments that hold a place in a session. */
export const placeHolding = ['enrolled', 'completed', 'abandoned', 'reinstated', 'refused'] as const;

export function sessionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('sas_session as ss')
    .innerJoin('insertion_hub as h', 'h.id', 'ss.hub_id')
    .leftJoin('structure as st', 'st.id', 'ss.structure_id')
    .leftJoin('account as an', 'an.id', 'ss.animator_account_id')
    .selectAll('ss')
    .select([
      'h.name as hub_name',
      'st.name as structure_name',
      'an.display_name as animator_name',
      sql<number>`(SELECT count(*)::int FROM sas_enrolment e WHERE e.session_id = ss.id AND e.status IN (${sql.join(
        placeHolding.map((s) => sql.lit(s)),
      )}))`.as('enrolled'),
      sql<string>`(SELECT max(m.on_date)::text FROM sas_meeting m WHERE m.session_id = ss.id)`.as('end_date'),
    ]);
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

export function toSessionSummary(r: SessionRow): SasSessionSummary {
  const enrolled = Number(r.enrolled);
  return {
    id: r.id,
    label: r.label,
    hubId: r.hub_id,
    hubName: r.hub_name,
    structureId: r.structure_id,
    structureName: r.structure_name ?? null,
    animatorAccountId: r.animator_account_id,
    animatorName: r.animator_name ?? null,
    startDate: day(r.start_date)!,
    endDate: day(r.end_date) ?? day(r.start_date)!,
    place: r.place,
    capacity: r.capacity,
    enrolled,
    free: Math.max(0, r.capacity - enrolled),
    status: r.status as SasSessionSummary['status'],
    cancelReason: r.cancel_reason,
    version: r.version,
  };
}

export async function meetingsOf(db: Db, sessionIds: readonly string[]) {
  if (!sessionIds.length) return [];
  return db
    .selectFrom('sas_meeting')
    .selectAll()
    .where('session_id', 'in', [...sessionIds])
    .orderBy('starts_at')
    .orderBy('position')
    .execute();
}
export type MeetingRow = Awaited<ReturnType<typeof meetingsOf>>[number];

export function toMeeting(m: MeetingRow, now: Date): SasMeeting {
  const startsAt = new Date(m.starts_at);
  return {
    id: m.id,
    position: m.position,
    week: m.week,
    date: day(m.on_date)!,
    halfDay: m.half_day as HalfDay,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(m.ends_at).toISOString(),
    status: m.status as SasMeeting['status'],
    cancelReason: m.cancel_reason,
    slotId: m.slot_id,
    started: startsAt.getTime() <= now.getTime(),
    version: m.version,
  };
}

export function enrolmentQuery(db: Db) {
  return db
    .selectFrom('sas_enrolment as e')
    .leftJoin('sas_session as s', 's.id', 'e.session_id')
    .selectAll('e')
    .select(['s.label as session_label']);
}
export type EnrolmentRow = Awaited<ReturnType<ReturnType<typeof enrolmentQuery>['executeTakeFirstOrThrow']>>;

export async function attendanceOf(db: Db, enrolmentIds: readonly string[]) {
  if (!enrolmentIds.length) return [];
  return db
    .selectFrom('sas_attendance')
    .select(['enrolment_id', 'meeting_id', 'status', 'reason'])
    .where('enrolment_id', 'in', [...enrolmentIds])
    .execute();
}

/** Enrolments with their attendance and its summary against the session's meetings. */
export async function toEnrolments(db: Db, rows: readonly EnrolmentRow[], now = new Date()) {
  const sessionIds = [...new Set(rows.map((r) => r.session_id).filter((v): v is string => !!v))];
  const [meetings, attendance] = await Promise.all([
    meetingsOf(db, sessionIds),
    attendanceOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r): SasEnrolment => {
    const own = attendance.filter((a) => a.enrolment_id === r.id);
    const ofSession = meetings
      .filter((m) => m.session_id === r.session_id)
      .map((m) => ({
        id: m.id,
        status: m.status,
        started: new Date(m.starts_at).getTime() <= now.getTime(),
      }));
    const byMeeting = new Map(own.map((a) => [a.meeting_id, a.status as SasAttendanceStatus]));
    return {
      id: r.id,
      personId: r.person_id,
      sessionId: r.session_id,
      sessionLabel: r.session_label ?? null,
      caseId: r.case_id,
      status: r.status as SasEnrolmentStatus,
      requestedOn: day(r.requested_on)!,
      enrolledOn: day(r.enrolled_on),
      endedOn: day(r.ended_on),
      endNote: r.end_note,
      commitmentKind: r.commitment_kind as SasCommitmentKind | null,
      contractId: r.contract_id,
      pathway: r.pathway,
      committedOn: day(r.committed_on),
      decidedOn: day(r.decided_on),
      reinstatedFrom: day(r.reinstated_from),
      decisionReason: r.decision_reason,
      cancelReason: r.cancel_reason,
      attendance: own.map((a) => ({
        meetingId: a.meeting_id,
        status: a.status as SasAttendanceStatus,
        reason: a.reason,
      })),
      summary: attendanceSummary(ofSession, byMeeting),
      version: r.version,
    };
  });
}

/**
 * The suspension a person may ask reinstatement from: the latest notified suspension of the
 * allocation (decision `sanction`) not already reinstated through the SAS.
 */
export async function currentSuspension(db: Db, departmentCode: string, personId: string) {
  return db
    .selectFrom('sanction_case as c')
    .select(['c.id', 'c.decided_on', 'c.percent'])
    .where('c.department_code', '=', departmentCode)
    .where('c.person_id', '=', personId)
    .where('c.status', '=', 'notified')
    .where('c.decision_kind', '=', 'sanction')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sas_enrolment as r')
            .select('r.id')
            .whereRef('r.case_id', '=', 'c.id')
            .where('r.status', '=', 'reinstated'),
        ),
      ),
    )
    .orderBy('c.decided_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .executeTakeFirst();
}
