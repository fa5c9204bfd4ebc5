import type { RunningApp } from '../../src/app';
import { addCalendarDays } from '../../src/modules/accompaniment/domain/agenda';
import { parisToday } from '../../src/platform/time';
import { structureIdOf } from './orientation-fixtures';

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  body?: unknown;
  expect?: number[];
};

/** A valid convention's content (Mon–Fri 9:00–12:00, 13:00–17:00, five days from `start`). */
export function immersionContent(start: string) {
  return {
    host: {
      name: 'Accueil hostile',
      siret: '73282932000074',
      address: '1 rue du Test, 13003 Marseille',
      tutorName: 'Tuteur Test',
      tutorFunction: 'Chef d’équipe',
      tutorEmail: 'tuteur@hostile.test',
      tutorPhone: '0491000000',
    },
    objective: 'discover',
    romeCode: 'D1102',
    jobLabel: 'Boulanger',
    startDate: start,
    endDate: addCalendarDays(start, 4),
    schedule: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: '09:00', end: '12:00' },
      { day, start: '13:00', end: '17:00' },
    ]),
    place: 'Fournil',
    tasks: 'Découverte du métier',
    risks: null,
    contractId: null,
  };
}

/**
 * The hostile-input walker's base requests for the immersions routes (each valid, so that only the
 * hostile variants are refused): conventions of `personId` (in the référent's scope) in SQL, in
 * the status each route needs.
 */
export async function hostileImmersionFixtures(
  app: RunningApp,
  personId: string,
  accounts: { referent: string },
): Promise<Record<string, HostileFixture>> {
  const today = parisToday();
  const structure = await structureIdOf(app, 'MDS Marseille 2/3');
  const seed = async (status: string) =>
    (
      await app.ctx.db
        .insertInto('immersion')
        .values({
          department_code: '13',
          person_id: personId,
          structure_id: structure,
          created_by: null,
          contract_id: null,
          renewal_of: null,
          status,
          host_name: 'Accueil hostile',
          host_siret: '73282932000074',
          host_address: '1 rue du Test',
          tutor_name: 'Tuteur Test',
          tutor_function: 'Chef',
          tutor_email: 'tuteur@hostile.test',
          tutor_phone: '0491000000',
          objective: 'discover',
          rome_code: 'D1102',
          job_label: 'Boulanger',
          start_date: today,
          end_date: addCalendarDays(today, 4),
          schedule: JSON.stringify(immersionContent(today).schedule),
          weekly_hours: 35,
          place: 'Fournil',
          tasks: 'Découverte',
          risks: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const [draft, toCancel, awaiting, awaitingLink, validated, ended] = [
    await seed('draft'),
    await seed('draft'),
    await seed('awaiting_signatures'),
    await seed('awaiting_signatures'),
    await seed('validated'),
    await seed('ended'),
  ];
  const as = accounts.referent;
  const content = immersionContent(today);
  return {
    'GET /api/persons/:id/immersions': { as, params: { id: personId } },
    'POST /api/persons/:id/immersions': { as, params: { id: personId }, body: content, expect: [201] },
    'GET /api/immersions/:immersionId': { as, params: { immersionId: draft } },
    'GET /api/immersions/:immersionId/pdf': { as, params: { immersionId: draft } },
    // Version 1 the first time; later valid variants meet a newer version (409).
    'PUT /api/immersions/:immersionId': {
      as,
      params: { immersionId: draft },
      body: { version: 1, content },
      expect: [200, 409],
    },
    'POST /api/immersions/:immersionId/transition': {
      as,
      params: { immersionId: toCancel },
      body: { to: 'cancelled', version: 1, reason: 'Essai' },
      expect: [200, 409],
    },
    'POST /api/immersions/:immersionId/signatures': {
      as,
      params: { immersionId: awaiting },
      body: { party: 'person', signerName: 'Essai', version: 1 },
      expect: [200, 409],
    },
    'POST /api/immersions/:immersionId/signature-links': {
      as,
      params: { immersionId: awaitingLink },
      body: { party: 'host', email: 'tuteur@hostile.test', version: 1 },
      expect: [202, 409],
    },
    'POST /api/immersions/:immersionId/renewal': {
      as,
      params: { immersionId: validated },
      body: { version: 1, startDate: addCalendarDays(today, 10), endDate: addCalendarDays(today, 12) },
      expect: [201, 409],
    },
    'POST /api/immersions/:immersionId/assessment': {
      as,
      params: { immersionId: ended },
      body: { version: 1, outcome: 'completed', jobOffer: false },
      expect: [200, 409],
    },
    'POST /api/immersion-limits': {
      body: {
        effectiveFrom: addCalendarDays(today, 400),
        maxCalendarDays: 30,
        maxWeeklyHours: 48,
        source: 'Essai hostile',
      },
      expect: [201, 409],
    },
    // Public: an unknown link is refused after validation.
    'POST /api/public/immersion-signature': { as: null, body: { token: 'b'.repeat(43) }, expect: [400] },
    'POST /api/public/immersion-signature/sign': {
      as: null,
      body: { token: 'b'.repeat(43), signerName: 'Essai' },
      expect: [400],
    },
  };
}
