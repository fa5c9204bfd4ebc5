import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import {
  loadDiagnosticReferential,
  readReferentialFile,
} from '../src/modules/orientation/application/referential';
import { orientationDeadlines } from '../src/modules/orientation/domain/delays';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  RawClient,
  structureIdOf,
} from './support/orientation-fixtures';

const P = 'or-';
const today = daysAgo(0);
const entry = daysAgo(10);
const yearsAgo = (n: number, days = 0) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - n);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};
const open = [{ date: entry, status: 'open' as const, subjectToDuties: true }];

const households = fixtureLines(P, [
  { key: 'h-iso', members: [{ key: 'iso', role: 'DEM', birthDate: '1980-04-02' }], rights: open },
  {
    key: 'h-fam',
    members: [
      { key: 'fam', role: 'DEM', birthDate: '1985-01-01' },
      { key: 'fam-cjt', role: 'CJT', birthDate: '1986-01-01', sex: 'M' },
      { key: 'fam-e1', role: 'ENF', birthDate: yearsAgo(10) },
      { key: 'fam-e2', role: 'ENF', birthDate: yearsAgo(25) },
    ],
    rights: open,
  },
  {
    key: 'h-cpl',
    members: [
      { key: 'cpl', role: 'DEM', birthDate: '1970-01-01' },
      { key: 'cpl-cjt', role: 'CJT', birthDate: '1971-01-01', sex: 'M' },
      { key: 'cpl-e1', role: 'ENF', birthDate: yearsAgo(18) },
    ],
    rights: open,
  },
  { key: 'h-young', members: [{ key: 'young', role: 'DEM', birthDate: yearsAgo(22) }], rights: open },
  { key: 'h-health', members: [{ key: 'health', role: 'DEM', birthDate: '1975-06-30' }], rights: open },
  { key: 'h-reor', members: [{ key: 'reor', role: 'DEM', birthDate: '1982-02-02' }], rights: open },
  {
    key: 'h-nosub',
    members: [{ key: 'nosub', role: 'DEM', birthDate: '1982-02-02' }],
    rights: [{ date: entry, status: 'open', subjectToDuties: false }],
  },
  {
    key: 'h-closed',
    members: [{ key: 'closed', role: 'DEM', birthDate: '1982-02-02' }],
    rights: [
      { date: daysAgo(60), status: 'open', subjectToDuties: true },
      { date: daysAgo(5), status: 'closed', subjectToDuties: true },
    ],
  },
  {
    key: 'h-aix',
    commune: '13001',
    members: [{ key: 'aix', role: 'DEM', birthDate: '1982-02-02' }],
    rights: open,
  },
]);

const severe = (themeId: string, situationId: string | null = null) => ({
  themeId,
  situationId,
  severity: 'severe' as const,
});

