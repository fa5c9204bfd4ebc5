import { Readable } from 'node:stream';
import type { RunningApp } from '../../src/app';
import { DEMO_PASSWORD } from '../../src/demo/load-demo';
import { importHistory } from '../../src/modules/history/application/import-history';

/** Synthetic persons for the orientation tests, written as a previous system's history would be. */
type Line = Record<string, unknown>;

export interface FixtureMember {
  key: string;
  role: 'DEM' | 'CJT' | 'ENF';
  birthDate: string;
  firstName?: string;
  birthName?: string;
  sex?: 'F' | 'M';
}

export interface FixtureHousehold {
  key: string;
  commune?: string;
  members: FixtureMember[];
  /** Rights of the adults (DEM and CJT). */
  rights?: { date: string; status: 'open' | 'closed'; subjectToDuties: boolean }[];
  /** Orientations of the previous system (kept as facts, source 'history'). */
  orientations?: { memberKey: string; date: string; pathway: string; bodyKey: string }[];
}

export interface FixtureBody {
  key: string;
  name: string;
  type: string;
}

export function fixtureLines(
  prefix: string,
  households: FixtureHousehold[],
  bodies: FixtureBody[] = [],
): Line[] {
  const lines: Line[] = [
    { kind: 'hub', id: 'marseille-2-3', name: 'Marseille 2/3', communes: ['13202', '13203'] },
  ];
  for (const b of bodies) {
    lines.push({
      kind: 'body',
      id: `${prefix}${b.key}`,
      name: `${prefix}${b.name}`,
      type: b.type,
      hub: 'marseille-2-3',
    });
  }
  for (const h of households) {
    for (const m of h.members) {
      lines.push({
        kind: 'person',
        id: `${prefix}${m.key}`,
        householdNumber: `${prefix}${h.key}`,
        role: m.role,
        nir: null,
        birthName: m.birthName ?? 'Testeur',
        lastName: null,
        firstName: m.firstName ?? m.key,
        birthDate: m.birthDate,
        sex: m.sex ?? 'F',
        commune: h.commune ?? '13202',
      });
      if (m.role !== 'ENF') {
        for (const r of h.rights ?? []) lines.push({ kind: 'rights', personId: `${prefix}${m.key}`, ...r });
      }
    }
    for (const o of h.orientations ?? []) {
      lines.push({
        kind: 'orientation',
        personId: `${prefix}${o.memberKey}`,
        date: o.date,
        pathway: o.pathway,
        bodyId: `${prefix}${o.bodyKey}`,
        programme: null,
      });
    }
  }
  return lines;
}

export async function importLines(app: RunningApp, lines: Line[], fileName = 'orientation.ndjson') {
  const text = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
  const report = await importHistory(app.ctx, Readable.from([text]), { fileName, actor: null });
  if (report.status !== 'applied') {
    throw new Error(`history import ${report.status}: ${JSON.stringify(report.rejected)}`);
  }
  return report;
}

export async function personIdOf(app: RunningApp, externalId: string): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('person')
    .select('id')
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function structureIdOf(app: RunningApp, name: string): Promise<string> {
  const row = await app.ctx.db
    .selectFrom('structure')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A date N days before today (Paris), YYYY-MM-DD. */
export function daysAgo(n: number): string {
  const d = new Date(Date.now() - n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
}

/** A session that reads answers as bytes (PDF, XLSX) and gives up on a route that hangs. */
export class RawClient {
  constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
  ) {}
  static async login(app: RunningApp, email: string) {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new RawClient(app.url, cookie);
  }
  async get(path: string) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      headers: { cookie: this.cookie },
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }
}
