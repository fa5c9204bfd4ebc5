import {
  type HalfDay,
  halfDayHours,
  personNameOfRow,
  rolePermissions,
  roleScopeKind,
  roles,
  type SasSession,
  sasSessionInputSchema,
} from '@parcours/contracts';
import { sql, type Transaction } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { parisInstant } from '../../accompaniment';
import { personScope } from '../../beneficiaries';
import { planSasMeetings, plusDays } from '../domain/sas';
import {
  enrolmentQuery,
  inSessionScope,
  meetingsOf,
  sessionQuery,
  sessionScope,
  toEnrolments,
  toMeeting,
  toSessionSummary,
} from '../infra/sas-repo';
import { sanctionPracticeOn } from './sanction-rules';

/** Roles that keep an agenda: the animator of a session is one of them. */
const agendaRoles = roles.filter((r) => rolePermissions[r].includes('agenda.manage'));
const frenchDay = (d: string) => d.split('-').reverse().join('/');

/** The instants of a half-day meeting (Paris wall-clock hours). */
export function meetingInstants(date: string, halfDay: HalfDay) {
  const startsAt = parisInstant(date, halfDayHours[halfDay].start);
  const endsAt = parisInstant(date, halfDayHours[halfDay].end);
  if (!startsAt || !endsAt) throw invalid('date', 'Date invalide.');
  return { startsAt, endsAt };
}

/** A session of the actor's scope: 404 outside the département, 403 outside the pôle or structure. */
export async function sessionInScope(db: Db, actor: RequestActor, id: string, lock = false) {
  let q = db.selectFrom('sas_session').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.where('department_code', '=', actor.departmentCode).executeTakeFirst();
  if (!row) throw notFound('Session du SAS');
  if (!inSessionScope(actor, roleScopeKind[actor.role], row))
    throw forbidden('Cette session du SAS ne relève pas de votre pôle ou de votre structure.');
  return row;
}

/** The sessions of the actor's scope, latest first (no person listed: counts only). */
export async function listSasSessions(ctx: AppContext, actor: RequestActor) {
  const rows = await sessionQuery(ctx.db)
    .where(sessionScope(actor, roleScopeKind[actor.role]))
    .orderBy('ss.start_date', 'desc')
    .orderBy('ss.id')
    .limit(500)
    .execute();
  return { items: rows.map(toSessionSummary) };
}

