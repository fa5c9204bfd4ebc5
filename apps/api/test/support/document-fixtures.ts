import http from 'node:http';
import type { RunningApp } from '../../src/app';
import { DEMO_PASSWORD } from '../../src/demo/load-demo';
import { createAccount } from '../../src/modules/access/application/accounts';
import type { Client } from './harness';
import { daysAgo, fixtureLines, importLines, personIdOf, structureIdOf } from './orientation-fixtures';

/** Files and persons of the documents tests (issue 11, point 6). */

export const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('JFIF contenu de test'),
]);
export const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR contenu de test'),
]);

export interface Session {
  cookie: string;
  csrf: string;
}

export async function sessionOf(baseUrl: string, email: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** A PDF of `size` bytes sent with `Transfer-Encoding: chunked` (no Content-Length). */
export function sendChunked(
  url: string,
  session: Session,
  size: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/pdf',
          'transfer-encoding': 'chunked',
          'x-csrf-token': session.csrf,
          cookie: session.cookie,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer and stop reading before everything is written.
    req.on('error', () => undefined);
    const chunk = Buffer.alloc(64 * 1024);
    pdf.copy(chunk);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
    setTimeout(() => reject(new Error('no answer')), 20_000).unref();
  });
}

export const uploadPath = (personId: string, query: Record<string, string>) =>
  `/api/persons/${personId}/documents?${new URLSearchParams(query).toString()}`;

/**
 * Two persons of pôle Marseille 2/3: `mds` oriented to the MDS (the demo référent's and manager's
 * structure, and the demo beneficiary's own file), `lieu` to the lieu d'accueil, whose référent and
 * manager (`referent.autre@`, `responsable.autre@`) are created here.
 */
export async function seedDocumentPersons(app: RunningApp): Promise<{ mds: string; lieu: string }> {
  await importLines(
    app,
    fixtureLines('doc-', [
      {
        key: 'h-1',
        members: [
          { key: 'mds', role: 'DEM', birthDate: '1980-01-02', firstName: 'Inès', birthName: 'Papier' },
        ],
        rights: [{ date: daysAgo(20), status: 'open', subjectToDuties: true }],
      },
      {
        key: 'h-2',
        members: [
          { key: 'lieu', role: 'DEM', birthDate: '1981-03-04', firstName: 'Marc', birthName: 'Dossier' },
        ],
        rights: [{ date: daysAgo(20), status: 'open', subjectToDuties: true }],
      },
    ]),
  );
  const mds = await personIdOf(app, 'doc-mds');
  const lieu = await personIdOf(app, 'doc-lieu');
  const mdsStructure = await structureIdOf(app, 'MDS Marseille 2/3');
  const lieuStructure = await structureIdOf(app, "Lieu d'accueil Marseille 2/3");
  for (const [personId, structureId] of [
    [mds, mdsStructure],
    [lieu, lieuStructure],
  ] as const)
    await app.ctx.db
      .insertInto('orientation')
      .values({
        department_code: '13',
        person_id: personId,
        notified_on: daysAgo(10),
        pathway: 'social',
        structure_id: structureId,
        programme: null,
        source: 'parcours',
      })
      .execute();
  for (const [email, role] of [
    ['referent.autre@parcours.test', 'referent'],
    ['responsable.autre@parcours.test', 'structure_manager'],
  ] as const)
    await createAccount(
      app.ctx,
      null,
      { email, displayName: email, role, hubId: null, structureId: lieuStructure, password: DEMO_PASSWORD },
      null,
    );
  await app.ctx.db
    .updateTable('account')
    .set({ person_id: mds })
    .where('email', '=', 'beneficiaire@parcours.test')
    .execute();
  return { mds, lieu };
}

/** A PNG (by its signature) whose bytes carry a marker. */
const markedPng = (marker: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(` ${marker} `)]);

/**
 * The authorization sweep's documents: one for persons in, str and hub (added by the administrator
 * through the API) and one for département 84's person (in SQL), each with its person's document
 * marker in its title, file name and content.
 */
export async function seedSweepDocuments<K extends string>(
  app: RunningApp,
  admin: Client,
  persons: Record<K | 'in' | 'str' | 'hub' | 'dep', string>,
  marker: (key: 'in' | 'str' | 'hub' | 'dep') => string,
): Promise<Partial<Record<'in' | 'str' | 'hub' | 'dep', string>>> {
  const documents: Partial<Record<'in' | 'str' | 'hub' | 'dep', string>> = {};
  for (const key of ['in', 'str', 'hub'] as const) {
    const query = new URLSearchParams({
      kind: 'other',
      label: `Titre ${marker(key)}`,
      fileName: `${marker(key)}.png`,
    });
    const res = await admin.upload(
      `/api/persons/${persons[key]}/documents?${query}`,
      markedPng(marker(key)),
      'image/png',
    );
    if (res.status !== 201) throw new Error(`document ${key}: ${res.status} ${res.text}`);
    documents[key] = res.body.id as string;
  }
  // Département 84's person: no account here may reach it.
  const dep = await app.ctx.db
    .insertInto('person_document')
    .values({
      department_code: '84',
      person_id: persons.dep,
      kind: 'other',
      label: `Titre ${marker('dep')}`,
      file_name: `${marker('dep')}.png`,
      content_type: 'image/png',
      size_bytes: markedPng(marker('dep')).length,
      sha256: '0'.repeat(64),
      content: markedPng(marker('dep')),
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  documents.dep = dep.id;
  return documents;
}

/** A person of pôle Marseille 2/3 with nothing else on the file (département-wide roles see them). */
export async function newPerson(app: RunningApp, claimNumber: string): Promise<string> {
  const household = await app.ctx.db
    .insertInto('household')
    .values({
      department_code: '13',
      organism: 'CAF',
      claim_number: claimNumber,
      commune_code: '13203',
      rights_status: '2',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await app.ctx.db
    .insertInto('person')
    .values({
      department_code: '13',
      birth_name: 'Effacé',
      first_name: 'Test',
      birth_date: '1970-01-01',
      sex: 'M',
      household_id: household.id,
      household_role: 'DEM',
      rights_open: true,
      subject_to_duties: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return person.id;
}
