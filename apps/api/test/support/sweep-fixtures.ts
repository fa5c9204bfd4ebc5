import type { Role } from '@parcours/contracts';
import type { RunningApp } from '../../src/app';
import { DEMO_PASSWORD } from '../../src/demo/load-demo';
import { createAccount } from '../../src/modules/access/application/accounts';
import { nirKey } from '../../src/modules/beneficiaries/domain/nir';
import { hashPassword } from '../../src/platform/auth/passwords';
import { seedSweepAids } from './aid-fixtures';
import { seedSweepDocuments } from './document-fixtures';
import { seedSweepEp } from './ep-fixtures';
import { type Client, loggedIn } from './harness';
import { daysAgo, fixtureLines, importLines, personIdOf } from './orientation-fixtures';
import { seedSweepReferrals } from './referral-fixtures';
import { seedSweepSanctionLetters } from './sanction-letter-fixtures';

/**
 * The world of the authorization sweep: persons whose every personal field holds a marker, each
 * in the scope of some accounts and out of the scope of others, and the records (diagnoses,
 * orientations, letters, appointments, medical records, duplicates…) hanging from them.
 */

/** Kinds of personal data the policy table speaks of. */
export const dataKinds = [
  'identity',
  'nir',
  'address',
  'contact',
  'diagnosis',
  'medical',
  'letter',
  /** Documents attached to the file (title, file name, content). */
  'document',
  /** Rows of another département (accounts, structures, templates…): nobody here may see them. */
  'foreign',
] as const;
export type DataKind = (typeof dataKinds)[number];

/** in, str: pôle Marseille 2/3 (different structures); hub, twin: pôle Aix-Gardanne; dep, dep2: département 84. */
export const personKeys = ['in', 'str', 'hub', 'twin', 'dep', 'dep2'] as const;
/** mp: the person of the medical workflow test run before the sweep, in pôle Marseille 2/3. */
export type PersonKey = (typeof personKeys)[number] | 'mp';

export interface Marker {
  kind: DataKind;
  /** Whose data it is (none for département-level rows of département 84). */
  person: PersonKey | null;
  /** Searched in the lower-cased text of an answer, and in its digits when it is a number. */
  value: string;
  digits?: boolean;
}

export interface SweepAccount {
  email: string;
  role: Role;
  /** The persons this account may open (its scope), as the fixtures build it. */
  scope: PersonKey[];
}

/** Every role, in and out of scope. The scope column is the expected one, not read from the code. */
export const sweepAccounts: SweepAccount[] = [
  { email: 'admin@parcours.test', role: 'administrator', scope: ['in', 'str', 'hub', 'twin', 'mp'] },
  { email: 'orientation@parcours.test', role: 'orientation_advisor', scope: ['in', 'str', 'mp'] },
  { email: 'orientation.aix@parcours.test', role: 'orientation_advisor', scope: ['hub', 'twin'] },
  { email: 'referent@parcours.test', role: 'referent', scope: ['in'] },
  { email: 'referent.autre@parcours.test', role: 'referent', scope: ['str'] },
  { email: 'responsable@parcours.test', role: 'structure_manager', scope: ['in'] },
  { email: 'responsable.autre@parcours.test', role: 'structure_manager', scope: ['str'] },
  { email: 'operateur@parcours.test', role: 'operator', scope: ['in'] },
  { email: 'operateur.autre@parcours.test', role: 'operator', scope: ['str'] },
  { email: 'ep@parcours.test', role: 'ep_secretariat', scope: ['in', 'str', 'mp'] },
  { email: 'ep.aix@parcours.test', role: 'ep_secretariat', scope: ['hub', 'twin'] },
  { email: 'medical@parcours.test', role: 'medical_team', scope: ['in', 'str', 'mp'] },
  { email: 'medical.aix@parcours.test', role: 'medical_team', scope: ['hub', 'twin'] },
  { email: 'aides@parcours.test', role: 'aids_manager', scope: ['in', 'str', 'hub', 'twin', 'mp'] },
  { email: 'pilotage@parcours.test', role: 'steering', scope: [] },
  { email: 'beneficiaire@parcours.test', role: 'beneficiary', scope: ['in'] },
  { email: 'beneficiaire.autre@parcours.test', role: 'beneficiary', scope: ['str'] },
];

