import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { base, Faker, fr } from '@faker-js/faker';
import { addMonths, dayOf, isoOf, Rng } from '../../apps/api/src/demo/generate/random';
import { buildTerritory, type GenBody, type GenTerritory } from '../../apps/api/src/demo/generate/territory';

/**
 * The history of the indicators benchmark (shared/formats/history.md), streamed to files of about
 * `perFile` persons each: the import keeps a file's lines in memory, so 20 million lines go in
 * several files imported one after the other (the first one carries the territory). Deterministic:
 * the same persons, seed and version give the same bytes. About 10 dated facts per person over
 * 2019–2026: entries, closings and reopenings, orientations (reorientations, both programmes),
 * référent assignments, appointments of every purpose and status, contracts and their renewals.
 */
export const HISTORY_VERSION = 1;
export const HISTORY_TODAY = '2026-11-30';
const FIRST_ENTRY = dayOf('2019-01-01');
const LAST_ENTRY = dayOf('2026-10-31');
const TODAY = dayOf(HISTORY_TODAY);

const NAMES = [
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'RICHARD',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
];
const FIRST = [
  'Lea',
  'Karim',
  'Ines',
  'Paul',
  'Nadia',
  'Yanis',
  'Sofia',
  'Hugo',
  'Amel',
  'Louis',
  'Sarah',
  'Nabil',
];

export interface HistorySummary {
  files: string[];
  persons: number;
  events: number;
  lines: number;
}

