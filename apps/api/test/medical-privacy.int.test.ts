import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { DEMO_PASSWORD } from '../src/demo/load-demo';
import { createAccount } from '../src/modules/access/application/accounts';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import {
  daysAgo,
  fixtureLines,
  importLines,
  personIdOf,
  RawClient,
  structureIdOf,
} from './support/orientation-fixtures';

/** Written in the medical records only: it must come out of no other door. */
const MARKER = 'ZXQSECRETMEDICAL7731';
const today = daysAgo(0);

/** Every text a person could read in an answer: JSON or text as is, PDF text, spreadsheet cells. */
async function readableText(type: string, bytes: Buffer): Promise<string> {
  if (type.includes('application/pdf')) {
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(cell.text ?? String(cell.value ?? ''));
        });
      });
    });
    return cells.join('\n');
  }
  return bytes.toString('utf8');
}

describe.each(engines)('medical team and health-data privacy (%s)', (engine) => {
  let app: RunningApp;
  let advisor: Client;
  let medical: Client;
  let personId: string;
  let orientationId: string;
  let referralId: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    await importLines(
      app,
      fixtureLines('mp-', [
        {
          key: 'h-1',
          members: [
            { key: 'p1', role: 'DEM', birthDate: '1978-09-09', firstName: 'Yasmine', birthName: 'Santé' },
          ],
          rights: [{ date: daysAgo(12), status: 'open', subjectToDuties: true }],
        },
      ]),
    );
    personId = await personIdOf(app, 'mp-p1');
    // A postal address: the decision letter (a PDF) exists and is read by the loop below.
    await app.ctx.db
      .updateTable('household')
      .set({
        street_number: '3',
        street_name: 'place Jules Guesde',
        postal_code: '13003',
        commune_name: 'Marseille',
      })
      .where('claim_number', '=', 'mp-h-1')
      .execute();
    const aix = await app.ctx.db
      .selectFrom('insertion_hub')
      .select('id')
      .where('code', '=', 'aix-gardanne')
      .executeTakeFirstOrThrow();
    await createAccount(
      app.ctx,
      null,
      {
        email: 'medical.aix@parcours.test',
        displayName: 'Dr Aix',
        role: 'medical_team',
        hubId: aix.id,
        structureId: null,
        password: DEMO_PASSWORD,
      },
      null,
    );
    // The beneficiary account is this person's: their own file must not show it either.
    await app.ctx.db
      .updateTable('account')
      .set({ person_id: personId })
      .where('email', '=', 'beneficiaire@parcours.test')
      .execute();
    advisor = await loggedIn(app, 'orientation@parcours.test');
    medical = await loggedIn(app, 'medical@parcours.test');
  });

  it('runs from the advisor’s request to the recommendation, others seeing the recommendation only', async () => {
    const diag = await advisor.post(`/api/persons/${personId}/diagnoses`, {
      diagnosedOn: today,
      employmentSituation: 'unavailable',
      obstacles: [{ themeId: 'sante', severity: 'severe', comment: 'Déclare des difficultés de santé' }],
    });
    expect(diag.status).toBe(201);
    const decided = await advisor.post(`/api/persons/${personId}/orientations`, {
      pathway: 'health',
      structureId: await structureIdOf(app, 'Équipe médicale du pôle Marseille 2/3'),
      decidedOn: today,
    });
    expect(decided.status).toBe(201);
    orientationId = decided.body.orientation.id;
    expect(decided.body.letterMessageId).not.toBeNull();
    referralId = decided.body.medicalReferralId;

    // One request at a time; only the roles with medical.refer may ask.
    const again = await advisor.post(`/api/persons/${personId}/medical-referrals`, {
      reason: 'Avis sur les actions compatibles',
    });
    expect(again.status).toBe(409);
    const admin = await loggedIn(app, 'admin@parcours.test');
    expect((await admin.post(`/api/persons/${personId}/medical-referrals`, { reason: 'Essai' })).status).toBe(
      403,
    );

    const list = await medical.get('/api/medical/referrals');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: referralId,
        status: 'requested',
        person: expect.objectContaining({ id: personId }),
      }),
    ]);
    const other = await loggedIn(app, 'medical.aix@parcours.test');
    expect((await other.get('/api/medical/referrals?status=all')).body.items).toEqual([]);

    const first = await medical.post(`/api/medical/referrals/${referralId}/records`, {
      kind: 'diagnosis',
      body: `Diagnostic médical : ${MARKER} lombalgie chronique`,
    });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('in_progress');
    const note = await medical.post(`/api/medical/referrals/${referralId}/records`, {
      kind: 'note',
      body: `Note de suivi ${MARKER}`,
    });
    expect(note.body.records.map((r: { kind: string }) => r.kind)).toEqual(['diagnosis', 'note']);
    expect(
      (await other.post(`/api/medical/referrals/${referralId}/records`, { kind: 'note', body: 'x' })).status,
    ).toBe(403);

    const stale = await medical.post(`/api/medical/referrals/${referralId}/recommendation`, {
      compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
      carePathwayAdvised: true,
      recommendation: 'Reprise progressive d’activité',
      version: 1,
    });
    expect(stale.status).toBe(409);
    const done = await medical.post(`/api/medical/referrals/${referralId}/recommendation`, {
      compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
      carePathwayAdvised: true,
      recommendation: 'Reprise progressive d’activité',
      version: note.body.version,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      recommendedOn: today,
      recommendedByName: 'Dr Élise Médecin',
    });

    const w = (await advisor.get(`/api/persons/${personId}/orientation`)).body;
    expect(w.medical).toEqual([
      {
        referralId,
        status: 'completed',
        requestedOn: today,
        requestReason: expect.any(String),
        compatibleActions: 'Ateliers collectifs, pas de port de charges lourdes',
        carePathwayAdvised: true,
        recommendation: 'Reprise progressive d’activité',
        recommendedOn: today,
      },
    ]);
    const events = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', personId)
      .where('type', '=', 'medical_referral')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.data)).toEqual([
      { referralId, status: 'requested' },
      { referralId, status: 'completed' },
    ]);
  });

  it('audits every reading of health data, and refusals', async () => {
    const other = await loggedIn(app, 'medical.aix@parcours.test');
    expect((await other.get(`/api/medical/referrals/${referralId}`)).status).toBe(403);
    const read = await medical.get(`/api/medical/referrals/${referralId}`);
    expect(read.status).toBe(200);
    // Positive control: the marker is there for the medical team of the pôle.
    expect(read.text).toContain(MARKER);
    const traces = await app.ctx.db
      .selectFrom('audit_event as e')
      .innerJoin('account as a', 'a.id', 'e.actor_account_id')
      .select(['a.email', 'e.action', 'e.person_id', 'e.target_id', 'e.details'])
      .where('e.target_type', '=', 'medical_referral')
      .where('e.target_id', '=', referralId)
      .orderBy('e.seq')
      .execute();
    expect(traces).toContainEqual(
      expect.objectContaining({
        email: 'medical@parcours.test',
        action: 'medical.read',
        person_id: personId,
      }),
    );
    expect(traces).toContainEqual(
      expect.objectContaining({ email: 'medical.aix@parcours.test', action: 'medical.read_denied' }),
    );
    expect(traces.filter((t) => t.action === 'medical.record_added')).toHaveLength(2);
    expect(JSON.stringify(traces)).not.toContain(MARKER);
  });

  it('lets no GET route of the application show the records to anyone but the pôle’s medical team', async () => {
    const accounts = [
      'admin@parcours.test',
      'orientation@parcours.test',
      'referent@parcours.test',
      'operateur@parcours.test',
      'ep@parcours.test',
      'aides@parcours.test',
      'pilotage@parcours.test',
      'beneficiaire@parcours.test',
      'medical.aix@parcours.test',
    ];
    const gets = app.routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'));
    expect(gets.length).toBeGreaterThan(30);
    const ids = [personId, referralId, orientationId];
    const query = `q=${MARKER}&search=${MARKER}&status=all&personId=${personId}&referralId=${referralId}`;
    const paths = (url: string): string[] => {
      if (url === '/*') return ['/personnes', `/equipe-medicale/${referralId}`];
      const others = url.replace(/:inseeCode/g, '13202').replace(/:(?!id\b)\w+/g, MARKER);
      const filled = others.includes(':id') ? ids.map((id) => others.replace(/:id\b/g, id)) : [others];
      return filled.flatMap((p) => [p, `${p}?${query}`]);
    };
    let checked = 0;
    let pdfs = 0;
    let readable = 0;
    for (const email of accounts) {
      const client = await RawClient.login(app, email);
      for (const route of gets) {
        for (const path of paths(route.url)) {
          const res = await client.get(path);
          const text = await readableText(res.type, res.bytes);
          if (res.status === 200 && res.type.includes('application/pdf')) pdfs++;
          expect(text, `${email} GET ${path}`).not.toContain(MARKER);
          expect(res.bytes.toString('latin1'), `${email} GET ${path}`).not.toContain(MARKER);
          if (route.url === '/api/medical/referrals' && email === 'medical.aix@parcours.test') {
            // Another pôle's medical team sees its own list, without this request.
            expect(res.status).toBe(200);
            expect(text).not.toContain(referralId);
          } else if (route.url.startsWith('/api/medical/')) {
            expect([403, 404], `${email} GET ${path}`).toContain(res.status);
          }
          if (res.status === 200) readable++;
          checked++;
        }
      }
    }
    // The loop did reach data: the person's file and workspace answered for some of them.
    expect(checked).toBeGreaterThan(accounts.length * gets.length);
    expect(readable).toBeGreaterThan(accounts.length * 5);
    // The decision letter was among them, read as text.
    expect(pdfs).toBeGreaterThan(0);
    for (const email of ['orientation@parcours.test', 'admin@parcours.test', 'beneficiaire@parcours.test']) {
      const client = await RawClient.login(app, email);
      expect((await client.get(`/api/persons/${personId}`)).status, email).toBe(200);
    }
  }, 600_000);
});
