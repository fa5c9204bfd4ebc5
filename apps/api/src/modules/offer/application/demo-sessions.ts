import type { Thematique } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { parisToday } from '../../../platform/time';
import { sessionPlaces } from '../infra/places-repo';

const day = (offset: number) => {
  const d = new Date(`${parisToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

interface DemoSession {
  label: string;
  from: number;
  to: number;
  commune: string;
  place: string;
  capacity: number;
  status?: 'cancelled';
  /** Places taken by demo persons (accepted referrals), when the demo has persons. */
  taken?: number;
}

interface DemoAction {
  code: string;
  operator: string;
  thematiques: Thematique[];
  serviceType: string;
  weeklyHours: number;
  weeks: number;
  sessions: DemoSession[];
}

/** Demo operators on two actions of the 2020 catalogue, with sessions dated from today. */
const demoActions: DemoAction[] = [
  {
    code: '3-4',
    operator: 'Association Tremplin Provence',
    thematiques: [
      'choisir-un-metier--identifier-ses-points-forts-et-ses-competences',
      'choisir-un-metier--confirmer-son-choix-de-metier',
      'preparer-sa-candidature--valoriser-ses-competences',
      'trouver-un-emploi--repondre-a-des-offres-demploi',
    ],
    serviceType: 'accompagnement',
    weeklyHours: 20,
    weeks: 14,
    sessions: [
      {
        label: 'Session Marseille 2/3 — à venir',
        from: 7,
        to: 105,
        commune: '13203',
        place: '21 boulevard Imaginaire, Marseille 3e',
        capacity: 12,
      },
      {
        label: 'Session Marseille 2e — en cours',
        from: -14,
        to: 84,
        commune: '13202',
        place: '40 quai Fictif, Marseille 2e',
        capacity: 1,
        taken: 1,
      },
      {
        label: 'Session Marseille 3e — passée',
        from: -130,
        to: -10,
        commune: '13203',
        place: '21 boulevard Imaginaire, Marseille 3e',
        capacity: 10,
      },
      {
        label: 'Session Marseille 3e — annulée',
        from: 30,
        to: 128,
        commune: '13203',
        place: '21 boulevard Imaginaire, Marseille 3e',
        capacity: 12,
        status: 'cancelled',
      },
    ],
  },
  {
    code: '3-5',
    operator: 'Atelier Remobilisation Sud',
    thematiques: [
      'remobilisation--bien-etre-confiance-en-soi',
      'remobilisation--lien-social',
      'remobilisation--activites-sportives-et-culturelles',
      'sante--acces-aux-soins',
    ],
    serviceType: 'atelier',
    weeklyHours: 7.5,
    weeks: 21,
    sessions: [
      {
        label: 'Ateliers AGIR Marseille 3e',
        from: 3,
        to: 150,
        commune: '13203',
        place: '7 impasse Synthétique, Marseille',
        capacity: 15,
      },
      {
        label: 'Ateliers AGIR Marseille 2e',
        from: -20,
        to: 130,
        commune: '13202',
        place: '40 quai Fictif, Marseille 2e',
        capacity: 10,
      },
    ],
  },
];

/**
 * Demo sessions and operators on a few actions of the catalogue (slice "catalogue"): the demo
 * operators run 3-4 (ACIADE) and 3-5 (AGIR), with thématiques, hours and sessions open, full,
 * finished and cancelled. Nothing when the 2020 catalogue is not loaded; safe to run twice.
 */
export async function loadDemoSessions(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  for (const demo of demoActions) {
    const action = await ctx.db
      .selectFrom('insertion_action')
      .selectAll()
      .where('department_code', '=', dep)
      .where('code', '=', demo.code)
      .executeTakeFirst();
    const operator = await ctx.db
      .selectFrom('structure')
      .select('id')
      .where('department_code', '=', dep)
      .where('name', '=', demo.operator)
      .executeTakeFirst();
    if (!action || !operator) continue;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('insertion_action_operator')
        .values({ department_code: dep, action_id: action.id, structure_id: operator.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .updateTable('insertion_action')
        .set({
          thematiques: action.thematiques.length ? action.thematiques : demo.thematiques,
          service_type: action.service_type ?? demo.serviceType,
          weekly_hours: action.weekly_hours ?? demo.weeklyHours,
          weeks: action.weeks ?? demo.weeks,
        })
        .where('id', '=', action.id)
        .execute();
      for (const s of demo.sessions) {
        const exists = await trx
          .selectFrom('action_session')
          .select('id')
          .where('action_id', '=', action.id)
          .where('label', '=', s.label)
          .executeTakeFirst();
        const sessionId =
          exists?.id ??
          (
            await trx
              .insertInto('action_session')
              .values({
                department_code: dep,
                action_id: action.id,
                label: s.label,
                starts_on: day(s.from),
                ends_on: day(s.to),
                place: s.place,
                commune_code: s.commune,
                capacity: s.capacity,
                weekly_hours: demo.weeklyHours,
                status: s.status ?? 'planned',
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        if (s.taken)
          await fillDemoPlaces(trx, dep, action.id, sessionId, s.taken, day(s.from - 7), demo.weeklyHours);
      }
    });
  }
}

/**
 * The full session's places, taken by demo persons (accepted referrals) once the demo has persons:
 * `loadDemoSessions` runs again after the demo persons are loaded (or at the next start).
 */
async function fillDemoPlaces(
  trx: Transaction<Database>,
  dep: string,
  actionId: string,
  sessionId: string,
  taken: number,
  sentOn: string,
  weeklyHours: number,
) {
  const held = await sessionPlaces(trx, [sessionId]);
  const missing = taken - (held.get(sessionId) ?? 0);
  if (missing <= 0) return;
  const persons = await trx
    .selectFrom('person')
    .select('id')
    .where('department_code', '=', dep)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('referral as r')
            .select('r.id')
            .whereRef('r.person_id', '=', 'person.id')
            .where('r.session_id', '=', sessionId),
        ),
      ),
    )
    .orderBy('id')
    .limit(missing)
    .execute();
  for (const p of persons)
    await trx
      .insertInto('referral')
      .values({
        department_code: dep,
        person_id: p.id,
        action_id: actionId,
        session_id: sessionId,
        status: 'accepted',
        sent_on: sentOn,
        answered_at: new Date(),
        message: 'Orientation de démonstration.',
        weekly_hours: weeklyHours,
      })
      .execute();
}
