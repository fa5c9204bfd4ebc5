import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { base, Faker, fr } from '@faker-js/faker';
import type { FluxHeader, FluxHousehold } from '../../modules/beneficiaries/domain/flux';
import { writeFluxXml } from '../../modules/beneficiaries/infra/flux/xml-writer';
import { parisToday } from '../../platform/time';
import { toFluxHousehold } from './flux';
import { type GenHousehold, HouseholdFactory } from './households';
import { addMonths, dayOf, isoOf, Rng } from './random';
import { buildTerritory, type GenTerritory } from './territory';

export interface GenerateOptions {
  /** Persons in all (claimants, partners, children, others). */
  persons: number;
  /** Same seed (and same `today`) → same output, byte for byte. Default 1. */
  seed?: number;
  /** 'YYYY-MM-DD', the generation date: histories end there. Default: today in Europe/Paris. */
  today?: string;
}

export interface GenerateSummary {
  persons: number;
  households: number;
  lines: number;
}

/** Seeded fakers and numbers: the territory and the households each have their own stream. */
function world(opts: GenerateOptions) {
  const seed = opts.seed ?? 1;
  const today = opts.today ?? parisToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Date du jour invalide : ${today}`);
  const territoryFaker = new Faker({ locale: [fr, base] });
  territoryFaker.seed(seed);
  const householdFaker = new Faker({ locale: [fr, base] });
  householdFaker.seed(seed + 1_000_003);
  const territory = buildTerritory(new Rng(seed ^ 0x5bd1e995), territoryFaker, today);
  const factory = new HouseholdFactory(
    new Rng(Math.imul(seed, 0x9e3779b1) + 1),
    householdFaker,
    territory,
    today,
  );
  return { today, territory, factory };
}

function* householdsOf(factory: HouseholdFactory, persons: number): Generator<GenHousehold> {
  let left = persons;
  for (let i = 1; left > 0; i++) {
    const h = factory.next(i, left);
    left -= h.members.length;
    yield h;
  }
}

/** Streams text to `out` by chunks, waiting when it asks to (a 2-million-person file never sits in memory). */
class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  lines = 0;
  constructor(private readonly out: Writable) {}
  async line(value: unknown) {
    const text = `${JSON.stringify(value)}\n`;
    this.parts.push(text);
    this.size += text.length;
    this.lines++;
    if (this.size >= 256 * 1024) await this.flush();
  }
  async flush() {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

async function writeTerritory(w: ChunkedWriter, t: GenTerritory) {
  for (const h of t.hubs) await w.line({ kind: 'hub', id: h.code, name: h.name, communes: h.communes });
  for (const b of t.bodies) await w.line({ kind: 'body', id: b.id, name: b.name, type: b.type, hub: b.hub });
  for (const r of t.referents) await w.line({ kind: 'referent', ...r });
}

async function writeHousehold(w: ChunkedWriter, h: GenHousehold) {
  for (const p of h.members) {
    await w.line({
      kind: 'person',
      id: p.id,
      householdNumber: h.claimNumber,
      role: p.role,
      nir: p.nir,
      birthName: p.birthName,
      lastName: p.lastName,
      firstName: p.firstName,
      birthDate: p.birthDate,
      sex: p.sex,
      commune: h.commune.code,
    });
  }
  for (const p of h.members) {
    const personId = p.id;
    for (const r of p.rights)
      await w.line({
        kind: 'rights',
        personId,
        date: r.date,
        status: r.open ? 'open' : 'closed',
        subjectToDuties: r.subjectToDuties,
      });
    for (const o of p.orientations) await w.line({ kind: 'orientation', personId, ...o });
    for (const a of p.assignments) await w.line({ kind: 'referentAssignment', personId, ...a });
    for (const a of p.appointments) await w.line({ kind: 'appointment', personId, ...a });
    for (const c of p.contracts) await w.line({ kind: 'contract', personId, ...c });
  }
}

/**
 * A synthetic Bouches-du-Rhône as a history file (shared/formats/history.md): pôles, bodies,
 * référents, then each household's persons and dated facts. Does not end `out`.
 */
export async function generateDemo(
  opts: GenerateOptions & { out: { historyNdjson: Writable } },
): Promise<GenerateSummary> {
  const { territory, factory } = world(opts);
  const w = new ChunkedWriter(opts.out.historyNdjson);
  await writeTerritory(w, territory);
  let households = 0;
  for (const h of householdsOf(factory, opts.persons)) {
    households++;
    await writeHousehold(w, h);
  }
  await w.flush();
  return { persons: opts.persons, households, lines: w.lines };
}

/**
 * The same households (same seed and date) as the CAF describes them today, for writing a flux:
 * current rights status, members with their current duties, address and contacts.
 */
export function* generateHouseholds(opts: GenerateOptions): Generator<FluxHousehold> {
  const { today, factory } = world(opts);
  for (const h of householdsOf(factory, opts.persons)) yield toFluxHousehold(h, today);
}

/**
 * The same households as a monthly CAF flux (VRSB, TYPEFLUX=M) dated `today`: every open file, and
 * the files closed during the last month (status 5), as the CNAF sends them. Ends `out`.
 */
export async function generateDemoFlux(
  opts: GenerateOptions & { out: Writable; encoding?: 'utf-8' | 'windows-1252' },
): Promise<{ households: number; persons: number }> {
  const { today, factory } = world(opts);
  const header: FluxHeader = {
    application: 'CRI',
    typeFlux: 'M',
    natFlux: 'D',
    createdOn: today,
    createdAtTime: '02:00:00',
    referenceDate: today,
  };
  const monthAgo = isoOf(addMonths(dayOf(today), -1));
  const counts = { households: 0, persons: 0 };
  function* current(): Generator<FluxHousehold> {
    for (const h of householdsOf(factory, opts.persons)) {
      if (!h.open && (h.closedOn ?? '') < monthAgo) continue;
      counts.households++;
      counts.persons += h.members.length;
      yield toFluxHousehold(h, today, counts.households);
    }
  }
  await writeFluxXml(header, current(), opts.out, {
    encoding: opts.encoding ?? 'windows-1252',
    department: '013',
  });
  return counts;
}

export type { GenHousehold, GenPerson } from './households';
