import { Readable, Writable } from 'node:stream';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { generateDemo, generateDemoFlux, generateHouseholds } from '../src/demo/generate';
import type { FluxHousehold } from '../src/modules/beneficiaries/domain/flux';
import { parseFluxXml } from '../src/modules/beneficiaries/infra/flux/xml-parser';
import { importHistory } from '../src/modules/history/application/import-history';
import { startTestApp } from './support/harness';

const TODAY = '2026-11-20';

function memoryOut() {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function generate(persons: number, seed: number): Promise<Buffer> {
  const { out, bytes } = memoryOut();
  const summary = await generateDemo({ persons, seed, today: TODAY, out: { historyNdjson: out } });
  const file = bytes();
  expect(summary.lines).toBe(file.toString('utf8').trimEnd().split('\n').length);
  return file;
}

describe('demo generator', () => {
  let app: RunningApp;
  let file: Buffer;
  beforeAll(async () => {
    app = await startTestApp('pglite');
    file = await generate(300, 42);
  });

  it('writes the same bytes for the same seed, other bytes for another', async () => {
    expect((await generate(300, 42)).equals(file)).toBe(true);
    expect((await generate(300, 43)).equals(file)).toBe(false);
  });

  it('gives a history that imports without a rejected line, entries spread over two years', async () => {
    const lines = file
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.kind === 'person')).toHaveLength(300);
    expect(lines.filter((l) => l.kind === 'hub')).toHaveLength(9);

    const report = await importHistory(app.ctx, Readable.from([file]), {
      fileName: 'demo.ndjson',
      actor: null,
    });
    expect(report.rejected).toEqual([]);
    expect(report.status).toBe('applied');
    expect(report.counts.person.created).toBe(300);

    const months = await sql<{ month: string; n: number }>`
      SELECT to_char(entry_date, 'YYYY-MM') AS month, count(*)::int AS n FROM entry_spell
      WHERE source = 'history' AND entry_date > ${TODAY}::date - interval '24 months'
      GROUP BY 1`.execute(app.ctx.db);
    expect(months.rows.length).toBeGreaterThanOrEqual(20);

    const children = await sql<{ n: number }>`
      SELECT count(DISTINCT household_id)::int AS n FROM person
      WHERE household_role = 'ENF' AND birth_date > ${TODAY}::date - interval '12 years'`.execute(app.ctx.db);
    expect(children.rows[0]?.n).toBeGreaterThan(5);

    // About 80 % of entrants are oriented, and about 85 % of claimants and partners owe duties.
    const oriented = await sql<{ entrants: number; oriented: number }>`
      SELECT count(DISTINCT e.person_id)::int AS entrants, count(DISTINCT o.person_id)::int AS oriented
      FROM entry_spell e LEFT JOIN orientation o ON o.person_id = e.person_id`.execute(app.ctx.db);
    const o = oriented.rows[0] as { entrants: number; oriented: number };
    expect(o.oriented / o.entrants).toBeGreaterThan(0.6);
    expect(o.oriented / o.entrants).toBeLessThan(0.95);
    const nirs = lines.filter((l) => l.kind === 'person' && (l.role === 'DEM' || l.role === 'CJT'));
    const withNir = nirs.filter((l) => l.nir).length / nirs.length;
    expect(withNir).toBeGreaterThan(0.45);
    expect(withNir).toBeLessThan(0.75);
  });

  it('describes the same households as a current CAF flux', () => {
    const persons = file
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.kind === 'person');
    const households = [...generateHouseholds({ persons: 300, seed: 42, today: TODAY })];
    const members = households.flatMap((h) => h.members.map((m) => ({ claim: h.claimNumber, m })));
    expect(members).toHaveLength(300);
    expect(
      members.map(({ claim, m }) => [claim, m.birthName, m.firstName, m.birthDate, m.nir, m.role]),
    ).toEqual(persons.map((p) => [p.householdNumber, p.birthName, p.firstName, p.birthDate, p.nir, p.role]));
    for (const h of households) {
      expect(h.claimNumber).toMatch(/^\d{11}$/);
      expect(h.address?.inseeCode).toMatch(/^13\d{3}$/);
      expect(['2', '5']).toContain(h.rightsStatus);
    }
  });

  it('writes them as a monthly CAF flux that the flux parser reads without error', async () => {
    const { out, bytes } = memoryOut();
    const written = await generateDemoFlux({ persons: 300, seed: 42, today: TODAY, out });
    const parsing = parseFluxXml([bytes()]);
    const read: FluxHousehold[] = [];
    for (;;) {
      const next = await parsing.next();
      if (next.done) {
        expect(next.value.errors).toEqual([]);
        expect(next.value.header).toMatchObject({ typeFlux: 'M', natFlux: 'D', createdOn: TODAY });
        break;
      }
      read.push(next.value);
    }
    expect(read).toHaveLength(written.households);
    expect(read.flatMap((h) => h.members)).toHaveLength(written.persons);
    const all = [...generateHouseholds({ persons: 300, seed: 42, today: TODAY })];
    expect(written.households).toBeLessThan(all.length); // files closed long ago are not in it
    expect(read.every((h) => h.rightsStatus === '2' || h.rightsStatus === '5')).toBe(true);
  });
});