/** A valid 13-character NIR (born 09/1978) with a distinctive order number. */
function nirOf(order: string, dept = '13', commune = '203'): string {
  const nir13 = `27809${dept}${commune}${order}`;
  if (!(nirKey(nir13) > 0)) throw new Error('bad NIR');
  return nir13;
}

const nirs: Record<(typeof personKeys)[number], string> = {
  in: nirOf('771'),
  str: nirOf('772', '13', '202'),
  hub: nirOf('773', '13', '001'),
  twin: nirOf('774', '13', '001'),
  dep: nirOf('775', '84', '007'),
  dep2: nirOf('776', '84', '007'),
};
const phones: Record<(typeof personKeys)[number], string> = {
  in: '0699771001',
  str: '0699771002',
  hub: '0699771003',
  twin: '0699771004',
  dep: '0699771005',
  dep2: '0699771006',
};

/** Letters-only words: names go through normalisation (search dictionary) and letters print them in capitals. */
const m = (kind: string, p: string) => `zq${kind}${p}q`;

export function markersOf(p: (typeof personKeys)[number]): Marker[] {
  return [
    { kind: 'identity', person: p, value: m('birth', p) },
    { kind: 'identity', person: p, value: m('usual', p) },
    { kind: 'identity', person: p, value: m('first', p) },
    { kind: 'identity', person: p, value: m('second', p) },
    { kind: 'identity', person: p, value: m('birthplace', p) },
    // The CAF file number of the household.
    { kind: 'identity', person: p, value: `sw-h-${p}` },
    { kind: 'nir', person: p, value: nirs[p], digits: true },
    { kind: 'address', person: p, value: m('addr', p) },
    { kind: 'address', person: p, value: m('lieudit', p) },
    { kind: 'contact', person: p, value: m('mail', p) },
    // The 9 last digits: found as 06…, +336… or with spaces.
    { kind: 'contact', person: p, value: phones[p].slice(1), digits: true },
    { kind: 'diagnosis', person: p, value: m('diag', p) },
    { kind: 'diagnosis', person: p, value: m('reason', p) },
    { kind: 'medical', person: p, value: m('med', p) },
    { kind: 'letter', person: p, value: m('letter', p) },
    { kind: 'document', person: p, value: m('doc', p) },
  ];
}

export const foreignMarkers: Marker[] = ['acct84', 'hub84', 'commune84', 'struct84', 'tpl84', 'job84'].map(
  (k) => ({ kind: 'foreign' as const, person: null, value: m(k, '') }),
);

export const allMarkers: Marker[] = [...personKeys.flatMap(markersOf), ...foreignMarkers];

export interface SweepWorld {
  persons: Record<PersonKey, string>;
  /** Records by person (absent when the person has none). */
  appointments: Partial<Record<PersonKey, string>>;
  orientations: Partial<Record<PersonKey, string>>;
  diagnoses: Partial<Record<PersonKey, string>>;
  referrals: Partial<Record<PersonKey, string>>;
  letters: Partial<Record<PersonKey, string>>;
  /** A document on the file, its title, name and content marked (in, str, hub; dep in SQL). */
  documents: Partial<Record<PersonKey, string>>;
  /** A contract of engagement in force, version 1 signed (in, str, hub; dep in département 84). */
  contracts: Partial<Record<PersonKey, string>>;
  /** Individual aids (in ordered, str requested, hub validated; dep ordered, département 84) and their orders. */
  aids: Partial<Record<PersonKey, string>>;
  aidOrders: { own: string; dep: string };
  /** A PMSMP convention awaiting signatures (in, str, hub; dep in département 84). */
  immersions: Partial<Record<PersonKey, string>>;
  /** Fiches de liaison (issue 12): in → Tremplin's action, str → Atelier's, dep in 84. */
  offerReferrals: Partial<Record<PersonKey, string>>;
  offerActions: { tremplin: string; atelier: string };
  /** Duplicate pairs: in+str (Marseille 2/3), hub+twin (Aix), dep+dep2 (84). */
  duplicates: { m23: string; aix: string; dep: string };
  slots: { m23: string; aix: string; dep: string };
  messageBatches: { m23: string; aix: string };
  hubs: { m23: string; aix: string; dep: string };
  structures: { mdsM23: string; lieuM23: string; mdsAix: string; dep: string };
  accounts: Record<string, string>;
  foreignAccount: string;
  templates: { own: string; dep: string };
  jobs: { own: string; dep: string };
  ftBatch: string;
  fluxRun: string;
  foreignCommune: string;
}

