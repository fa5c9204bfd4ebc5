import type { Role, StructureKind } from '@parcours/contracts';
import { createAccount } from '../modules/access/application/accounts';
import { loadDemoAgenda } from '../modules/accompaniment/application/demo-agenda';
import { createStructure } from '../modules/territory/application/territory';
import type { AppContext } from '../platform/context';

/** Password of every demo account (documented in the README; demo data is synthetic). */
export const DEMO_PASSWORD = 'Parcours-demo-2026';

export const demoAccounts: {
  email: string;
  displayName: string;
  role: Role;
  hub?: string;
  structure?: string;
}[] = [
  { email: 'admin@parcours.test', displayName: 'Camille Administratrice', role: 'administrator' },
  {
    email: 'orientation@parcours.test',
    displayName: 'Karim Orientation',
    role: 'orientation_advisor',
    hub: 'marseille-2-3',
  },
  {
    email: 'referent@parcours.test',
    displayName: 'Sophie Référente',
    role: 'referent',
    structure: 'MDS Marseille 2/3',
  },
  {
    email: 'responsable@parcours.test',
    displayName: 'Martine Responsable',
    role: 'structure_manager',
    structure: 'MDS Marseille 2/3',
  },
  {
    email: 'operateur@parcours.test',
    displayName: 'Julien Opérateur',
    role: 'operator',
    structure: 'Association Tremplin Provence',
  },
  {
    email: 'ep@parcours.test',
    displayName: 'Nadia Secrétariat EP',
    role: 'ep_secretariat',
    hub: 'marseille-2-3',
  },
  {
    email: 'medical@parcours.test',
    displayName: 'Dr Élise Médecin',
    role: 'medical_team',
    hub: 'marseille-2-3',
  },
  { email: 'aides@parcours.test', displayName: 'Thomas Aides', role: 'aids_manager' },
  { email: 'pilotage@parcours.test', displayName: 'Inès Pilotage', role: 'steering' },
];

type DemoStructure = {
  kind: StructureKind;
  name: string;
  hub: string | null;
  commune: string | null;
  /** Street of the synthetic address; the letters add the commune's postal code and name. */
  address?: string;
  phone?: string;
  email?: string;
};

function demoStructures(hubs: { code: string; name: string; commune: string | null }[]): DemoStructure[] {
  const list: DemoStructure[] = [];
  for (const [i, hub] of hubs.entries()) {
    // The pôle's own office: its address, phone and e-mail go on the convocation letters.
    list.push({
      kind: 'insertion_hub_office',
      name: `Pôle d'insertion ${hub.name} — accueil`,
      hub: hub.code,
      commune: hub.commune,
      address: `${10 + i} rue de la Démonstration`,
      phone: `04 91 00 10 ${String(10 + i).padStart(2, '0')}`,
      email: `pole.${hub.code}@exemple.test`,
    });
    list.push({ kind: 'mds', name: `MDS ${hub.name}`, hub: hub.code, commune: null });
    list.push({ kind: 'lieu_accueil', name: `Lieu d'accueil ${hub.name}`, hub: hub.code, commune: null });
    list.push({
      kind: 'medical_team',
      name: `Équipe médicale du pôle ${hub.name}`,
      hub: hub.code,
      commune: null,
    });
  }
  list.push(
    {
      kind: 'plie',
      name: 'PLIE Marseille Provence',
      hub: null,
      commune: '13202',
      address: '12 rue de l’Exemple',
    },
    {
      kind: 'mission_locale',
      name: 'Mission locale de Marseille',
      hub: null,
      commune: '13201',
      address: '3 place de la Démonstration',
    },
    {
      kind: 'france_travail',
      name: 'France Travail Marseille Joliette',
      hub: 'marseille-2-3',
      commune: '13202',
      address: '40 quai Fictif',
    },
    { kind: 'cap_emploi', name: 'Cap emploi 13', hub: null, commune: '13208', address: '8 avenue Modèle' },
    {
      kind: 'ccas',
      name: "CCAS d'Arles",
      hub: 'arles-salon-berre',
      commune: '13004',
      address: '5 rue Témoin',
    },
    {
      kind: 'operator',
      name: 'Association Tremplin Provence',
      hub: null,
      commune: '13203',
      address: '21 boulevard Imaginaire',
    },
    {
      kind: 'operator',
      name: 'Atelier Remobilisation Sud',
      hub: null,
      commune: '13001',
      address: '7 impasse Synthétique',
    },
  );
  return list;
}

