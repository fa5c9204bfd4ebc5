import {
  type HouseholdType,
  type OrientationQueue,
  type OrientationQueueQuery,
  orientationQueueQuerySchema,
  type QueueCounters,
  type QueueEntry,
  type QueueStage,
} from '@parcours/contracts';
import { type SqlBool, sql } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { personScope, personSummaryQuery, toPersonSummary } from '../../beneficiaries';
import { orientationDeadlines } from '../domain/delays';
import { loadOrientationDelayRules } from './queue-delay-rules';

export { parisToday };

type Filters = ReturnType<typeof orientationQueueQuerySchema.parse>;

/** Pôle agents see their own pôle only; administrators may pick one or see the whole département. */
async function resolveHub(ctx: AppContext, actor: RequestActor, hubId: string | undefined) {
  let id: string | null = hubId ?? null;
  if (actor.hubId) {
    if (hubId && hubId !== actor.hubId)
      throw forbidden('Vous ne voyez que la file de votre pôle d’insertion.');
    id = actor.hubId;
  } else if (actor.role !== 'administrator') {
    throw forbidden('La file d’orientation est celle d’un pôle d’insertion.');
  }
  if (!id) return null;
  const hub = await ctx.db
    .selectFrom('insertion_hub')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!hub) throw forbidden('Pôle d’insertion inconnu.');
  return hub;
}

function stageOf(lastStatus: string | null): QueueStage {
  switch (lastStatus) {
    case 'planned':
      return 'convened';
    case 'noshow':
      return 'absent';
    case 'seen':
      return 'seen';
    default:
      // None yet, or excused: the person is to be convened (again).
      return 'to_convene';
  }
}

function householdTypeOf(couple: boolean, minors: number): HouseholdType {
  if (couple) return minors > 0 ? 'couple_with_children' : 'couple';
  return minors > 0 ? 'single_parent' : 'isolated';
}

/**
 * New entrants subject to rights and duties, rights open, whose latest entry is not oriented yet:
 * oldest first, with their deadlines under the rule in force at their entry date.
 */
async function loadQueue(
  ctx: AppContext,
  actor: RequestActor,
  f: Filters,
  hubId: string | null,
  today: string,
) {
  const rows = await personSummaryQuery(ctx.db)
    .innerJoin('entry_spell as e', 'e.person_id', 'p.id')
    .select((eb) => [
      'e.id as entry_spell_id',
      'e.entry_date',
      sql<number>`date_part('year', age(${today}::date, p.birth_date))::int`.as('age'),
      sql<boolean>`(h.street_name IS NOT NULL OR h.locality IS NOT NULL) AND h.commune_code IS NOT NULL`.as(
        'has_address',
      ),
      eb
        .exists(
          eb.selectFrom('contact as ct').select('ct.kind').whereRef('ct.household_id', '=', 'p.household_id'),
        )
        .as('has_contact'),
      sql<number>`(SELECT count(*)::int FROM household_member m JOIN person mp ON mp.id = m.person_id
        WHERE m.household_id = p.household_id AND m.to_date IS NULL AND m.role IN ('DEM', 'CJT'))`.as(
        'adults',
      ),
      sql<number>`(SELECT count(*)::int FROM household_member m JOIN person mp ON mp.id = m.person_id
        WHERE m.household_id = p.household_id AND m.to_date IS NULL AND m.role = 'ENF'
          AND mp.birth_date > (${today}::date - interval '18 years'))`.as('minors'),
      sql<{
        id: string;
        status: string;
        starts_at: string | null;
        on_date: string;
        place: string | null;
      } | null>`(SELECT json_build_object('id', a.id, 'status', a.status, 'starts_at', a.starts_at,
          'on_date', a.on_date, 'place', a.place)
        FROM appointment a
        WHERE a.person_id = p.id AND a.purpose = 'orientation' AND a.on_date >= e.entry_date
          AND a.status NOT IN ('cancelled', 'rescheduled')
        ORDER BY coalesce(a.starts_at, a.on_date::timestamptz) DESC LIMIT 1)`.as('last_appointment'),
    ])
    .where('e.department_code', '=', actor.departmentCode)
    .where('e.oriented_on', 'is', null)
    .where('p.subject_to_duties', '=', true)
    .where('p.rights_open', '=', true)
    // A record linked as a duplicate of another is the same person: the survivor carries the pathway.
    .where('p.duplicate_of', 'is', null)
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM entry_spell e2 WHERE e2.person_id = e.person_id AND e2.entry_date > e.entry_date)`,
    )
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM orientation o WHERE o.person_id = p.id AND o.notified_on >= e.entry_date)`,
    )
    .where(personScope(actor))
    .$if(hubId !== null, (q) => q.where('c.hub_id', '=', hubId as string))
    .$if(f.commune !== undefined, (q) => q.where('h.commune_code', '=', f.commune as string))
    .$if(f.ageMin !== undefined, (q) =>
      q.where(sql<SqlBool>`p.birth_date <= (${today}::date - make_interval(years => ${f.ageMin as number}))`),
    )
    .$if(f.ageMax !== undefined, (q) =>
      q.where(
        sql<SqlBool>`p.birth_date > (${today}::date - make_interval(years => ${(f.ageMax as number) + 1}))`,
      ),
    )
    .orderBy('e.entry_date', 'asc')
    .orderBy('p.birth_name', 'asc')
    // Within a household, the claimant before the spouse.
    .orderBy(sql`CASE p.household_role WHEN 'DEM' THEN 0 WHEN 'CJT' THEN 1 ELSE 2 END`)
    .orderBy('p.first_name', 'asc')
    .orderBy('p.id', 'asc')
    .execute();

  const rules = await loadOrientationDelayRules(ctx.db, actor.departmentCode);
  return rows.map((r): QueueEntry => {
    const d = orientationDeadlines(String(r.entry_date), today, rules);
    const last = r.last_appointment;
    return {
      person: toPersonSummary(r, actor),
      entrySpellId: String(r.entry_spell_id),
      entryDate: String(r.entry_date),
      age: Number(r.age),
      householdType: householdTypeOf(Number(r.adults) >= 2, Number(r.minors)),
      minorChildren: Number(r.minors),
      targetDate: d.targetDate,
      legalDeadline: d.legalDeadline,
      daysLeftTarget: d.daysLeftTarget,
      daysLeftLegal: d.daysLeftLegal,
      stage: stageOf(last?.status ?? null),
      nextAppointment:
        last && last.status === 'planned'
          ? {
              id: last.id,
              startsAt: last.starts_at ? new Date(last.starts_at).toISOString() : null,
              onDate: String(last.on_date),
              place: last.place,
            }
          : null,
      hasAddress: Boolean(r.has_address),
      hasContact: Boolean(r.has_contact),
    };
  });
}