/** A session with its meetings and its enrolments: a list of persons, audited as one read. */
export async function getSasSession(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<SasSession> {
  await sessionInScope(ctx.db, actor, id);
  const now = new Date();
  const row = await sessionQuery(ctx.db).where('ss.id', '=', id).executeTakeFirstOrThrow();
  const [meetings, enrolmentRows] = await Promise.all([
    meetingsOf(ctx.db, [id]),
    enrolmentQuery(ctx.db).where('e.session_id', '=', id).orderBy('e.created_at').execute(),
  ]);
  const personIds = [...new Set(enrolmentRows.map((e) => e.person_id))];
  const persons = personIds.length
    ? await ctx.db
        .selectFrom('person as p')
        .select(['p.id', 'p.first_name', 'p.birth_name', 'p.usual_name', 'p.birth_date'])
        .where('p.id', 'in', personIds)
        .where(personScope(actor))
        .execute()
    : [];
  const visible = new Map(persons.map((p) => [p.id, p]));
  await recordPersonList(ctx, actor, request, 'sanctions.sas', { sessionId: id }, visible.keys());
  const shown = enrolmentRows.filter((e) => visible.has(e.person_id));
  const enrolments = await toEnrolments(ctx.db, shown, now);
  return {
    ...toSessionSummary(row),
    meetings: meetings.map((m) => toMeeting(m, now)),
    enrolments: enrolments.map((e) => {
      const p = visible.get(e.personId)!;
      return {
        ...e,
        personName: personNameOfRow(p),
        personBirthDate: p.birth_date ? String(p.birth_date).slice(0, 10) : null,
      };
    }),
    hiddenEnrolments: enrolmentRows.length - shown.length,
  };
}

/** Refuses when a meeting overlaps an open slot of the animator's agenda (other than its own). */
export async function assertAnimatorFree(
  trx: Transaction<Database>,
  animator: { id: string; display_name: string },
  meetings: { date: string; startsAt: Date; endsAt: Date }[],
  ownSlotId: string | null = null,
) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`agenda:advisor:${animator.id}`}))`.execute(trx);
  const first = meetings[0]!.startsAt;
  const last = meetings[meetings.length - 1]!.endsAt;
  let q = trx
    .selectFrom('agenda_slot')
    .select(['id', 'starts_at', 'ends_at', 'place'])
    .where('advisor_account_id', '=', animator.id)
    .where('status', '=', 'open')
    .where('starts_at', '<', last)
    .where('ends_at', '>', first);
  if (ownSlotId) q = q.where('id', '<>', ownSlotId);
  const existing = await q.execute();
  for (const m of meetings) {
    const clash = existing.find(
      (e) =>
        new Date(e.starts_at).getTime() < m.endsAt.getTime() &&
        new Date(e.ends_at).getTime() > m.startsAt.getTime(),
    );
    if (clash)
      throw conflict(
        `La séance du ${frenchDay(m.date)} chevauche un créneau de l’agenda de ${animator.display_name} (${clash.place}). Rien n’a été enregistré.`,
      );
  }
}

/**
 * Creates a session: its weeks and half-days a week are the département's practice in force on
 * its first day (4 × 3), its meetings are dated from the weekly pattern and each one is a
 * collective slot on the animator's agenda.
 */
export async function createSasSession(
  ctx: AppContext,
  actor: RequestActor,
  input: unknown,
  request: RequestInfo,
): Promise<SasSession> {
  const b = sasSessionInputSchema.parse(input);
  const kind = roleScopeKind[actor.role];
  let hubId: string;
  let structureId: string | null = null;
  if (kind === 'department') {
    if (!b.hubId) throw invalid('hubId', 'Choisissez le pôle de la session.');
    hubId = b.hubId;
  } else if (kind === 'hub' && actor.hubId) {
    if (b.hubId && b.hubId !== actor.hubId) throw invalid('hubId', 'Une session se crée dans votre pôle.');
    hubId = actor.hubId;
  } else if (kind === 'structure' && actor.structureId) {
    const st = await ctx.db
      .selectFrom('structure')
      .select('hub_id')
      .where('id', '=', actor.structureId)
      .executeTakeFirst();
    if (!st?.hub_id) throw forbidden('Votre structure n’est rattachée à aucun pôle.');
    if (b.hubId && b.hubId !== st.hub_id)
      throw invalid('hubId', 'Une session se crée dans le pôle de votre structure.');
    hubId = st.hub_id;
    structureId = actor.structureId;
  } else throw forbidden('Les sessions se créent depuis un compte de pôle, de structure ou du département.');
  const hub = await ctx.db
    .selectFrom('insertion_hub')
    .select('id')
    .where('id', '=', hubId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!hub) throw invalid('hubId', 'Pôle inconnu.');

  const today = parisToday();
  if (b.startDate < plusDays(today, -366))
    throw invalid('startDate', 'Une session ne peut commencer plus d’un an avant aujourd’hui.');
  const practice = await sanctionPracticeOn(ctx.db, actor.departmentCode, b.startDate);
  const plan = planSasMeetings({
    startDate: b.startDate,
    weeks: practice.sasWeeks,
    halfDaysPerWeek: practice.sasHalfDaysPerWeek,
    pattern: b.pattern,
  });
  if (!plan.ok) throw invalid(plan.path, plan.message);
  const meetings = plan.meetings.map((m) => ({ ...m, ...meetingInstants(m.date, m.halfDay) }));

  const animator = await ctx.db
    .selectFrom('account')
    .select(['id', 'display_name', 'hub_id', 'structure_id', 'role', 'active'])
    .where('id', '=', b.animatorAccountId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  const sameTeam = structureId ? animator?.structure_id === structureId : animator?.hub_id === hubId;
  if (!animator?.active || !(agendaRoles as string[]).includes(animator.role) || !sameTeam)
    throw invalid(
      'animatorAccountId',
      structureId
        ? 'Choisissez l’animateur parmi les agents de votre structure.'
        : 'Choisissez l’animateur parmi les conseillers du pôle.',
    );

  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await assertAnimatorFree(trx, animator, meetings);
    const session = await trx
      .insertInto('sas_session')
      .values({
        department_code: actor.departmentCode,
        hub_id: hubId,
        structure_id: structureId,
        animator_account_id: animator.id,
        label: b.label,
        start_date: b.startDate,
        weeks: practice.sasWeeks,
        half_days_per_week: practice.sasHalfDaysPerWeek,
        place: b.place,
        capacity: b.capacity,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The meetings on the animator's agenda: collective slots of the pôle (or of the structure).
    const slots = await trx
      .insertInto('agenda_slot')
      .values(
        meetings.map((m) => ({
          department_code: actor.departmentCode,
          hub_id: structureId ? null : hubId,
          structure_id: structureId,
          advisor_account_id: animator.id,
          kind: 'collective',
          purpose: 'other',
          starts_at: m.startsAt,
          ends_at: m.endsAt,
          place: `${b.place} — SAS de rétablissement`.slice(0, 300),
          capacity: b.capacity,
          created_by: actor.accountId,
        })),
      )
      .returning(['id', 'starts_at'])
      .execute();
    await trx
      .insertInto('sas_meeting')
      .values(
        meetings.map((m, i) => ({
          department_code: actor.departmentCode,
          session_id: session.id,
          position: m.position,
          week: m.week,
          on_date: m.date,
          half_day: m.halfDay,
          starts_at: m.startsAt,
          ends_at: m.endsAt,
          slot_id: slots[i]!.id,
        })),
      )
      .execute();
    await audit({
      action: 'sas.session_created',
      targetType: 'sas_session',
      targetId: session.id,
      details: {
        hubId,
        structureId,
        animatorAccountId: animator.id,
        startDate: b.startDate,
        meetings: meetings.length,
        capacity: b.capacity,
        slotIds: slots.map((s) => s.id),
      },
    });
    return session.id;
  });
  return getSasSession(ctx, actor, id, request);
}
