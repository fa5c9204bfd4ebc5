import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { importAnnex } from '../src/modules/offer/application/import-annex';
import {
  assertValidExport,
  buildDataInclusionExport,
  writeDataInclusionExport,
} from '../src/modules/offer/application/open-data';
import { ensureTerritory } from '../src/modules/territory/application/load-territory';
import { loadConfig } from '../src/platform/config';
import { createContext } from '../src/platform/context';
import { DomainError } from '../src/platform/errors';
import { Client, createPostgresDatabase, engines, startTestApp } from './support/harness';
import {
  FIXTURE_CODES,
  type OpenDataFixture,
  PERSON_MARKERS,
  personMarkers,
  seedOpenDataFixture,
} from './support/open-data-fixtures';
import { migratedPgliteSnapshot } from './support/pglite-snapshot';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const schemaDir = path.resolve(import.meta.dirname, '../data/data-inclusion-v1');

/** The schemas as a reuser would apply them: their own Ajv, independent of the application's. */
function schemaValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const load = (f: string) => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8')));
  const structure = load('structure.schema.json');
  const service = load('service.schema.json');
  return (kind: 'structure' | 'service', items: unknown[]) => {
    const validate = kind === 'structure' ? structure : service;
    return items.flatMap((item, i) =>
      validate(item) ? [] : [`${kind}[${i}] ${JSON.stringify(validate.errors?.slice(0, 3))}`],
    );
  };
}
const validateItems = schemaValidator();

async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'apps/api/src/cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Structure {
  id: string;
  nom: string;
  [k: string]: unknown;
}
interface Service {
  id: string;
  structure_id: string;
  description: string;
  [k: string]: unknown;
}

