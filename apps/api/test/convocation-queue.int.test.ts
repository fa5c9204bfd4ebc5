import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../src/modules/orientation/application/queue';
import { type TestHousehold, vrsb } from './support/flux-xml';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-queue-test-'));
let n = 0;
const file = (content: string) => {
  const f = path.join(dir, `f${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
};
const today = parisToday();
const daysAgo = (d: number) => format(addDays(new Date(`${today}T12:00:00Z`), -d), 'yyyy-MM-dd');
const yearsAgo = (y: number) => `${Number(today.slice(0, 4)) - y}-03-15`;

const older: TestHousehold[] = [
  {
    claimNumber: '13200000001',
    status: '2',
    persons: [{ birthName: 'ANCIEN', firstName: 'Marc', birthDate: yearsAgo(40), sex: '1', role: 'DEM' }],
  },
];
const recent: TestHousehold[] = [
  {
    claimNumber: '13200000002',
    status: '2',
    persons: [{ birthName: 'ISOLEE', firstName: 'Léa', birthDate: yearsAgo(30), role: 'DEM' }],
  },
  {
    claimNumber: '13200000003',
    status: '2',
    persons: [
      { birthName: 'FAMILLE', firstName: 'Omar', birthDate: yearsAgo(35), sex: '1', role: 'DEM' },
      { birthName: 'FAMILLE', firstName: 'Nora', birthDate: yearsAgo(33), role: 'CJT' },
      { birthName: 'FAMILLE', firstName: 'Sami', birthDate: yearsAgo(6), sex: '1', role: 'ENF' },
    ],
  },
  {
    // Another pôle (Marseille 1er): not in the advisor's queue.
    claimNumber: '13200000004',
    status: '2',
    inseeCode: '13201',
    persons: [{ birthName: 'AILLEURS', firstName: 'Yves', birthDate: yearsAgo(50), sex: '1', role: 'DEM' }],
  },
  {
    // Not subject to rights and duties: never oriented.
    claimNumber: '13200000005',
    status: '2',
    persons: [{ birthName: 'ACTIF', firstName: 'Zoé', birthDate: yearsAgo(45), role: 'DEM', subject: false }],
  },
  {
    claimNumber: '13200000006',
    status: '2',
    persons: [{ birthName: 'JEUNE', firstName: 'Tom', birthDate: yearsAgo(22), sex: '1', role: 'DEM' }],
  },
];

describe.each(engines)('orientation queue (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let advisor: Client;
  beforeAll(async () => {
    app = await startTestApp(engine);
    await importFlux(app.ctx, {
      filePath: file(vrsb({ date: daysAgo(50), households: older })),
      fileName: 'old.xml',
      format: 'xml',
      actor: null,
    });
    await importFlux(app.ctx, {
      filePath: file(vrsb({ date: daysAgo(10), households: recent })),
      fileName: 'recent.xml',
      format: 'xml',
      actor: null,
    });
    advisor = await loggedIn(app, 'orientation@parcours.test');
  });

  it('lists the pôle’s new entrants subject to duties, oldest first, with both deadlines', async () => {
    const res = await advisor.get('/api/orientation/queue');
    expect(res.status).toBe(200);
    const names = res.body.entries.map((e: { person: { firstName: string } }) => e.person.firstName);
    expect(names).toEqual(['Marc', 'Omar', 'Nora', 'Léa', 'Tom']);
    expect(res.body.hub.name).toBe('Marseille 2/3');
    const marc = res.body.entries[0];
    expect(marc.entryDate).toBe(daysAgo(50));
    expect(marc.daysLeftLegal).toBe(42 - 50);
    expect(marc.daysLeftTarget).toBeLessThan(0);
    expect(marc.stage).toBe('to_convene');
    const omar = res.body.entries[1];
    expect(omar.householdType).toBe('couple_with_children');
    expect(omar.minorChildren).toBe(1);
    expect(omar.daysLeftLegal).toBe(32);
    expect(res.body.entries[3].householdType).toBe('isolated');
    expect(res.body.counters).toMatchObject({
      total: 5,
      toConvene: 5,
      convened: 0,
      overdueTarget: 1,
      overdueLegal: 1,
    });
    // The advisor needs the NIR (person.nir) but the queue never invents one.
    expect(marc.person.nir).toBeNull();
  });

  it('filters by household type, age, commune and lateness', async () => {
    const family = await advisor.get('/api/orientation/queue?householdType=couple_with_children');
    expect(family.body.entries.map((e: { person: { firstName: string } }) => e.person.firstName)).toEqual([
      'Omar',
      'Nora',
    ]);
    const young = await advisor.get('/api/orientation/queue?ageMax=25');
    expect(young.body.entries.map((e: { person: { firstName: string } }) => e.person.firstName)).toEqual([
      'Tom',
    ]);
    const late = await advisor.get('/api/orientation/queue?overdue=legal');
    expect(late.body.matching).toBe(1);
    const elsewhere = await advisor.get('/api/orientation/queue?commune=13201');
    expect(elsewhere.body.matching).toBe(0);
    const bad = await advisor.get('/api/orientation/queue?ageMin=abc');
    expect(bad.status).toBe(400);
  });

  it('keeps each agent to their pôle; the administrator sees the département', async () => {
    const other = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '!=', 'marseille-2-3')
      .executeTakeFirstOrThrow();
    expect((await advisor.get(`/api/orientation/queue?hubId=${other.id}`)).status).toBe(403);
    const admin = await loggedIn(app, 'admin@parcours.test');
    const all = await admin.get('/api/orientation/queue');
    expect(all.body.counters.total).toBe(6);
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.get('/api/orientation/queue')).status).toBe(403);
  });

  it('exports the filtered queue as XLSX without the NIR, and audits the export', async () => {
    const res = await advisor.bytes('/api/orientation/queue.xlsx?householdType=couple_with_children');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const header = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('Jours restants (délai légal)');
    expect(header.join(' ')).not.toMatch(/NIR/);
    expect(sheet.getRow(2).getCell(2).value).toBe('Omar');
    expect(sheet.getRow(2).getCell(7).value).toBe('Couple avec enfant(s) mineur(s)');
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'orientation.queue_export')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('exports dates as date cells and names exactly as stored', async () => {
    // A name with a space and capitals, as the CAF writes it: never « Le roux ».
    const omar = await app.ctx.db
      .selectFrom('person')
      .select(['id', 'birth_name', 'usual_name'])
      .where('first_name', '=', 'Omar')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('person')
      .set({ birth_name: 'LE ROUX', usual_name: 'LE ROUX' })
      .where('id', '=', omar.id)
      .execute();
    try {
      const res = await advisor.bytes('/api/orientation/queue.xlsx?householdType=couple_with_children');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const row = [2, 3].map((i) => sheet.getRow(i)).find((r) => r.getCell(2).value === 'Omar')!;
      expect(row.getCell(1).value).toBe('LE ROUX');
      // A usual name beside the birth name: both as written, apostrophe and particles kept.
      await app.ctx.db
        .updateTable('person')
        .set({ birth_name: 'DE LA FONTAINE', usual_name: "N'DIAYE", first_name: 'Jean-Pierre' })
        .where('id', '=', omar.id)
        .execute();
      const again = new ExcelJS.Workbook();
      await again.xlsx.load(
        (await advisor.bytes('/api/orientation/queue.xlsx?householdType=couple_with_children'))
          .body as unknown as ArrayBuffer,
      );
      const renamed = [2, 3]
        .map((i) => again.worksheets[0]!.getRow(i))
        .find((r) => r.getCell(2).value === 'Jean-Pierre')!;
      expect(renamed.getCell(1).value).toBe("N'DIAYE (né DE LA FONTAINE)");
      const birth = row.getCell(3);
      expect(birth.value).toBeInstanceOf(Date);
      expect((birth.value as Date).toISOString().slice(0, 10)).toBe(yearsAgo(35));
      expect(birth.numFmt).toBe('dd/mm/yyyy');
      const entry = row.getCell(8);
      expect(entry.value).toBeInstanceOf(Date);
      expect(entry.numFmt).toBe('dd/mm/yyyy');
      expect(row.getCell(9).value).toBeInstanceOf(Date);
      expect(row.getCell(11).value).toBeInstanceOf(Date);
    } finally {
      await app.ctx.db
        .updateTable('person')
        .set({ birth_name: omar.birth_name, usual_name: omar.usual_name, first_name: 'Omar' })
        .where('id', '=', omar.id)
        .execute();
    }
  });

  it('convenes a selection in one batch on a collective session; the queue shows them convened', async () => {
    const queue = await advisor.get('/api/orientation/queue');
    const ids = queue.body.entries
      .filter((e: { person: { firstName: string } }) => ['Marc', 'Léa', 'Tom'].includes(e.person.firstName))
      .map((e: { person: { id: string } }) => e.person.id);
    const hub = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'marseille-2-3')
      .executeTakeFirstOrThrow();
    // Beyond the minimum postal delay (five days by default): the letters go out.
    const start = addDays(new Date(), 8);
    const slot = await app.ctx.db
      .insertInto('agenda_slot')
      .values({
        department_code: '13',
        hub_id: hub.id,
        kind: 'collective',
        purpose: 'orientation',
        starts_at: start,
        ends_at: new Date(start.getTime() + 2 * 3600_000),
        place: 'Pôle d’insertion Marseille 2/3, salle 1',
        capacity: 10,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const res = await advisor.post('/api/orientation/convocations', { personIds: ids, slotId: slot.id });
    expect(res.status, res.text).toBe(201);
    expect(res.body.convocations).toHaveLength(3);
    expect(res.body.lettersUrl).toBe(`/api/messaging/batches/${res.body.batchId}/letters.pdf`);
    for (const c of res.body.convocations) expect(c.channels).toContain('letter');

    const after = await advisor.get('/api/orientation/queue?convened=yes');
    expect(
      after.body.entries.map((e: { person: { firstName: string } }) => e.person.firstName).sort(),
    ).toEqual(['Léa', 'Marc', 'Tom']);
    expect(after.body.entries[0].nextAppointment.place).toBe('Pôle d’insertion Marseille 2/3, salle 1');
    expect(after.body.counters.convened).toBe(3);

    // Convening them again is refused, naming them; nothing changes.
    const before = await app.ctx.db
      .selectFrom('appointment')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const again = await advisor.post('/api/orientation/convocations', { personIds: ids, slotId: slot.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/déjà un rendez-vous d’orientation prévu/);
    const still = await app.ctx.db
      .selectFrom('appointment')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(still.n)).toBe(Number(before.n));
  });

  it('refuses a batch holding a person with no address and no contact, and changes nothing', async () => {
    const queue = await advisor.get('/api/orientation/queue?convened=no');
    const omar = queue.body.entries.find(
      (e: { person: { firstName: string } }) => e.person.firstName === 'Omar',
    );
    const nora = queue.body.entries.find(
      (e: { person: { firstName: string } }) => e.person.firstName === 'Nora',
    );
    // The family's address is unknown and they gave no contact.
    const household = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', omar.person.id)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('household')
      .set({ street_name: null, street_number: null, street_type: null, locality: null })
      .where('id', '=', household.household_id as string)
      .execute();
    const messagesBefore = await app.ctx.db
      .selectFrom('message')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await advisor.post('/api/orientation/convocations', {
      personIds: [omar.person.id, nora.person.id],
      nextIndividualSlots: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NO_CHANNEL');
    expect(res.body.error.message).toMatch(/Omar FAMILLE, Nora FAMILLE/);
    const messagesAfter = await app.ctx.db
      .selectFrom('message')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(messagesAfter.n)).toBe(Number(messagesBefore.n));
    const planned = await app.ctx.db
      .selectFrom('appointment')
      .select('id')
      .where('person_id', 'in', [omar.person.id, nora.person.id])
      .execute();
    expect(planned).toHaveLength(0);
  });

  it('rejects an invalid batch request with a clear message', async () => {
    const res = await advisor.post('/api/orientation/convocations', { personIds: [] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/au moins une personne/);
  });
});