describe.each(engines)('orientation (%s)', (engine) => {
  let app: RunningApp;
  let advisor: Client;
  const keys = ['iso', 'fam', 'cpl', 'young', 'health', 'reor', 'nosub', 'closed', 'aix'] as const;
  const id = {} as Record<(typeof keys)[number], string>;
  let structures: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(app, households);
    for (const k of keys) id[k] = await personIdOf(app, `${P}${k}`);
    // A postal address: the notification letter goes there.
    await app.ctx.db
      .updateTable('household')
      .set({
        street_number: '12',
        street_type: 'rue',
        street_name: 'de la République',
        postal_code: '13002',
        commune_name: 'Marseille',
      })
      .where('claim_number', '=', `${P}h-iso`)
      .execute();
    structures = {
      ft: await structureIdOf(app, 'France Travail Marseille Joliette'),
      mds: await structureIdOf(app, 'MDS Marseille 2/3'),
      lieu: await structureIdOf(app, "Lieu d'accueil Marseille 2/3"),
      medical: await structureIdOf(app, 'Équipe médicale du pôle Marseille 2/3'),
      plie: await structureIdOf(app, 'PLIE Marseille Provence'),
      ml: await structureIdOf(app, 'Mission locale de Marseille'),
    };
    advisor = await loggedIn(app, 'orientation@parcours.test');
  });

  const count = async (
    table: 'orientation' | 'timeline_event' | 'diagnosis' | 'medical_referral',
    personId: string,
  ) =>
    Number(
      (
        await app.ctx.db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('diagnostic referential', () => {
    it('is loaded at start with the themes’ ids and stable, derived situation ids', async () => {
      const res = await advisor.get('/api/reference/diagnostic');
      expect(res.status).toBe(200);
      expect(res.body.version).toBe('1');
      expect(res.body.themes).toHaveLength(16);
      const all = res.body.themes.flatMap((t: { situations: unknown[] }) => t.situations);
      expect(all).toHaveLength(88);
      const logement = res.body.themes.find((t: { id: string }) => t.id === 'logement');
      expect(logement.label).toBe('Logement');
      expect(logement.situations.map((s: { id: string }) => s.id)).toContain(
        'logement.heberge_chez_un_tiers',
      );
      // The same label in two themes is two situations.
      const ids = all.map((s: { id: string }) => s.id);
      expect(ids).toContain('emploi.pret_a_suivre_une_formation');
      expect(ids).toContain('formation.pret_a_suivre_une_formation');
      expect(new Set(ids).size).toBe(88);
      // Objectives (action plans of contracts) per theme, ids derived the same way.
      const objectives = res.body.themes.flatMap((t: { objectives: { id: string }[] }) => t.objectives);
      expect(objectives).toHaveLength(58);
      expect(objectives.map((o: { id: string }) => o.id)).toContain(
        'choisir_un_metier.confirmer_son_choix_de_metier',
      );
    });

    it('reloads a changed file by adding and deactivating, never deleting; ids stay the same', async () => {
      const original = readReferentialFile();
      const before = await app.ctx.db.selectFrom('diagnostic_situation').select(['id', 'label']).execute();
      const same = await loadDiagnosticReferential(app.ctx, '13', original);
      expect(same.changed).toBe(false);

      const data = structuredClone(original.data);
      // Typography only: same id, new label.
      const tiers = data.situations.find((s) => s.label === 'Hébergé chez un tiers')!;
      tiers.label = 'Hébergé  chez un Tiers';
      // Reworded: a new situation, the old one deactivated.
      const insalubre = data.situations.find((s) => s.label === 'Logement insalubre')!;
      insalubre.label = 'Logement indigne ou insalubre';
      data.situations.push({ theme: 'mobilite', label: 'Permis de conduire suspendu' });
      data.themes = data.themes.filter((t) => t.id !== 's_ouvrir_a_l_international');
      data.objectives = data.objectives?.filter((o) => o.theme !== 's_ouvrir_a_l_international');
      const changed = await loadDiagnosticReferential(app.ctx, '13', {
        content: JSON.stringify(data),
        data,
      });
      expect(changed).toMatchObject({
        version: '2',
        changed: true,
        themes: { added: 0, deactivated: 1 },
        situations: { added: 2, deactivated: 1 },
        objectives: { added: 0, deactivated: 3 },
      });
      const rows = await app.ctx.db
        .selectFrom('diagnostic_situation')
        .select(['id', 'label', 'active'])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(rows.length).toBe(before.length + 2);
      expect(byId.get('logement.heberge_chez_un_tiers')).toMatchObject({
        label: 'Hébergé  chez un Tiers',
        active: true,
      });
      expect(byId.get('logement.logement_insalubre')?.active).toBe(false);
      expect(byId.get('logement.logement_indigne_ou_insalubre')?.active).toBe(true);
      const theme = await app.ctx.db
        .selectFrom('diagnostic_theme')
        .select('active')
        .where('id', '=', 's_ouvrir_a_l_international')
        .executeTakeFirstOrThrow();
      expect(theme.active).toBe(false);

      // A deactivated situation cannot be chosen for a new diagnosis.
      const refused = await advisor.post(`/api/persons/${id.iso}/diagnoses`, {
        diagnosedOn: today,
        employmentSituation: 'job_seeker',
        obstacles: [{ themeId: 'logement', situationId: 'logement.logement_insalubre', severity: 'light' }],
      });
      expect(refused.status).toBe(400);

      // Back to the shipped file: everything active again, ids unchanged.
      const back = await loadDiagnosticReferential(app.ctx, '13', original);
      expect(back).toMatchObject({ version: '3', changed: true });
      const after = await app.ctx.db
        .selectFrom('diagnostic_situation')
        .select(['id', 'label', 'active'])
        .where('active', '=', true)
        .execute();
      const byIdOrder = (a: string[], b: string[]) => (a[0]! < b[0]! ? -1 : 1);
      expect(after.map((r) => [r.id, r.label]).sort(byIdOrder)).toEqual(
        before.map((r) => [r.id, r.label]).sort(byIdOrder),
      );
      const versions = await app.ctx.db.selectFrom('diagnostic_referential').select('version').execute();
      expect(versions.map((v) => v.version).sort()).toEqual(['1', '2', '3']);
    });
  });

  describe('diagnosis', () => {
    it('creates a new version each time and keeps the previous ones as they were', async () => {
      const first = await advisor.post(`/api/persons/${id.cpl}/diagnoses`, {
        diagnosedOn: daysAgo(3),
        employmentSituation: 'long_term_unemployed',
        qualificationLevel: 'cap_bep',
        experience: 'Dix ans en logistique',
        project: 'Cariste',
        obstacles: [
          { themeId: 'mobilite', severity: 'moderate', comment: 'Pas de véhicule' },
          { themeId: 'logement', situationId: 'logement.heberge_chez_un_tiers', severity: 'light' },
        ],
        comments: 'Premier entretien',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        versionNo: 1,
        employmentSituationLabel: 'Sans emploi depuis plus d’un an',
        qualificationLevelLabel: 'CAP / BEP',
        authorName: 'Karim Orientation',
      });
      expect(first.body.obstacles).toEqual([
        expect.objectContaining({
          themeId: 'logement',
          themeLabel: 'Logement',
          situationLabel: 'Hébergé chez un tiers',
          severity: 'light',
        }),
        expect.objectContaining({ themeId: 'mobilite', severity: 'moderate', comment: 'Pas de véhicule' }),
      ]);
      const second = await advisor.post(`/api/persons/${id.cpl}/diagnoses`, {
        diagnosedOn: daysAgo(1),
        employmentSituation: 'job_seeker',
        obstacles: [severe('logement', 'logement.sans_hebergement_rupture_effective_de_logement')],
      });
      expect(second.status).toBe(201);
      expect(second.body.versionNo).toBe(2);

      const list = await advisor.get(`/api/persons/${id.cpl}/diagnoses`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { versionNo: number }) => d.versionNo)).toEqual([2, 1]);
      expect(list.body.items[1]).toEqual(first.body);

      const events = await app.ctx.db
        .selectFrom('timeline_event')
        .select(['type', 'data'])
        .where('person_id', '=', id.cpl)
        .where('type', '=', 'diagnosis')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.data)).toEqual([
        { diagnosisId: first.body.id, versionNo: 1 },
        { diagnosisId: second.body.id, versionNo: 2 },
      ]);
      const audit = await app.ctx.db
        .selectFrom('audit_event')
        .select(['action', 'reason'])
        .where('person_id', '=', id.cpl)
        .where('action', 'in', ['diagnosis.created', 'person.read'])
        .execute();
      expect(audit.filter((a) => a.action === 'diagnosis.created')).toHaveLength(2);
      expect(audit).toContainEqual({ action: 'person.read', reason: 'diagnostic socio-professionnel' });
    });

    it('refuses unknown themes and situations, or a situation of another theme, and records nothing', async () => {
      const before = await count('diagnosis', id.iso);
      const post = (obstacles: unknown[]) =>
        advisor.post(`/api/persons/${id.iso}/diagnoses`, {
          diagnosedOn: today,
          employmentSituation: 'job_seeker',
          obstacles,
        });
      const unknownTheme = await post([{ themeId: 'astrologie', severity: 'light' }]);
      expect(unknownTheme.status).toBe(400);
      expect(unknownTheme.body.error.fields).toEqual([
        expect.objectContaining({ path: 'obstacles.0.themeId', message: expect.stringMatching(/inconnu/) }),
      ]);
      const unknownSituation = await post([
        { themeId: 'logement', situationId: 'logement.chateau', severity: 'light' },
      ]);
      expect(unknownSituation.body.error.fields[0].path).toBe('obstacles.0.situationId');
      const otherTheme = await post([
        { themeId: 'sante', severity: 'light' },
        { themeId: 'mobilite', situationId: 'logement.heberge_chez_un_tiers', severity: 'severe' },
      ]);
      expect(otherTheme.status).toBe(400);
      expect(otherTheme.body.error.fields).toEqual([
        expect.objectContaining({
          path: 'obstacles.1.situationId',
          message: 'La situation « logement.heberge_chez_un_tiers » n’appartient pas au thème « Mobilité ».',
        }),
      ]);
      const badSeverity = await post([{ themeId: 'sante', severity: 'extreme' }]);
      expect(badSeverity.status).toBe(400);
      const badSituation = await advisor.post(`/api/persons/${id.iso}/diagnoses`, {
        diagnosedOn: today,
        employmentSituation: 'chomeur',
      });
      expect(badSituation.status).toBe(400);
      expect(await count('diagnosis', id.iso)).toBe(before);
    });

    it('is refused outside the actor’s scope', async () => {
      const res = await advisor.post(`/api/persons/${id.aix}/diagnoses`, {
        diagnosedOn: today,
        employmentSituation: 'job_seeker',
      });
      expect(res.status).toBe(403);
      expect((await advisor.get(`/api/persons/${id.aix}/orientation`)).status).toBe(403);
      const referent = await loggedIn(app, 'referent@parcours.test');
      expect((await referent.get(`/api/persons/${id.iso}/diagnoses`)).status).toBe(403);
      const admin = await loggedIn(app, 'admin@parcours.test');
      expect((await admin.post(`/api/persons/${id.iso}/diagnoses`, {})).status).toBe(403);
    });
  });

  describe('workspace and proposal', () => {
    it('shows the situation with the deadlines of the rule in force, the household and the proposal', async () => {
      const res = await advisor.get(`/api/persons/${id.iso}/orientation`);
      expect(res.status).toBe(200);
      const w = res.body;
      const d = orientationDeadlines(entry, today);
      expect(w.entry).toMatchObject({
        entryDate: entry,
        targetDate: d.targetDate,
        legalDeadline: d.legalDeadline,
        daysLeftTarget: d.daysLeftTarget,
        daysLeftLegal: d.daysLeftLegal,
        orientedOn: null,
      });
      expect(w.household).toMatchObject({ couple: false, compositionLabel: 'Personne isolée, sans enfant' });
      expect(w.rights.decisionBlockedReason).toBeNull();
      expect(w.proposal).toMatchObject({
        pathway: 'professional',
        bodyKind: 'france_travail',
        structure: { id: structures.ft, samePole: true },
      });
      expect(w.proposal.reasons[0]).toMatch(/Aucun diagnostic/);
      expect(w.structureChoices.length).toBeGreaterThan(5);
      const audit = await app.ctx.db
        .selectFrom('audit_event')
        .select('reason')
        .where('person_id', '=', id.iso)
        .where('action', '=', 'person.read')
        .execute();
      expect(audit.map((a) => a.reason)).toContain('orientation');
    });

    it('follows the département’s own delay rule from its effective date', async () => {
      await app.ctx.db
        .insertInto('rule_set')
        .values({
          department_code: '13',
          kind: 'orientation_delays',
          effective_from: daysAgo(11),
          value: JSON.stringify({ targetMonths: 2, legalDeadlineDays: 42 }),
          source: 'Délibération de test',
        })
        .execute();
      try {
        const w = (await advisor.get(`/api/persons/${id.iso}/orientation`)).body;
        const rules = [{ effectiveFrom: daysAgo(11), targetMonths: 2, legalDeadlineDays: 42, source: 'x' }];
        expect(w.entry.targetDate).toBe(orientationDeadlines(entry, today, rules).targetDate);
        expect(w.entry.ruleSource).toBe('Délibération de test');
      } finally {
        await app.ctx.db.deleteFrom('rule_set').where('source', '=', 'Délibération de test').execute();
      }
    });

    it('applies the social routing rule of the seed: MDS for minor children, lieu d’accueil otherwise', async () => {
      const diag = await advisor.post(`/api/persons/${id.fam}/diagnoses`, {
        diagnosedOn: today,
        employmentSituation: 'job_seeker',
        obstacles: [severe('logement')],
      });
      expect(diag.status).toBe(201);
      const fam = (await advisor.get(`/api/persons/${id.fam}/orientation`)).body;
      expect(fam.household).toMatchObject({
        couple: true,
        minorChildren: 1,
        compositionLabel: 'En couple, 2 enfants dont 1 mineur',
      });
      expect(fam.proposal).toMatchObject({
        pathway: 'social',
        bodyKind: 'mds',
        rule: 'social_heavy',
        structure: { id: structures.mds },
      });
      expect(fam.proposal.reasons).toEqual([
        'Frein important : logement. Ces difficultés sociales sont à traiter en priorité avant une insertion professionnelle.',
        'Le couple a un enfant mineur à charge : l’accompagnement social des familles avec enfants mineurs est assuré par la maison départementale de la solidarité (MDS).',
      ]);
      // The couple's only child turned 18 today; their latest diagnosis has a severe housing obstacle.
      const cpl = (await advisor.get(`/api/persons/${id.cpl}/orientation`)).body;
      expect(cpl.household.minorChildren).toBe(0);
      expect(cpl.diagnoses).toHaveLength(2);
      expect(cpl.proposal).toMatchObject({ bodyKind: 'lieu_accueil', structure: { id: structures.lieu } });
      expect(cpl.proposal.reasons[1]).toMatch(/^Couple dont l’enfant a plus de 18 ans/);
      expect(cpl.proposal.alternatives.map((s: { id: string }) => s.id)).toContain(structures.mds);

      const young = (await advisor.get(`/api/persons/${id.young}/orientation`)).body;
      expect(young.proposal).toMatchObject({ bodyKind: 'mission_locale', structure: { id: structures.ml } });
      expect(young.proposal.reasons).toContain(
        'La personne a 22 ans (moins de 26 ans) : la mission locale accompagne les jeunes vers l’emploi et la formation.',
      );
    });
  });

  describe('decision', () => {
    it('refuses a person not subject to rights and duties, or whose rights are closed, changing nothing', async () => {
      for (const [key, message] of [
        ['nosub', /n’est pas soumise aux droits et devoirs/],
        ['closed', /droits au RSA de cette personne sont clos/],
      ] as const) {
        const before = [await count('orientation', id[key]), await count('timeline_event', id[key])];
        const res = await advisor.post(`/api/persons/${id[key]}/orientations`, {
          pathway: 'professional',
          structureId: structures.ft,
          decidedOn: today,
        });
        expect(res.status, key).toBe(422);
        expect(res.body.error.message).toMatch(message);
        expect([await count('orientation', id[key]), await count('timeline_event', id[key])]).toEqual(before);
        const w = (await advisor.get(`/api/persons/${id[key]}/orientation`)).body;
        expect(w.rights.decisionBlockedReason).toMatch(message);
      }
    });

    it('refuses a structure of a kind that does not fit the pathway', async () => {
      const res = await advisor.post(`/api/persons/${id.iso}/orientations`, {
        pathway: 'professional',
        structureId: structures.mds,
        decidedOn: today,
        overrideReason: 'Essai',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0]).toMatchObject({ path: 'structureId' });
      expect(res.body.error.fields[0].message).toMatch(
        /ne peut pas accompagner une orientation professionnelle/,
      );
      expect(await count('orientation', id.iso)).toBe(0);
    });

    it('refuses a choice other than the proposal without a reason, and records the override with one', async () => {
      const body = { pathway: 'social', structureId: structures.lieu, decidedOn: today };
      const refused = await advisor.post(`/api/persons/${id.fam}/orientations`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields[0]).toMatchObject({ path: 'overrideReason' });
      expect(refused.body.error.fields[0].message).toMatch(/Le système propose une orientation sociale/);
      const blank = await advisor.post(`/api/persons/${id.fam}/orientations`, {
        ...body,
        overrideReason: '   ',
      });
      expect(blank.status).toBe(400);
      expect(await count('orientation', id.fam)).toBe(0);

      const ok = await advisor.post(`/api/persons/${id.fam}/orientations`, {
        ...body,
        overrideReason: 'La famille est déjà suivie par ce lieu d’accueil.',
      });
      expect(ok.status).toBe(201);
      expect(ok.body.orientation).toMatchObject({
        pathway: 'social',
        structureName: "Lieu d'accueil Marseille 2/3",
        overridden: true,
        overrideReason: 'La famille est déjà suivie par ce lieu d’accueil.',
        proposal: { pathway: 'social', bodyKind: 'mds' },
        current: true,
        source: 'parcours',
      });
      const event = await app.ctx.db
        .selectFrom('timeline_event')
        .select('data')
        .where('person_id', '=', id.fam)
        .where('type', '=', 'orientation')
        .executeTakeFirstOrThrow();
      expect(event.data).toMatchObject({
        orientationId: ok.body.orientation.id,
        pathway: 'social',
        structureId: structures.lieu,
        overridden: true,
        reorientation: false,
      });
      // The timeline keeps the structure's id; its name is read when the file is shown.
      expect(event.data).not.toHaveProperty('structureName');
      const file = await advisor.get(`/api/persons/${id.fam}`);
      expect(file.body.timeline.map((t: { label: string }) => t.label)).toContain(
        "Orientation sociale vers Lieu d'accueil Marseille 2/3 (proposition du système modifiée par le conseiller)",
      );
    });

    it('accepts the proposal: orientation, read model, timeline, audit, letter', async () => {
      const w = (await advisor.get(`/api/persons/${id.iso}/orientation`)).body;
      const res = await advisor.post(`/api/persons/${id.iso}/orientations`, {
        pathway: w.proposal.pathway,
        structureId: w.proposal.structure.id,
        programme: 'accompagnement-global',
        decidedOn: today,
      });
      expect(res.status).toBe(201);
      const o = res.body.orientation;
      expect(o).toMatchObject({
        pathway: 'professional',
        structureId: structures.ft,
        programme: 'accompagnement-global',
        notifiedOn: today,
        decidedOn: today,
        decidedByName: 'Karim Orientation',
        overridden: false,
        overrideReason: null,
        previousOrientationId: null,
      });
      const row = await app.ctx.db
        .selectFrom('orientation')
        .selectAll()
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ source: 'parcours', body_kind: 'france_travail', notified_on: today });
      expect(row.proposal).toMatchObject({
        pathway: 'professional',
        bodyKind: 'france_travail',
        rule: 'professional_default',
      });
      const spell = await app.ctx.db
        .selectFrom('entry_spell')
        .select(['id', 'orientation_id', 'oriented_on', 'orientation_pathway', 'orientation_programme'])
        .where('person_id', '=', id.iso)
        .executeTakeFirstOrThrow();
      expect(spell).toMatchObject({
        orientation_id: o.id,
        oriented_on: today,
        orientation_pathway: 'professional',
        orientation_programme: 'accompagnement-global',
      });
      expect(row.entry_spell_id).toBe(spell.id);
      const audit = await app.ctx.db
        .selectFrom('audit_event')
        .select(['action', 'target_id', 'details'])
        .where('person_id', '=', id.iso)
        .where('action', '=', 'orientation.decided')
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        target_id: o.id,
        details: { overridden: false, pathway: 'professional' },
      });

      // The notification letter (messaging) is produced in the same transaction.
      expect(res.body.letterMessageId).not.toBeNull();
      const letter = await (await RawClient.login(app, 'orientation@parcours.test')).get(
        `/api/orientations/${o.id}/letter.pdf`,
      );
      expect(letter.status).toBe(200);
      expect(letter.type).toMatch(/application\/pdf/);
      const pdf = letter.bytes;
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      const parser = new PDFParse({ data: new Uint8Array(pdf) });
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      expect(text).toContain('France Travail Marseille Joliette');
      const audited = await app.ctx.db
        .selectFrom('audit_event')
        .select('reason')
        .where('person_id', '=', id.iso)
        .where('action', '=', 'person.read')
        .execute();
      expect(audited.map((a) => a.reason)).toContain('courrier de notification d’orientation');
    });

    it('keeps the history on reorientation, which needs a reason and the current version', async () => {
      const first = await advisor.post(`/api/persons/${id.reor}/orientations`, {
        pathway: 'professional',
        structureId: structures.ft,
        decidedOn: daysAgo(2),
      });
      expect(first.status).toBe(201);
      const firstId = first.body.orientation.id;
      const body = {
        pathway: 'socio-professional',
        structureId: structures.plie,
        decidedOn: today,
        overrideReason: 'Besoin d’un accompagnement renforcé',
        version: first.body.orientation.version,
      };
      const noReason = await advisor.post(`/api/persons/${id.reor}/orientations`, body);
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields[0]).toMatchObject({ path: 'reorientationReason' });
      const stale = await advisor.post(`/api/persons/${id.reor}/orientations`, {
        ...body,
        reorientationReason: 'Projet de formation',
        version: first.body.orientation.version + 7,
      });
      expect(stale.status).toBe(409);
      expect(await count('orientation', id.reor)).toBe(1);

      const second = await advisor.post(`/api/persons/${id.reor}/orientations`, {
        ...body,
        reorientationReason: 'Projet de formation',
      });
      expect(second.status).toBe(201);
      expect(second.body.orientation).toMatchObject({
        previousOrientationId: firstId,
        reorientationReason: 'Projet de formation',
        overridden: true,
        current: true,
      });
      // The same version cannot be used twice: the first orientation moved on.
      const again = await advisor.post(`/api/persons/${id.reor}/orientations`, {
        ...body,
        reorientationReason: 'Projet de formation',
      });
      expect(again.status).toBe(409);

      const w = (await advisor.get(`/api/persons/${id.reor}/orientation`)).body;
      expect(w.orientations.map((o: { id: string; current: boolean }) => [o.id, o.current])).toEqual([
        [second.body.orientation.id, true],
        [firstId, false],
      ]);
      // The read model keeps the initial orientation of the entry spell.
      expect(w.entry).toMatchObject({ orientedOn: daysAgo(2), orientationPathway: 'professional' });
      const events = await app.ctx.db
        .selectFrom('timeline_event')
        .select('data')
        .where('person_id', '=', id.reor)
        .where('type', '=', 'orientation')
        .orderBy('id')
        .execute();
      expect(events.map((e) => (e.data as { reorientation: boolean }).reorientation)).toEqual([false, true]);
      const audit = await app.ctx.db
        .selectFrom('audit_event')
        .select('action')
        .where('person_id', '=', id.reor)
        .where('action', 'like', 'orientation.%')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['orientation.decided', 'orientation.reoriented']);
    });

    it('opens a request to the pôle’s medical team on a health orientation', async () => {
      const diag = await advisor.post(`/api/persons/${id.health}/diagnoses`, {
        diagnosedOn: today,
        employmentSituation: 'unavailable',
        obstacles: [severe('sante')],
      });
      expect(diag.status).toBe(201);
      const w = (await advisor.get(`/api/persons/${id.health}/orientation`)).body;
      expect(w.proposal).toMatchObject({
        pathway: 'health',
        bodyKind: 'medical_team',
        structure: { id: structures.medical, samePole: true },
        diagnosisId: diag.body.id,
      });
      const res = await advisor.post(`/api/persons/${id.health}/orientations`, {
        pathway: 'health',
        structureId: structures.medical,
        diagnosisId: diag.body.id,
        decidedOn: today,
      });
      expect(res.status).toBe(201);
      expect(res.body.orientation.overridden).toBe(false);
      expect(res.body.medicalReferralId).not.toBeNull();
      const referral = await app.ctx.db
        .selectFrom('medical_referral')
        .select(['status', 'person_id', 'structure_id'])
        .where('id', '=', res.body.medicalReferralId)
        .executeTakeFirstOrThrow();
      expect(referral).toMatchObject({
        status: 'requested',
        person_id: id.health,
        structure_id: structures.medical,
      });
      const after = (await advisor.get(`/api/persons/${id.health}/orientation`)).body;
      expect(after.medical).toEqual([
        expect.objectContaining({
          referralId: res.body.medicalReferralId,
          status: 'requested',
          recommendation: null,
        }),
      ]);
    });

    it('is refused outside the scope, and to roles without the permission', async () => {
      const body = { pathway: 'professional', structureId: structures.ft, decidedOn: today };
      expect((await advisor.post(`/api/persons/${id.aix}/orientations`, body)).status).toBe(403);
      const referent = await loggedIn(app, 'referent@parcours.test');
      expect((await referent.post(`/api/persons/${id.young}/orientations`, body)).status).toBe(403);
      expect(await count('orientation', id.young)).toBe(0);
      expect(
        (await advisor.get('/api/orientations/00000000-0000-4000-8000-000000000000/letter.pdf')).status,
      ).toBe(404);
    });

    it('lets the structure the person is oriented to open the workspace', async () => {
      const referent = await loggedIn(app, 'referent@parcours.test');
      // The family was oriented to the lieu d'accueil, not to the referent's MDS.
      expect((await referent.get(`/api/persons/${id.fam}/orientation`)).status).toBe(403);
      const w = (await advisor.get(`/api/persons/${id.fam}/orientation`)).body;
      const res = await advisor.post(`/api/persons/${id.fam}/orientations`, {
        pathway: 'social',
        structureId: structures.mds,
        decidedOn: today,
        reorientationReason: 'Suivi par la MDS du secteur',
        version: w.orientations[0].version,
      });
      expect(res.status).toBe(201);
      expect(res.body.orientation.overridden).toBe(false);
      const seen = await referent.get(`/api/persons/${id.fam}/orientation`);
      expect(seen.status).toBe(200);
      expect(seen.body.orientations).toHaveLength(2);
    });
  });
});