class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(readonly stream: fs.WriteStream) {}
  async line(value: unknown) {
    const text = `${JSON.stringify(value)}\n`;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 512 * 1024) await this.flush();
  }
  async flush() {
    if (!this.parts.length) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async end() {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

interface Referents {
  /** Ordinary référents by body. */
  byBody: Map<string, string[]>;
}

async function writeTerritory(out: Out, t: GenTerritory, rng: Rng): Promise<Referents> {
  for (const h of t.hubs) await out.line({ kind: 'hub', id: h.code, name: h.name, communes: h.communes });
  for (const b of t.bodies)
    await out.line({ kind: 'body', id: b.id, name: b.name, type: b.type, hub: b.hub });
  const byBody = new Map<string, string[]>();
  let n = 0;
  for (const b of t.bodies) {
    if (b.type === 'medical-team' || b.type === 'lieu-accueil') continue;
    const ids: string[] = [];
    const count = b.type === 'mds' || b.type === 'france-travail' ? 40 : 12;
    for (let i = 0; i < count; i++) {
      const id = `br-${++n}`;
      // France Travail agencies: 8 global-support pairs each, some starting or ending in any year.
      const pair = b.type === 'france-travail' && i < 8;
      const from = FIRST_ENTRY - 400 + rng.int(0, 2600);
      const ended = rng.chance(pair ? 0.35 : 0.15);
      await out.line({
        kind: 'referent',
        id,
        bodyId: b.id,
        lastName: rng.pick(NAMES),
        firstName: rng.pick(FIRST),
        globalSupportPair: pair,
        activeFrom: isoOf(Math.min(from, TODAY - 30)),
        activeTo: ended ? isoOf(Math.min(TODAY, Math.max(from, TODAY - 30) + rng.int(30, 1500))) : null,
      });
      if (!pair) ids.push(id);
    }
    byBody.set(b.id, ids);
  }
  return { byBody };
}

type Pathway = 'professional' | 'socio-professional' | 'social';
const PATHWAYS: [Pathway, number][] = [
  ['professional', 45],
  ['socio-professional', 30],
  ['social', 25],
];
const STATUSES: [string, number][] = [
  ['seen', 60],
  ['noshow', 12],
  ['excused', 8],
  ['cancelled', 12],
  ['planned', 8],
];

/** One adult's pathway: 1 to 3 spells of rights and duties, each with its facts. */
async function writePathway(
  out: Out,
  rng: Rng,
  t: GenTerritory,
  refs: Referents,
  personId: string,
  hub: string,
): Promise<number> {
  let events = 0;
  const line = async (v: Record<string, unknown>) => {
    events++;
    await out.line(v);
  };
  const bodies = t.ofHub.get(hub)!;
  let day = FIRST_ENTRY + rng.int(0, LAST_ENTRY - FIRST_ENTRY);
  for (let spell = 0; spell < 3 && day <= LAST_ENTRY; spell++) {
    await line({ kind: 'rights', personId, date: isoOf(day), status: 'open', subjectToDuties: true });
    const end = day + rng.int(120, 1600);
    const closes = end < TODAY;
    const last = Math.min(end, TODAY);
    let orientedOn = day + rng.int(-10, 120);
    let programme: string | null = null;
    for (let o = 0; o < 3 && orientedOn < last && rng.chance(o === 0 ? 0.9 : 0.25); o++) {
      const pathway = rng.weighted(PATHWAYS);
      let body: GenBody;
      programme = null;
      if (pathway === 'professional') {
        body = rng.chance(0.85) ? bodies.franceTravail : bodies.capEmploi;
        if (body === bodies.franceTravail && rng.chance(0.08)) programme = 'accompagnement-global';
      } else if (pathway === 'socio-professional') {
        body = rng.pick([bodies.plie, bodies.missionLocale, ...bodies.operators]);
        if (rng.chance(0.06)) programme = 'garantie-activite-departementale';
      } else {
        body = bodies.ccas && rng.chance(0.2) ? bodies.ccas : bodies.mds;
        if (rng.chance(0.04)) programme = 'garantie-activite-departementale';
      }
      const date = isoOf(orientedOn);
      if (rng.chance(0.5))
        await line({
          kind: 'appointment',
          personId,
          date: isoOf(orientedOn - rng.int(1, 20)),
          bodyId: bodies.mds.id,
          purpose: 'orientation',
          status: rng.weighted(STATUSES),
        });
      await line({ kind: 'orientation', personId, date, pathway, bodyId: body.id, programme });
      const next = orientedOn + rng.int(90, 700);
      const pool = refs.byBody.get(body.id) ?? [];
      if (pool.length)
        await line({
          kind: 'referentAssignment',
          personId,
          referentId: rng.pick(pool),
          from: date,
          to: next < last && rng.chance(0.7) ? isoOf(next) : closes ? isoOf(last) : null,
        });
      // Accompaniment appointments: the first one some days after the orientation.
      let at = orientedOn + rng.int(2, 45);
      const count = rng.int(2, 6);
      for (let a = 0; a < count && at < last; a++) {
        await line({
          kind: 'appointment',
          personId,
          date: isoOf(at),
          bodyId: body.id,
          purpose: rng.chance(0.85) ? 'accompaniment' : 'other',
          status: at > TODAY - 20 ? 'planned' : rng.weighted(STATUSES),
        });
        at += rng.int(14, 120);
      }
      // Contracts: a first one, then renewals.
      let signed = orientedOn + rng.int(10, 120);
      for (let k = 0; k < 3 && signed < last && rng.chance(k === 0 ? 0.7 : 0.45); k++) {
        if (rng.chance(0.6))
          await line({
            kind: 'appointment',
            personId,
            date: isoOf(signed),
            bodyId: body.id,
            purpose: 'contract',
            status: 'seen',
          });
        const stop = addMonths(signed, rng.pick([3, 6, 6, 12]));
        await line({
          kind: 'contract',
          personId,
          signedOn: isoOf(signed),
          start: isoOf(signed),
          end: isoOf(stop),
          weeklyHours: rng.pick([0, 7, 15, 15, 20]),
          hoursRegime: rng.weighted([
            ['standard', 80],
            ['reduced', 15],
            ['exempt', 5],
          ] as const),
        });
        signed = stop + rng.int(0, 30);
      }
      orientedOn = next;
    }
    if (rng.chance(0.05) && last - day > 60)
      await line({
        kind: 'rights',
        personId,
        date: isoOf(day + rng.int(30, last - day - 1)),
        status: 'open',
        subjectToDuties: false,
      });
    if (!closes) break;
    await line({ kind: 'rights', personId, date: isoOf(end), status: 'closed', subjectToDuties: false });
    if (!rng.chance(0.35)) break;
    day = end + rng.int(60, 900);
  }
  return events;
}

/** Writes (or finds, when written before) the files of the history of `persons` persons. */
export async function writeIndicatorsHistory(opts: {
  dir: string;
  persons: number;
  seed: number;
  perFile: number;
}): Promise<HistorySummary> {
  const { dir, persons, seed, perFile } = opts;
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, `indicators-v${HISTORY_VERSION}-${persons}-s${seed}`);
  const summaryFile = `${stem}.json`;
  if (fs.existsSync(summaryFile)) return JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as HistorySummary;

  const faker = new Faker({ locale: [fr, base] });
  faker.seed(seed);
  const t = buildTerritory(new Rng(seed ^ 0x5bd1e995), faker, HISTORY_TODAY);
  const rng = new Rng(Math.imul(seed, 0x9e3779b1) + 7);
  const files: string[] = [];
  let out: Out | null = null;
  let inFile = 0;
  let refs: Referents = { byBody: new Map() };
  let events = 0;
  let lines = 0;
  let written = 0;
  for (let h = 1; written < persons; h++) {
    if (!out || inFile >= perFile) {
      if (out) await out.end();
      const file = `${stem}-${String(files.length + 1).padStart(3, '0')}.ndjson`;
      files.push(file);
      out = new Out(fs.createWriteStream(`${file}.tmp`));
      if (files.length === 1) refs = await writeTerritory(out, t, new Rng(seed + 11));
      inFile = 0;
    }
    const commune = t.communes.pick(rng);
    const roles = ['DEM'];
    if (rng.chance(0.25)) roles.push('CJT');
    const r = rng.next();
    if (r < 0.08) roles.push('ENF', 'ENF');
    else if (r < 0.2) roles.push('ENF');
    const members = roles.slice(0, persons - written);
    const householdNumber = `B${String(h).padStart(10, '0')}`;
    for (let i = 0; i < members.length; i++) {
      const id = `bp-${written + i + 1}`;
      const adult = members[i] !== 'ENF';
      const birth = adult ? dayOf('1960-01-01') + rng.int(0, 15000) : dayOf('2008-01-01') + rng.int(0, 6000);
      await out.line({
        kind: 'person',
        id,
        householdNumber,
        role: members[i],
        nir: null,
        birthName: rng.pick(NAMES),
        lastName: null,
        firstName: rng.pick(FIRST),
        birthDate: isoOf(birth),
        sex: rng.chance(0.55) ? 'F' : 'M',
        commune: commune.code,
      });
      lines++;
      if (adult) {
        const n = await writePathway(out, rng, t, refs, id, commune.hub);
        events += n;
        lines += n;
      } else {
        // A child: in the household's rights, without duties.
        await out.line({
          kind: 'rights',
          personId: id,
          date: isoOf(FIRST_ENTRY + rng.int(0, LAST_ENTRY - FIRST_ENTRY)),
          status: 'open',
          subjectToDuties: false,
        });
        events++;
        lines++;
      }
    }
    written += members.length;
    inFile += members.length;
  }
  if (out) await out.end();
  for (const f of files) fs.renameSync(`${f}.tmp`, f);
  const summary: HistorySummary = { files, persons: written, events, lines };
  fs.writeFileSync(summaryFile, JSON.stringify(summary));
  return summary;
}