async function hubId(app: RunningApp, code: string) {
  return (
    await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', code)
      .where('department_code', '=', '13')
      .executeTakeFirstOrThrow()
  ).id;
}

async function structureId(app: RunningApp, name: string) {
  return (
    await app.ctx.db.selectFrom('structure').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  ).id;
}

function expectStatus(res: { status: number; text: string }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
}

/** Writes a marker in every personal field of a person (names, NIR, address, contacts). */
async function markIdentity(app: RunningApp, key: (typeof personKeys)[number], personId: string) {
  const db = app.ctx.db;
  const p = await db
    .updateTable('person')
    .set({
      birth_name: m('birth', key),
      usual_name: m('usual', key),
      first_name: m('first', key),
      first_name2: m('second', key),
      birth_place: m('birthplace', key),
      nir: nirs[key],
    })
    .where('id', '=', personId)
    .returning(['household_id', 'department_code'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('household')
    .set({
      street_number: '7',
      street_type: 'RUE',
      street_name: m('addr', key).toUpperCase(),
      locality: m('lieudit', key).toUpperCase(),
      postal_code: key.startsWith('dep') ? '84000' : key === 'hub' || key === 'twin' ? '13100' : '13003',
      commune_name: key.startsWith('dep') ? 'AVIGNON' : key === 'hub' || key === 'twin' ? 'AIX' : 'MARSEILLE',
    })
    .where('id', '=', p.household_id!)
    .execute();
  for (const [kind, value] of [
    ['email', `${m('mail', key)}@exemple.test`],
    ['phone', phones[key]],
  ] as const) {
    await db
      .insertInto('contact')
      .values({
        department_code: p.department_code,
        household_id: p.household_id!,
        kind,
        value,
        consent: 'A',
        source: 'test',
      })
      .execute();
  }
}

async function newAccount(
  app: RunningApp,
  email: string,
  role: Role,
  scope: { hubId?: string; structureId?: string },
) {
  // Another test of the same app may have made it already.
  const existing = await app.ctx.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (existing) return existing.id;
  const a = await createAccount(
    app.ctx,
    null,
    {
      email,
      displayName: `Compte ${email.split('@')[0]}`,
      role,
      hubId: scope.hubId ?? null,
      structureId: scope.structureId ?? null,
      password: DEMO_PASSWORD,
    },
    null,
  );
  return a.id;
}

/** A referent of a structure who follows the person (the operator's scope). */
async function follow(app: RunningApp, structure: string, personId: string, name: string) {
  const db = app.ctx.db;
  const r = await db
    .insertInto('referent')
    .values({
      department_code: '13',
      structure_id: structure,
      account_id: null,
      last_name: name,
      first_name: 'Référent',
      active_from: daysAgo(30),
      active_to: null,
      external_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('referent_assignment')
    .values({
      department_code: '13',
      person_id: personId,
      referent_id: r.id,
      from_date: daysAgo(5),
      to_date: null,
      source: 'parcours',
    })
    .execute();
}

/** Département 84, its pôle, commune, structure, account, template, job and two persons. */
async function seedOtherDepartment(app: RunningApp) {
  const db = app.ctx.db;
  await db.insertInto('department').values({ code: '84', name: 'Vaucluse' }).execute();
  const hub = await db
    .insertInto('insertion_hub')
    .values({ department_code: '84', code: 'avignon', name: m('hub84', '') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('commune')
    .values({
      department_code: '84',
      insee_code: '84007',
      name: m('commune84', ''),
      postal_codes: ['84000'],
      hub_id: hub.id,
    })
    .execute();
  const structure = await db
    .insertInto('structure')
    .values({
      department_code: '84',
      kind: 'mds',
      name: m('struct84', ''),
      hub_id: hub.id,
      commune_code: '84007',
      address: null,
      email: null,
      phone: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('account')
    .values({
      department_code: '84',
      email: 'conseiller@vaucluse.test',
      display_name: m('acct84', ''),
      role: 'orientation_advisor',
      hub_id: hub.id,
      password_hash: await hashPassword(DEMO_PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const template = await db
    .insertInto('message_template')
    .values({
      department_code: '84',
      code: 'orientation_convocation',
      channel: 'letter',
      subject: null,
      body: `Bonjour ${m('tpl84', '')}`,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const job = await db
    .insertInto('job')
    .values({
      department_code: '84',
      queue: 'sweep.foreign',
      payload: JSON.stringify({ note: m('job84', '') }),
      status: 'failed',
      last_error: m('job84', ''),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const persons: string[] = [];
  for (const key of ['dep', 'dep2'] as const) {
    const household = await db
      .insertInto('household')
      .values({
        department_code: '84',
        organism: 'CAF',
        claim_number: `sw-h-${key}`,
        commune_code: '84007',
        rights_status: '2',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await db
      .insertInto('person')
      .values({
        department_code: '84',
        birth_name: 'x',
        first_name: 'x',
        birth_date: '1978-09-09',
        sex: 'F',
        household_id: household.id,
        household_role: 'DEM',
        rights_open: true,
        subject_to_duties: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await markIdentity(app, key, person.id);
    persons.push(person.id);
  }
  const dup = await db
    .insertInto('duplicate_suspect')
    .values({
      department_code: '84',
      person_id: [...persons].sort()[0]!,
      other_person_id: [...persons].sort()[1]!,
      reason: 'same_identity_different_nir',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const slot = await db
    .insertInto('agenda_slot')
    .values({
      department_code: '84',
      hub_id: hub.id,
      structure_id: null,
      advisor_account_id: account.id,
      kind: 'individual',
      purpose: 'orientation',
      starts_at: new Date(Date.now() + 5 * 86_400_000),
      ends_at: new Date(Date.now() + 5 * 86_400_000 + 3_600_000),
      place: 'Avignon',
      capacity: 1,
      cancel_reason: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    hub: hub.id,
    structure: structure.id,
    account: account.id,
    template: template.id,
    job: job.id,
    dep: persons[0]!,
    dep2: persons[1]!,
    duplicate: dup.id,
    slot: slot.id,
  };
}

/** Builds the world through the application's own doors where they exist (API), else in SQL. */
export async function seedSweep(app: RunningApp): Promise<SweepWorld> {
  const db = app.ctx.db;
  const rights = [{ date: daysAgo(12), status: 'open' as const, subjectToDuties: true }];
  await importLines(
    app,
    fixtureLines('sw-', [
      {
        key: 'h-in',
        commune: '13203',
        members: [{ key: 'in', role: 'DEM', birthDate: '1978-09-09' }],
        rights,
      },
      {
        key: 'h-str',
        commune: '13202',
        members: [{ key: 'str', role: 'DEM', birthDate: '1978-09-09' }],
        rights,
      },
      {
        key: 'h-hub',
        commune: '13001',
        members: [{ key: 'hub', role: 'DEM', birthDate: '1978-09-09' }],
        rights,
      },
      {
        key: 'h-twin',
        commune: '13001',
        members: [{ key: 'twin', role: 'DEM', birthDate: '1978-09-09' }],
        rights,
      },
    ]),
    'sweep.ndjson',
  );
  const persons = {} as Record<PersonKey, string>;
  for (const key of ['in', 'str', 'hub', 'twin'] as const) {
    persons[key] = await personIdOf(app, `sw-${key}`);
    await markIdentity(app, key, persons[key]);
  }
  const foreign = await seedOtherDepartment(app);
  persons.dep = foreign.dep;
  persons.dep2 = foreign.dep2;

  const hubs = {
    m23: await hubId(app, 'marseille-2-3'),
    aix: await hubId(app, 'aix-gardanne'),
    dep: foreign.hub,
  };
  const structures = {
    mdsM23: await structureId(app, 'MDS Marseille 2/3'),
    lieuM23: await structureId(app, "Lieu d'accueil Marseille 2/3"),
    mdsAix: await structureId(app, 'MDS Aix-Gardanne'),
    dep: foreign.structure,
  };
  const tremplin = await structureId(app, 'Association Tremplin Provence');
  const atelier = await structureId(app, 'Atelier Remobilisation Sud');

  const accounts: Record<string, string> = {};
  accounts['orientation.aix@parcours.test'] = await newAccount(
    app,
    'orientation.aix@parcours.test',
    'orientation_advisor',
    { hubId: hubs.aix },
  );
  accounts['ep.aix@parcours.test'] = await newAccount(app, 'ep.aix@parcours.test', 'ep_secretariat', {
    hubId: hubs.aix,
  });
  accounts['medical.aix@parcours.test'] = await newAccount(app, 'medical.aix@parcours.test', 'medical_team', {
    hubId: hubs.aix,
  });
  accounts['referent.autre@parcours.test'] = await newAccount(
    app,
    'referent.autre@parcours.test',
    'referent',
    {
      structureId: structures.lieuM23,
    },
  );
  accounts['responsable.autre@parcours.test'] = await newAccount(
    app,
    'responsable.autre@parcours.test',
    'structure_manager',
    { structureId: structures.lieuM23 },
  );
  accounts['operateur.autre@parcours.test'] = await newAccount(
    app,
    'operateur.autre@parcours.test',
    'operator',
    {
      structureId: atelier,
    },
  );
  await db
    .insertInto('account')
    .values({
      department_code: '13',
      email: 'beneficiaire.autre@parcours.test',
      display_name: 'Autre Bénéficiaire',
      role: 'beneficiary',
      person_id: persons.str,
      password_hash: await hashPassword(DEMO_PASSWORD),
    })
    .execute();
  await db
    .updateTable('account')
    .set({ person_id: persons.in })
    .where('email', '=', 'beneficiaire@parcours.test')
    .execute();
  for (const a of await db.selectFrom('account').select(['id', 'email']).execute()) accounts[a.email] = a.id;

  await follow(app, tremplin, persons.in, 'Tremplin');
  await follow(app, atelier, persons.str, 'Atelier');
  const offer = await seedSweepReferrals(app, persons, { tremplin, atelier, dep: structures.dep });

  const advisor = await loggedIn(app, 'orientation@parcours.test');
  const advisorAix = await loggedIn(app, 'orientation.aix@parcours.test');
  const medical = await loggedIn(app, 'medical@parcours.test');
  const medicalAix = await loggedIn(app, 'medical.aix@parcours.test');
  const admin = await loggedIn(app, 'admin@parcours.test');

  // Slots: one of each pôle, a few days ahead, so the convocations book them.
  const slotOf = async (c: Client, place: string) => {
    const res = await c.post('/api/agenda/slots', {
      kind: 'individual',
      purpose: 'orientation',
      date: daysAgo(-6),
      // Before the demo agenda's first slot of the day.
      startTime: '08:00',
      durationMinutes: 30,
      place,
      weeks: 1,
    });
    expectStatus(res, 201, 'slot');
    return res.body.items[0].id as string;
  };
  const slots = {
    m23: await slotOf(advisor, 'Pôle Marseille 2/3, salle du balayage'),
    aix: await slotOf(advisorAix, 'Pôle Aix-Gardanne, salle du balayage'),
    dep: foreign.slot,
  };

  // Convocations (letters, e-mails, SMS and the appointment), before the decisions take them out of the queue.
  const convoke = async (c: Client, ids: string[], slotId: string) => {
    const batchIds: string[] = [];
    for (const id of ids) {
      const res = await c.post('/api/orientation/convocations', { personIds: [id], slotId });
      if (res.status !== 201) {
        // An individual slot takes one person: the next ones take the pôle's next free slots.
        const next = await c.post('/api/orientation/convocations', {
          personIds: [id],
          nextIndividualSlots: true,
        });
        expectStatus(next, 201, 'convocation');
        batchIds.push(next.body.batchId);
      } else batchIds.push(res.body.batchId);
    }
    return batchIds;
  };
  const [m23Batch] = await convoke(advisor, [persons.in, persons.str], slots.m23);
  const [aixBatch] = await convoke(advisorAix, [persons.hub], slots.aix);

  const diagnose = async (c: Client, key: PersonKey) => {
    const res = await c.post(`/api/persons/${persons[key]}/diagnoses`, {
      diagnosedOn: daysAgo(1),
      employmentSituation: 'unavailable',
      experience: `Expérience ${m('diag', key)}`,
      project: `Projet ${m('diag', key)}`,
      comments: `Commentaires ${m('diag', key)}`,
      obstacles: [{ themeId: 'sante', severity: 'severe', comment: `Santé ${m('diag', key)}` }],
    });
    expectStatus(res, 201, `diagnosis ${key}`);
    return res.body.id as string;
  };
  const diagnoses = {
    in: await diagnose(advisor, 'in'),
    str: await diagnose(advisor, 'str'),
    hub: await diagnose(advisorAix, 'hub'),
  };

  const decide = async (c: Client, key: PersonKey, structure: string) => {
    const res = await c.post(`/api/persons/${persons[key]}/orientations`, {
      pathway: 'social',
      structureId: structure,
      decidedOn: daysAgo(0),
      overrideReason: `Choix ${m('diag', key)}`,
    });
    expectStatus(res, 201, `decision ${key}`);
    return res.body.orientation.id as string;
  };
  const orientations = {
    in: await decide(advisor, 'in', structures.mdsM23),
    str: await decide(advisor, 'str', structures.lieuM23),
    hub: await decide(advisorAix, 'hub', structures.mdsAix),
  };

  const refer = async (c: Client, med: Client, key: PersonKey) => {
    const res = await c.post(`/api/persons/${persons[key]}/medical-referrals`, {
      reason: `Avis ${m('reason', key)}`,
    });
    expectStatus(res, 201, `referral ${key}`);
    const id = res.body.referralId as string;
    const rec = await med.post(`/api/medical/referrals/${id}/records`, {
      kind: 'diagnosis',
      body: `Diagnostic médical ${m('med', key)}`,
    });
    expectStatus(rec, 201, `medical record ${key}`);
    return id;
  };
  const referrals = {
    in: await refer(advisor, medical, 'in'),
    str: await refer(advisor, medical, 'str'),
    hub: await refer(advisorAix, medicalAix, 'hub'),
  };
  const inReferral = await medical.get(`/api/medical/referrals/${referrals.in}`);
  expectStatus(
    await medical.post(`/api/medical/referrals/${referrals.in}/recommendation`, {
      compatibleActions: `Ateliers ${m('diag', 'in')}`,
      carePathwayAdvised: true,
      recommendation: `Reprise ${m('diag', 'in')}`,
      version: inReferral.body.version,
    }),
    200,
    'recommendation',
  );

  // Letter contents: what was composed for each person gets its own marker.
  for (const key of ['in', 'str', 'hub'] as const) {
    const rows = await db
      .selectFrom('message')
      .select(['id', 'body'])
      .where('person_id', '=', persons[key])
      .execute();
    if (!rows.some((r) => r.body.length > 0)) throw new Error(`no message for ${key}`);
    for (const r of rows) {
      await db
        .updateTable('message')
        .set({ body: `${r.body}\n${m('letter', key)}` })
        .where('id', '=', r.id)
        .execute();
    }
  }
  const letterOf = async (key: PersonKey) =>
    (
      await db
        .selectFrom('message')
        .select('id')
        .where('person_id', '=', persons[key])
        .where('channel', '=', 'letter')
        .where('kind', '=', 'decision')
        .executeTakeFirstOrThrow()
    ).id;
  const appointmentOf = async (key: PersonKey) =>
    (
      await db
        .selectFrom('appointment')
        .select('id')
        .where('person_id', '=', persons[key])
        .executeTakeFirstOrThrow()
    ).id;

  const dup = async (a: string, b: string) =>
    (
      await db
        .insertInto('duplicate_suspect')
        .values({
          department_code: '13',
          person_id: a < b ? a : b,
          other_person_id: a < b ? b : a,
          reason: 'same_identity_different_nir',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  // France Travail: the three entrants are to register; the administrator makes the batch.
  for (const key of ['in', 'str', 'hub'] as const) {
    const spell = await db
      .selectFrom('entry_spell')
      .select('id')
      .where('person_id', '=', persons[key])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('ft_registration')
      .values({
        department_code: '13',
        person_id: persons[key],
        entry_spell_id: spell.id,
        batch_id: null,
        state: 'pending',
        ft_identifier: null,
        reason: null,
      })
      .execute();
  }
  const ftBatch = await admin.post('/api/france-travail/batches');
  expectStatus(ftBatch, 201, 'FT batch');

  const fluxRun = await db
    .insertInto('flux_run')
    .values({
      department_code: '13',
      file_name: 'balayage.xml',
      format: 'xml',
      content_hash: 'sweep',
      size_bytes: 1,
      application: null,
      nat_flux: null,
      type_flux: null,
      flux_created_on: daysAgo(3),
      flux_created_time: null,
      status: 'applied',
      report: JSON.stringify({}),
      actor_account_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ownTemplate = await db
    .selectFrom('message_template')
    .select('id')
    .where('department_code', '=', '13')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const ownJob = await db
    .insertInto('job')
    .values({ department_code: '13', queue: 'sweep.own', payload: JSON.stringify({}), status: 'failed' })
    .returning('id')
    .executeTakeFirstOrThrow();

  await seedSweepEp(app, persons, hubs);
  await seedSweepSanctionLetters(app, persons);
  return {
    persons,
    appointments: {
      in: await appointmentOf('in'),
      str: await appointmentOf('str'),
      hub: await appointmentOf('hub'),
    },
    orientations,
    diagnoses,
    referrals,
    letters: { in: await letterOf('in'), str: await letterOf('str'), hub: await letterOf('hub') },
    duplicates: {
      m23: await dup(persons.in, persons.str),
      aix: await dup(persons.hub, persons.twin),
      dep: foreign.duplicate,
    },
    slots,
    messageBatches: { m23: m23Batch!, aix: aixBatch! },
    hubs,
    structures,
    accounts,
    foreignAccount: foreign.account,
    templates: { own: ownTemplate.id, dep: foreign.template },
    jobs: { own: ownJob.id, dep: foreign.job },
    ftBatch: ftBatch.body.id,
    fluxRun: fluxRun.id,
    documents: await seedSweepDocuments(app, admin, persons, (key) => m('doc', key)),
    contracts: await seedContracts(app, persons),
    ...(await seedSweepAids(app, persons)),
    immersions: await seedImmersions(app, persons, structures),
    foreignCommune: '84007',
    offerReferrals: offer.referrals,
    offerActions: offer.actions,
  };
}

/** PMSMP conventions written in SQL, awaiting signatures (their workflow is tested in immersions.int). */
async function seedImmersions(
  app: RunningApp,
  persons: Record<PersonKey, string>,
  structures: { mdsM23: string; dep: string },
) {
  const immersions: Partial<Record<PersonKey, string>> = {};
  for (const key of ['in', 'str', 'hub', 'dep'] as const) {
    const row = await app.ctx.db
      .insertInto('immersion')
      .values({
        department_code: key === 'dep' ? '84' : '13',
        person_id: persons[key],
        structure_id: key === 'dep' ? structures.dep : structures.mdsM23,
        created_by: null,
        contract_id: null,
        renewal_of: null,
        status: 'awaiting_signatures',
        host_name: 'Accueil balayage',
        host_siret: '73282932000074',
        host_address: '1 place du Balayage',
        tutor_name: 'Tuteur Balayage',
        tutor_function: 'Chef d’équipe',
        tutor_email: 'tuteur@balayage.test',
        tutor_phone: '0491000000',
        objective: 'discover',
        rome_code: 'D1102',
        job_label: 'Boulanger',
        start_date: '2099-01-05',
        end_date: '2099-01-09',
        schedule: JSON.stringify([{ day: 1, start: '09:00', end: '12:00' }]),
        weekly_hours: 3,
        place: 'Fournil',
        tasks: 'Découverte',
        risks: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    immersions[key] = row.id;
  }
  return immersions;
}

/** Contracts of engagement written in SQL (their workflow is tested in contracts.int). */
async function seedContracts(app: RunningApp, persons: Record<PersonKey, string>) {
  const contracts: Partial<Record<PersonKey, string>> = {};
  for (const key of ['in', 'str', 'hub', 'dep'] as const) {
    const dep = key === 'dep' ? '84' : '13';
    const contract = await app.ctx.db
      .insertInto('engagement_contract')
      .values({
        department_code: dep,
        person_id: persons[key],
        signed_on: '2026-01-05',
        start_date: '2026-01-05',
        end_date: '2099-07-04',
        weekly_hours: 15,
        hours_regime: 'standard',
        source: 'parcours',
        status: 'in_force',
        in_force_version_no: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await app.ctx.db
      .insertInto('engagement_contract_version')
      .values({
        department_code: dep,
        contract_id: contract.id,
        number: 1,
        status: 'signed',
        content: JSON.stringify({
          startDate: '2026-01-05',
          endDate: '2099-07-04',
          bodyCommitments: 'Un rendez-vous par mois.',
          personCommitments: 'Suivre le plan.',
          hoursRegime: 'standard',
          reducedReason: null,
          exemptionGround: null,
          childUnder12Statement: false,
        }),
        content_hash: '0'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto('contract_plan_step')
      .values({
        department_code: dep,
        contract_id: contract.id,
        version_id: version.id,
        position: 1,
        objective_id: 'choisir_un_metier.confirmer_son_choix_de_metier',
        kind: 'training',
        label: 'Formation',
        weekly_hours: 15,
        start_date: '2026-01-05',
        end_date: '2026-03-01',
      })
      .execute();
    contracts[key] = contract.id;
  }
  return contracts;
}