function countersOf(entries: QueueEntry[]): QueueCounters {
  return {
    total: entries.length,
    toConvene: entries.filter((e) => e.stage === 'to_convene').length,
    convened: entries.filter((e) => e.stage === 'convened').length,
    absent: entries.filter((e) => e.stage === 'absent').length,
    seen: entries.filter((e) => e.stage === 'seen').length,
    overdueTarget: entries.filter((e) => e.daysLeftTarget < 0).length,
    overdueLegal: entries.filter((e) => e.daysLeftLegal !== null && e.daysLeftLegal < 0).length,
  };
}

function narrow(entries: QueueEntry[], f: Filters): QueueEntry[] {
  return entries.filter(
    (e) =>
      (f.householdType === undefined || e.householdType === f.householdType) &&
      (f.convened === undefined || (e.stage === 'convened') === (f.convened === 'yes')) &&
      (f.stage === undefined || e.stage === f.stage) &&
      (f.overdue === undefined ||
        (f.overdue === 'target' ? e.daysLeftTarget < 0 : e.daysLeftLegal !== null && e.daysLeftLegal < 0)),
  );
}

/**
 * The queue as the screen shows it: counters over the population filters, then one page. The
 * persons of the page are a bulk read: recorded in the audit trail.
 */
export async function getOrientationQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: OrientationQueueQuery,
  request: RequestInfo,
  today = parisToday(),
): Promise<OrientationQueue> {
  const f = orientationQueueQuerySchema.parse(query);
  const hub = await resolveHub(ctx, actor, f.hubId);
  const all = await loadQueue(ctx, actor, f, hub?.id ?? null, today);
  const population = all.filter((e) => f.householdType === undefined || e.householdType === f.householdType);
  const matching = narrow(all, f);
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const entries = matching.slice((page - 1) * pageSize, page * pageSize);
  await recordPersonList(
    ctx,
    actor,
    request,
    'orientation.queue',
    { ...query, hubId: hub?.id ?? query.hubId },
    entries.map((e) => e.person.id),
  );
  return { hub, today, counters: countersOf(population), matching: matching.length, page, pageSize, entries };
}

/** Every row matching the filters (export). */
export async function listOrientationQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: OrientationQueueQuery,
  today = parisToday(),
) {
  const f = orientationQueueQuerySchema.parse(query);
  const hub = await resolveHub(ctx, actor, f.hubId);
  return { hub, today, entries: narrow(await loadQueue(ctx, actor, f, hub?.id ?? null, today), f) };
}
