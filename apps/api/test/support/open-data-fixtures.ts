import { Readable } from 'node:stream';
import { importHistory } from '../../src/modules/history/application/import-history';
import type { AppContext } from '../../src/platform/context';

/**
 * A small catalogue written straight into the tables of migration 0023 (actions, operators,
 * territories, sessions), plus a person referred to one of its sessions by a named agent: the
 * personal markers below must come out of no open-data file.
 */
export const PERSON_MARKERS = {
  firstName: 'Zorglubina',
  birthName: 'Quetzalexport',
  nir: '2840713055987',
  referralMessage: 'ZQREFERRALNOTE4412',
  agentName: 'Agent Zygomaticus',
  agentEmail: 'zygomaticus.opendata@parcours.test',
} as const;

export const FIXTURE_CODES = { full: 'OD-1', shared: 'OD-2', cancelled: 'OD-3', noOperator: 'OD-4' } as const;

export interface OpenDataFixture {
  operatorA: string;
  operatorB: string;
  operatorC: string;
  actions: Record<keyof typeof FIXTURE_CODES, string>;
  personId: string;
}

export async function seedOpenDataFixture(ctx: AppContext): Promise<OpenDataFixture> {
  const department = ctx.config.departmentCode;
  const db = ctx.db;
  const hub = await db
    .selectFrom('insertion_hub')
    .select('id')
    .where('department_code', '=', department)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const structure = (name: string, extra: object) =>
    db
      .insertInto('structure')
      .values({ department_code: department, kind: 'operator', name, ...extra })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const operatorA = await structure('Tremplin Données Ouvertes', {
    commune_code: '13203',
    address: '7 rue de l’Open Data',
    email: 'contact@tremplin.exemple.test',
    phone: '04 91 12 34 56',
    opening_hours: JSON.stringify({
      monday: [{ from: '09:00', to: '12:00' }],
      tuesday: [{ from: '09:00', to: '12:00' }],
      wednesday: [],
      thursday: [],
      friday: [{ from: '14:00', to: '17:00' }],
      saturday: [],
      sunday: [],
    }),
  });
  const operatorB = await structure('Atelier Coopératif Exemple', {});
  // Runs only an annulée action: not exported.
  const operatorC = await structure('Structure Sans Action Ouverte', {});

  const action = (code: string, values: object) =>
    db
      .insertInto('insertion_action')
      .values({
        department_code: department,
        code,
        title: `Action ouverte ${code}`,
        axis: 2,
        kind: 'socle',
        status: 'poursuivie',
        ...values,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const full = await action(FIXTURE_CODES.full, {
    title: 'Remobilisation par le sport et la culture',
    status: 'nouvelle',
    grouping: 'REMOBILISATION',
    objectives: 'Reprendre confiance et un rythme.',
    description: 'Ateliers collectifs de remobilisation.',
    public_description: 'Bénéficiaires du RSA éloignés de l’emploi',
    target_min_age: 25,
    target_max_age: 60,
    publics: ['beneficiaires-des-minimas-sociaux'],
    thematiques: ['remobilisation--activites-sportives-et-culturelles', 'remobilisation--lien-social'],
    service_type: 'atelier',
    weekly_hours: '15.5',
    weeks: 10,
    phases: JSON.stringify([{ label: 'Accueil', description: 'Entretien d’entrée', hours: 3 }]),
    starts_on: '2026-09-01',
    ends_on: '2026-12-31',
    updated_at: '2026-06-15T08:00:00Z',
  });
  const shared = await action(FIXTURE_CODES.shared, { updated_at: '2026-02-01T08:00:00Z' });
  const cancelled = await action(FIXTURE_CODES.cancelled, {
    status: 'annulee',
    title: 'Action annulée exemple',
  });
  const noOperator = await action(FIXTURE_CODES.noOperator, {
    kind: 'initiative_departementale',
    updated_at: '2026-04-01T22:30:00Z',
  });
  await db
    .insertInto('insertion_action_operator')
    .values([
      { department_code: department, action_id: full, structure_id: operatorA },
      { department_code: department, action_id: shared, structure_id: operatorA },
      { department_code: department, action_id: shared, structure_id: operatorB },
      { department_code: department, action_id: cancelled, structure_id: operatorC },
    ])
    .execute();
  await db
    .insertInto('insertion_action_territory')
    .values([
      { department_code: department, action_id: full, lot: 'Lot 1', commune_code: '13203' },
      { department_code: department, action_id: shared, lot: 'Lot 2', hub_id: hub.id },
    ])
    .execute();
  const [session] = await db
    .insertInto('action_session')
    .values([
      {
        department_code: department,
        action_id: full,
        label: 'Session de septembre',
        starts_on: '2026-09-01',
        ends_on: '2026-10-15',
        place: 'Gymnase municipal',
        commune_code: '13203',
        capacity: 12,
        weekly_hours: '15.5',
      },
      {
        department_code: department,
        action_id: full,
        label: 'Session annulée',
        starts_on: '2026-11-01',
        ends_on: '2026-11-30',
        capacity: 8,
        status: 'cancelled',
      },
    ])
    .returning('id')
    .execute();

  // A person and the agent who referred her: neither may appear in the open data.
  const text = `${[
    {
      kind: 'person',
      id: 'open-data-person',
      householdNumber: 'open-data-household',
      role: 'DEM',
      nir: PERSON_MARKERS.nir,
      birthName: PERSON_MARKERS.birthName,
      lastName: null,
      firstName: PERSON_MARKERS.firstName,
      birthDate: '1984-07-12',
      sex: 'F',
      commune: '13203',
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n')}\n`;
  const report = await importHistory(ctx, Readable.from([text]), {
    fileName: 'open-data.ndjson',
    actor: null,
  });
  if (report.status !== 'applied') throw new Error(`history import ${report.status}`);
  const person = await db
    .selectFrom('person')
    .select('id')
    .where('external_id', '=', 'open-data-person')
    .executeTakeFirstOrThrow();
  const agent = await db
    .insertInto('account')
    .values({
      department_code: department,
      email: PERSON_MARKERS.agentEmail,
      display_name: PERSON_MARKERS.agentName,
      role: 'referent',
      structure_id: operatorA,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('referral')
    .values({
      department_code: department,
      person_id: person.id,
      action_id: full,
      session_id: session!.id,
      status: 'accepted',
      referring_structure_id: operatorB,
      referred_by: agent.id,
      message: PERSON_MARKERS.referralMessage,
      sent_on: '2026-08-20',
    })
    .execute();
  return {
    operatorA,
    operatorB,
    operatorC,
    actions: { full, shared, cancelled, noOperator },
    personId: person.id,
  };
}

/** Every personal marker of the fixture, lower-cased, as searched in an export's text. */
export const personMarkers = (): string[] => Object.values(PERSON_MARKERS).map((m) => m.toLowerCase());