describe.each(engines)('open data of the catalogue, data·inclusion v1 (%s)', (engine) => {
  let app: RunningApp;
  let fx: OpenDataFixture;
  beforeAll(async () => {
    app = await startTestApp(engine);
    fx = await seedOpenDataFixture(app.ctx);
  }, 120_000);

  it('serves both arrays publicly, every item valid, the catalogue mapped and linked', async () => {
    const anonymous = new Client(app.url);
    const s = await anonymous.get('/api/open-data/data-inclusion/structures.json');
    const v = await anonymous.get('/api/open-data/data-inclusion/services.json');
    expect(s.status).toBe(200);
    expect(v.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^application\/json/);
    const structures = s.body as Structure[];
    const services = v.body as Service[];
    expect(validateItems('structure', structures)).toEqual([]);
    expect(validateItems('service', services)).toEqual([]);

    const src = 'cd13';
    const ids = services.map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain(`${src}--${FIXTURE_CODES.full}`);
    expect(ids).toContain(`${src}--${FIXTURE_CODES.shared}`);
    expect(ids).toContain(`${src}--${FIXTURE_CODES.noOperator}`);
    expect(ids).not.toContain(`${src}--${FIXTURE_CODES.cancelled}`);
    const structureIds = structures.map((x) => x.id);
    expect(structureIds).toEqual([...structureIds].sort());
    expect(structureIds).toEqual(
      expect.arrayContaining([`${src}--${fx.operatorA}`, `${src}--${fx.operatorB}`]),
    );
    // The operator of the annulée action alone is not published.
    expect(structureIds).not.toContain(`${src}--${fx.operatorC}`);
    // Every service names a published structure.
    for (const service of services) expect(structureIds, service.id).toContain(service.structure_id);

    const full = services.find((x) => x.id === `${src}--${FIXTURE_CODES.full}`)!;
    expect(full).toMatchObject({
      source: src,
      structure_id: `${src}--${fx.operatorA}`,
      nom: 'Remobilisation par le sport et la culture',
      date_maj: '2026-06-15',
      type: 'atelier',
      thematiques: ['remobilisation--activites-sportives-et-culturelles', 'remobilisation--lien-social'],
      publics: ['beneficiaires-des-minimas-sociaux'],
      zone_eligibilite: ['13203'],
      volume_horaire_hebdomadaire: 15.5,
      nombre_semaines: 10,
      modes_accueil: ['en-presentiel'],
      contact_nom_prenom: null,
    });
    expect(full.description).toContain(
      'Session de septembre : du 01/09/2026 au 15/10/2026, Gymnase municipal',
    );
    expect(full.description).not.toContain('Session annulée');
    // A pôle as territory: its communes, all INSEE codes.
    const shared = services.find((x) => x.id === `${src}--${FIXTURE_CODES.shared}`)!;
    expect((shared.zone_eligibilite as string[]).length).toBeGreaterThan(0);
    for (const code of shared.zone_eligibilite as string[]) expect(code).toMatch(/^\d[\dAB]\d{3}$/);
    expect(shared.description).toContain('Opérateurs : ');
    // No operator: the département offers it; 22:30 UTC on 1 April is 2 April in Paris.
    const none = services.find((x) => x.id === `${src}--${FIXTURE_CODES.noOperator}`)!;
    expect(none).toMatchObject({ structure_id: `${src}--departement`, date_maj: '2026-04-02' });
    const a = structures.find((x) => x.id === `${src}--${fx.operatorA}`)!;
    expect(a).toMatchObject({
      nom: 'Tremplin Données Ouvertes',
      adresse: '7 rue de l’Open Data',
      code_insee: '13203',
      code_postal: '13003',
      telephone: '+33491123456',
      courriel: 'contact@tremplin.exemple.test',
      horaires_accueil: 'Mo-Tu 09:00-12:00; Fr 14:00-17:00',
      siret: null,
    });

    // No person, no agent, no referral: the markers appear nowhere, nor the person's id.
    const text = `${s.text}\n${v.text}`.toLowerCase();
    for (const marker of [...personMarkers(), fx.personId]) expect(text).not.toContain(marker.toLowerCase());

    // Deterministic: the same rows give the same bytes.
    expect((await anonymous.get('/api/open-data/data-inclusion/services.json')).text).toBe(v.text);
    const files = await buildDataInclusionExport(app.ctx);
    expect(files.servicesJson).toBe(v.text);
    expect(files.structuresJson).toBe(s.text);
  });

  it('exports the whole 2020 catalogue of the annex, every item valid', async () => {
    const result = await importAnnex(app.ctx, app.ctx.config.departmentCode, { year: 2020 });
    const codes = await app.ctx.db
      .selectFrom('insertion_action')
      .select(['code', 'status'])
      .where('department_code', '=', app.ctx.config.departmentCode)
      .execute();
    expect(result.actions.total).toBeGreaterThan(20);
    const files = await buildDataInclusionExport(app.ctx);
    expect(validateItems('structure', files.structures)).toEqual([]);
    expect(validateItems('service', files.services)).toEqual([]);
    // One service per action not annulée, annex and fixture alike; every one linked to a structure.
    const open = codes.filter((c) => c.status !== 'annulee').map((c) => `cd13--${c.code}`);
    expect(files.services.map((s) => s.id).sort()).toEqual(open.sort());
    const structureIds = new Set(files.structures.map((s) => s.id));
    for (const s of files.services) expect(structureIds.has(s.structure_id), s.id).toBe(true);
    const text = `${files.structuresJson}${files.servicesJson}`.toLowerCase();
    for (const marker of personMarkers()) expect(text).not.toContain(marker);
  }, 120_000);

  it('is listed in the OpenAPI document', async () => {
    const doc = app.app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/open-data/data-inclusion/structures.json',
        '/api/open-data/data-inclusion/services.json',
      ]),
    );
  });

  it('refuses an export with an invalid item, in French, naming the first problems', () => {
    let error: unknown;
    try {
      assertValidExport({
        structures: [{ source: 'cd13', id: 'cd13--x', nom: 'ab', date_maj: 'hier' } as never],
        services: [],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.message).toMatch(/^Export data·inclusion refusé : 2 problème\(s\)/);
    expect(e.fields).toEqual([
      { path: 'structures[0] (cd13--x)', code: 'invalid', message: '/date_maj : format date invalide' },
      { path: 'structures[0] (cd13--x)', code: 'invalid', message: '/nom : au moins 3 caractères attendus' },
    ]);
  });

  it('writes the same files from the command line', async () => {
    // A database of its own, seeded then closed, for the CLI process to open.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-open-data-'));
    const pg = engine === 'postgres' ? await createPostgresDatabase() : undefined;
    const env = {
      DATABASE_URL: pg?.url ?? '',
      PARCOURS_DATA_DIR: dataDir,
      PARCOURS_TEST_PGLITE_SNAPSHOT: pg ? '' : await migratedPgliteSnapshot(),
    };
    try {
      const ctx = await createContext(
        loadConfig({ ...process.env, ...env }, { logLevel: 'silent' }),
        pino({ level: 'silent' }),
      );
      let expected: Awaited<ReturnType<typeof buildDataInclusionExport>>;
      try {
        await ensureTerritory(ctx);
        await seedOpenDataFixture(ctx);
        expected = await buildDataInclusionExport(ctx);
        // The use case itself creates the directory.
        const inProcess = path.join(dataDir, 'en-process', 'export');
        expect(await writeDataInclusionExport(ctx, inProcess)).toMatchObject({
          structures: expected.structures.length,
          services: expected.services.length,
        });
        expect(fs.readFileSync(path.join(inProcess, 'services.json'), 'utf8')).toBe(expected.servicesJson);
      } finally {
        await ctx.close();
      }
      const out = path.join(dataDir, 'export');
      const res = await cli(env, 'offer', 'export-data-inclusion', '--out', out);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/Export data·inclusion écrit : 3 structure\(s\), 3 service\(s\)/);
      const structuresJson = fs.readFileSync(path.join(out, 'structures.json'), 'utf8');
      const servicesJson = fs.readFileSync(path.join(out, 'services.json'), 'utf8');
      expect(structuresJson).toBe(expected.structuresJson);
      expect(servicesJson).toBe(expected.servicesJson);
      expect(validateItems('structure', JSON.parse(structuresJson))).toEqual([]);
      expect(validateItems('service', JSON.parse(servicesJson))).toEqual([]);
      const text = `${structuresJson}${servicesJson}`.toLowerCase();
      for (const marker of personMarkers()) expect(text).not.toContain(marker);
      expect(text).not.toContain(PERSON_MARKERS.nir);

      const missing = await cli(env, 'offer', 'export-data-inclusion');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/--out/);
    } finally {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