/** Demo structures and one account per role. Safe to run twice: what exists is kept. */
export async function loadDemo(ctx: AppContext): Promise<{ structures: number; accounts: number }> {
  const dep = ctx.config.departmentCode;
  const hubs = await ctx.db
    .selectFrom('insertion_hub as h')
    .select((eb) => [
      'h.id',
      'h.code',
      'h.name',
      eb
        .selectFrom('commune as c')
        .select((c) => c.fn.min('c.insee_code').as('insee'))
        .whereRef('c.hub_id', '=', 'h.id')
        .whereRef('c.department_code', '=', 'h.department_code')
        .as('commune'),
    ])
    .where('h.department_code', '=', dep)
    .execute();
  const hubId = (code: string | null | undefined) =>
    code ? (hubs.find((h) => h.code === code)?.id ?? null) : null;
  let structures = 0;
  for (const s of demoStructures(hubs)) {
    const exists = await ctx.db
      .selectFrom('structure')
      .select('id')
      .where('department_code', '=', dep)
      .where('kind', '=', s.kind)
      .where('name', '=', s.name)
      .executeTakeFirst();
    if (exists) continue;
    await createStructure(
      ctx,
      null,
      {
        kind: s.kind,
        name: s.name,
        hubId: hubId(s.hub),
        communeCode: s.commune,
        address: s.address ?? null,
        email: s.email ?? null,
        phone: s.phone ?? null,
        active: true,
      },
      null,
    );
    structures++;
  }
  let accounts = 0;
  for (const a of demoAccounts) {
    const exists = await ctx.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', a.email)
      .executeTakeFirst();
    if (exists) continue;
    const structure = a.structure
      ? await ctx.db
          .selectFrom('structure')
          .select('id')
          .where('department_code', '=', dep)
          .where('name', '=', a.structure)
          .executeTakeFirstOrThrow()
      : null;
    await createAccount(
      ctx,
      null,
      {
        email: a.email,
        displayName: a.displayName,
        role: a.role,
        hubId: hubId(a.hub),
        structureId: structure?.id ?? null,
        password: DEMO_PASSWORD,
      },
      null,
    );
    accounts++;
  }
  // The beneficiary's scope is their own file: attached to a demo person when there are some.
  const beneficiary = await ctx.db
    .selectFrom('account')
    .select('id')
    .where('email', '=', 'beneficiaire@parcours.test')
    .executeTakeFirst();
  if (!beneficiary) {
    const { hashPassword } = await import('../platform/auth/passwords');
    await ctx.db
      .insertInto('account')
      .values({
        department_code: dep,
        email: 'beneficiaire@parcours.test',
        display_name: 'Léa Bénéficiaire',
        role: 'beneficiary',
        person_id: null,
        password_hash: await hashPassword(DEMO_PASSWORD),
      })
      .execute();
    accounts++;
  }
  await loadDemoAgenda(ctx);
  // The insertion offer: the 2020 catalogue, its operators and sessions (issue 12).
  const { loadDemoOffer } = await import('../modules/offer/application/demo-offer');
  await loadDemoOffer(ctx);
  // The convention's indicator table with the seed's values (issue 13); edits are kept.
  const { importConventionTable } = await import('../modules/steering');
  await importConventionTable(ctx, ctx.config.departmentCode);
  return { structures, accounts };
}

/**
 * A living demo: a synthetic département's history (≈ `persons` persons over 24 months) imported as a
 * previous system's records would be, once, when no person exists yet.
 */
export async function loadDemoPersons(ctx: AppContext, persons: number): Promise<number> {
  if (persons <= 0) return 0;
  const any = await ctx.db.selectFrom('person').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const { PassThrough } = await import('node:stream');
  const { generateDemo } = await import('./generate');
  const { importHistory } = await import('../modules/history/application/import-history');
  const stream = new PassThrough();
  const writing = generateDemo({ persons, seed: 13, out: { historyNdjson: stream } }).then(() =>
    stream.end(),
  );
  const report = await importHistory(ctx, stream, { fileName: 'demo.ndjson', actor: null });
  await writing;
  if (report.status !== 'applied') throw new Error(`Démonstration : reprise refusée (${report.status})`);
  const person = await ctx.db
    .selectFrom('person')
    .select('id')
    .where('household_role', '=', 'DEM')
    .where('rights_open', '=', true)
    .orderBy('birth_name')
    .limit(1)
    .executeTakeFirst();
  if (person) {
    await ctx.db
      .updateTable('account')
      .set({ person_id: person.id })
      .where('email', '=', 'beneficiaire@parcours.test')
      .execute();
  }
  // Portfolios of the MDS Marseille 2/3 (référent, manager, synthetic référents, an over-cap case).
  const { loadDemoPortfolios } = await import('../modules/accompaniment/application/demo-assignment');
  await loadDemoPortfolios(ctx);
  // A document on the demo beneficiary's file (documents section, beneficiary space).
  const { loadDemoDocuments } = await import('../modules/beneficiaries/application/demo-documents');
  await loadDemoDocuments(ctx);
  // Envelopes of individual aids for the current year, per kind and pôle (issue 12).
  const { loadDemoAids } = await import('../modules/aids');
  await loadDemoAids(ctx);
  // Now that persons exist, the demo's full session gets its taken place (idempotent).
  const { loadDemoSessions } = await import('../modules/offer/application/demo-sessions');
  await loadDemoSessions(ctx);
  return persons;
}
