import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { TZDate } from '@date-fns/tz';
import { PDFParse } from 'pdf-parse';
import { SMTPServer } from 'smtp-server';
import type { RunningApp } from '../../src/app';
import type { RequestActor } from '../../src/platform/auth/sessions';

/** A real SMTP server that keeps what it receives and can be taken down and brought back on its port. */
export async function startControllableSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
  let server: SMTPServer | null = create();
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  const stop = async () => {
    if (!server) return;
    const s = server;
    server = null;
    await new Promise<void>((r) => s.close(() => r()));
  };
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    /** The server stops listening: connections are refused. */
    down: stop,
    async up() {
      if (server) return;
      server = create();
      server.listen(port, '127.0.0.1');
      await once(server.server, 'listening');
    },
    close: stop,
  };
}

/** The text of a single-part mail body, decoded (quoted-printable or base64). */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).trim();
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  return body
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replaceAll('=', ''), 'hex').toString('utf8'));
}

export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const r = await parser.getText();
    return { text: r.text.replace(/\s+/g, ' '), pages: r.total };
  } finally {
    await parser.destroy();
  }
}

/** The session cookie of a demo account, for binary downloads with fetch. */
export async function sessionCookie(app: RunningApp, email: string): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Parcours-demo-2026' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export async function download(app: RunningApp, cookie: string, path: string) {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The actor of a demo account, as use cases called by other modules receive it. */
export async function actorOf(app: RunningApp, email: string): Promise<RequestActor> {
  const a = await app.ctx.db
    .selectFrom('account')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return {
    accountId: a.id,
    departmentCode: a.department_code,
    role: a.role as RequestActor['role'],
    email: a.email,
    displayName: a.display_name,
    hubId: a.hub_id,
    structureId: a.structure_id,
    personId: a.person_id,
    sessionIdHash: '',
    csrfToken: '',
    expiresAt: new Date(Date.now() + 3_600_000),
    can: () => true,
  };
}

let counter = 0;

export interface TestPersonInput {
  firstName: string;
  lastName: string;
  sex?: 'M' | 'F';
  /** Postal address in Marseille 3e (pôle Marseille 2/3); false for none. */
  address?: boolean;
  email?: { value: string; consent: 'A' | 'R' | 'I' | null };
  phone?: { value: string; consent: 'A' | 'R' | 'I' | null };
}

/** A synthetic household and its demandeur, written directly (the flux import is tested elsewhere). */
export async function createTestPerson(app: RunningApp, input: TestPersonInput): Promise<string> {
  const db = app.ctx.db;
  counter++;
  const withAddress = input.address !== false;
  const household = await db
    .insertInto('household')
    .values({
      department_code: '13',
      organism: 'CAF',
      claim_number: `139${String(process.pid % 1000).padStart(3, '0')}${String(counter).padStart(5, '0')}`,
      street_number: withAddress ? '12' : null,
      street_type: withAddress ? 'RUE' : null,
      street_name: withAddress ? 'DES LILAS' : null,
      commune_code: '13203',
      postal_code: withAddress ? '13003' : null,
      commune_name: withAddress ? 'MARSEILLE' : null,
      rights_status: '2',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('person')
    .values({
      department_code: '13',
      birth_name: input.lastName,
      first_name: input.firstName,
      birth_date: '1988-04-12',
      sex: input.sex ?? 'F',
      household_id: household.id,
      household_role: 'DEM',
      rights_open: true,
      subject_to_duties: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [kind, c] of [
    ['email', input.email],
    ['phone', input.phone],
  ] as const) {
    if (!c) continue;
    await db
      .insertInto('contact')
      .values({
        department_code: '13',
        household_id: household.id,
        kind,
        value: c.value,
        consent: c.consent,
        source: 'test',
      })
      .execute();
  }
  return person.id;
}

/** An orientation appointment booked on a slot of the pôle Marseille 2/3, at a Paris wall-clock time. */
export async function createTestAppointment(
  app: RunningApp,
  personId: string,
  startsAt: Date,
  opts: { status?: string; place?: string } = {},
): Promise<string> {
  const db = app.ctx.db;
  const hub = await db
    .selectFrom('insertion_hub')
    .select('id')
    .where('code', '=', 'marseille-2-3')
    .executeTakeFirstOrThrow();
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const place = opts.place ?? "Pôle d'insertion Marseille 2/3, 14 rue Félix Pyat, 13003 Marseille";
  const slot = await db
    .insertInto('agenda_slot')
    .values({
      department_code: '13',
      hub_id: hub.id,
      structure_id: null,
      advisor_account_id: null,
      kind: 'individual',
      purpose: 'orientation',
      starts_at: startsAt,
      ends_at: endsAt,
      place,
      capacity: 1,
      cancel_reason: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const appointment = await db
    .insertInto('appointment')
    .values({
      department_code: '13',
      person_id: personId,
      on_date: startsAt.toISOString().slice(0, 10),
      structure_id: null,
      purpose: 'orientation',
      status: opts.status ?? 'planned',
      source: 'parcours',
      slot_id: slot.id,
      hub_id: hub.id,
      entry_spell_id: null,
      starts_at: startsAt,
      ends_at: endsAt,
      place,
      booked_by: null,
      rescheduled_from_id: null,
      status_reason: null,
      outcome_recorded_by: null,
      outcome_recorded_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return appointment.id;
}

/** A Paris wall-clock time `days` from today. */
export function parisTimeInDays(days: number, hour: number, minute: number): Date {
  const now = new TZDate(Date.now(), 'Europe/Paris');
  return new Date(
    new TZDate(
      now.getFullYear(),
      now.getMonth(),
      now.getDate() + days,
      hour,
      minute,
      'Europe/Paris',
    ).getTime(),
  );
}

/** Makes the pending jobs due now instead of after their back-off, then runs one pass of the queue. */
export async function tickNow(app: RunningApp) {
  await app.ctx.db
    .updateTable('job')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('status', '=', 'pending')
    .execute();
  return app.ctx.jobs.tick();
}
