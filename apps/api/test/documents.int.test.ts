import { createHash } from 'node:crypto';
import { api, MAX_DOCUMENT_BYTES } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app';
import { loadDemoDocuments } from '../src/modules/beneficiaries/application/demo-documents';
import {
  jpeg,
  newPerson,
  pdf,
  png,
  seedDocumentPersons,
  sendChunked,
  sessionOf,
  uploadPath,
} from './support/document-fixtures';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';

/**
 * Documents of a person's file (issue 11, point 6): type proven by the content, 10 MB at most,
 * nothing stored on a refusal, downloads identical and audited, withdrawal keeps the trace only,
 * the person gate on every route, and the documents deleted with the person.
 */

describe.each(engines)('person documents (%s)', (engine) => {
  let app: RunningApp;
  let referent: Client;
  let mds: string;
  let lieu: string;

  const countDocuments = async () =>
    Number(
      (
        await app.ctx.db
          .selectFrom('person_document')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = await startTestApp(engine);
    ({ mds, lieu } = await seedDocumentPersons(app));
    referent = await loggedIn(app, 'referent@parcours.test');
  });

  it('accepts PDF, JPEG and PNG, lists them and gives back the same bytes, audited', async () => {
    const before = await countDocuments();
    const sent: { bytes: Buffer; type: string; name: string; kind: string; label?: string }[] = [
      {
        bytes: pdf,
        type: 'application/pdf',
        name: 'Contrat signé.pdf',
        kind: 'signed_contract',
        label: 'Contrat 2026',
      },
      { bytes: jpeg, type: 'image/jpeg', name: 'C:\\Users\\inès\\carte identité.JPG', kind: 'identity' },
      { bytes: png, type: 'image/png', name: '../../etc/passwd', kind: 'other', label: '  ' },
    ];
    const ids: string[] = [];
    for (const s of sent) {
      const res = await referent.upload(
        uploadPath(mds, {
          kind: s.kind,
          fileName: s.name,
          ...(s.label !== undefined ? { label: s.label } : {}),
        }),
        s.bytes,
        s.type,
      );
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({
        personId: mds,
        kind: s.kind,
        contentType: s.type,
        sizeBytes: s.bytes.length,
        sha256: createHash('sha256').update(s.bytes).digest('hex'),
        uploadedByName: expect.any(String),
        withdrawnAt: null,
      });
      ids.push(res.body.id);
    }
    expect(await countDocuments()).toBe(before + 3);

    const list = await referent.call(api.documents.list, { params: { id: mds } });
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((d) => [d.id, d]));
    expect(byId.get(ids[0]!)).toMatchObject({ fileName: 'Contrat signé.pdf', label: 'Contrat 2026' });
    // Folders and dots are gone; the extension is the content's.
    expect(byId.get(ids[1]!)).toMatchObject({ fileName: 'carte identité.jpg', label: null });
    expect(byId.get(ids[2]!)).toMatchObject({ fileName: 'passwd.png', label: null });

    for (const [i, s] of sent.entries()) {
      const res = await referent.bytes(`/api/persons/${mds}/documents/${ids[i]}`);
      expect(res.status).toBe(200);
      expect(res.body.equals(s.bytes)).toBe(true);
      expect(res.headers.get('content-type')).toBe(s.type);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''/,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const disposition = (await referent.bytes(`/api/persons/${mds}/documents/${ids[0]}`)).headers.get(
      'content-disposition',
    );
    expect(disposition).toBe(
      `attachment; filename="Contrat signe.pdf"; filename*=UTF-8''Contrat%20sign%C3%A9.pdf`,
    );

    const traces = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'target_id', 'person_id'])
      .where('person_id', '=', mds)
      .where('action', 'in', ['document.added', 'document.downloaded', 'person.read'])
      .execute();
    expect(
      traces
        .filter((t) => t.action === 'document.added')
        .map((t) => t.target_id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(traces.filter((t) => t.action === 'document.downloaded' && t.target_id === ids[0])).toHaveLength(
      2,
    );
    expect(traces.some((t) => t.action === 'person.read')).toBe(true);
    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', mds)
      .where('type', '=', 'document_added')
      .execute();
    expect(timeline).toHaveLength(3);
    const file = await referent.call(api.persons.getFile, { params: { id: mds } });
    expect(JSON.stringify(file.body)).toContain('Document ajouté au dossier : Pièce d’identité');
  });

  it('refuses a wrong type, a lying type, an empty file and 10 MB + 1 byte, storing nothing', async () => {
    const before = await countDocuments();
    const cases: { data: Buffer; type: string; status: number; message: RegExp }[] = [
      {
        data: Buffer.from('MZ\x90\x00 exécutable'),
        type: 'application/pdf',
        status: 422,
        message: /ni un PDF/,
      },
      {
        data: Buffer.from('<html>bonjour</html>'),
        type: 'text/html',
        status: 422,
        message: /PDF, JPEG et PNG/,
      },
      // A PNG announced as a PDF, a PDF announced as a JPEG.
      { data: png, type: 'application/pdf', status: 422, message: /image PNG.*ne correspond pas.*PDF/ },
      { data: pdf, type: 'image/jpeg', status: 422, message: /PDF.*ne correspond pas.*JPEG/ },
      { data: Buffer.alloc(0), type: 'application/pdf', status: 400, message: /vide/ },
      {
        data: Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - pdf.length)]),
        type: 'application/pdf',
        status: 413,
        message: /10 Mo/,
      },
    ];
    for (const c of cases) {
      const res = await referent.upload(uploadPath(mds, { kind: 'cv', fileName: 'cv.pdf' }), c.data, c.type);
      expect(res.status, `${c.type} ${c.data.length}`).toBe(c.status);
      expect(res.body.error.message).toMatch(c.message);
      expect(res.body.error.fields?.[0]?.path).toBe('file');
    }
    // Sent in chunks without announcing its length: stopped at 10 MB + 1 byte, answered 413.
    const chunked = await sendChunked(
      `${app.url}${uploadPath(mds, { kind: 'cv', fileName: 'flux.pdf' })}`,
      await sessionOf(app.url, 'referent@parcours.test'),
      MAX_DOCUMENT_BYTES + 1,
    );
    expect(chunked.status).toBe(413);
    expect(chunked.body).toContain('10 Mo');
    // Exactly 10 MB is accepted.
    const max = Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES - pdf.length)]);
    const ok = await referent.upload(
      uploadPath(mds, { kind: 'cv', fileName: 'gros.pdf' }),
      max,
      'application/pdf',
    );
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.sizeBytes).toBe(MAX_DOCUMENT_BYTES);
    expect(await countDocuments()).toBe(before + 1);
    // A kind out of the list, a missing file name: refused at the edge.
    const badKind = await referent.upload(
      uploadPath(mds, { kind: 'passport', fileName: 'a.pdf' }),
      pdf,
      'application/pdf',
    );
    expect(badKind.status).toBe(400);
    const noName = await referent.upload(uploadPath(mds, { kind: 'cv' }), pdf, 'application/pdf');
    expect(noName.status).toBe(400);
    expect(await countDocuments()).toBe(before + 1);
  });

  it('withdraws with a reason: the trace stays, the bytes go, the download is refused', async () => {
    const added = await referent.upload(
      uploadPath(mds, { kind: 'proof_of_address', fileName: 'edf.pdf' }),
      pdf,
      'application/pdf',
    );
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    const noReason = await referent.call(api.documents.withdraw, {
      params: { id: mds, documentId: id },
      body: { reason: ' ', version: 1 },
    });
    expect(noReason.status).toBe(400);
    const stale = await referent.call(api.documents.withdraw, {
      params: { id: mds, documentId: id },
      body: { reason: 'Erreur de dossier', version: 7 },
    });
    expect(stale.status).toBe(409);
    const done = await referent.call(api.documents.withdraw, {
      params: { id: mds, documentId: id },
      body: { reason: 'Erreur de dossier', version: 1 },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      withdrawReason: 'Erreur de dossier',
      withdrawnByName: expect.any(String),
    });
    const row = await app.ctx.db
      .selectFrom('person_document')
      .select(['content', 'sha256', 'withdrawn_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(row.sha256).toHaveLength(64);
    expect((await referent.bytes(`/api/persons/${mds}/documents/${id}`)).status).toBe(404);
    const again = await referent.call(api.documents.withdraw, {
      params: { id: mds, documentId: id },
      body: { reason: 'Encore', version: 2 },
    });
    expect(again.status).toBe(409);
    const list = await referent.call(api.documents.list, { params: { id: mds } });
    expect(list.body.items.map((d) => d.id)).not.toContain(id);
    expect(list.body.withdrawn.map((d) => d.id)).toContain(id);
    const events = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', mds)
      .where('type', '=', 'document_withdrawn')
      .execute();
    expect(events.map((e) => e.data)).toEqual([{ documentId: id, kind: 'proof_of_address' }]);
  });

  it('keeps other structures and other persons out (403/404), and the beneficiary to their own file', async () => {
    const own = await referent.upload(
      uploadPath(mds, { kind: 'cv', fileName: 'cv.pdf' }),
      pdf,
      'application/pdf',
    );
    const admin = await loggedIn(app, 'admin@parcours.test');
    const other = await admin.upload(
      uploadPath(lieu, { kind: 'cv', fileName: 'autre.pdf' }),
      pdf,
      'application/pdf',
    );
    expect(other.status).toBe(201);
    const before = await countDocuments();
    for (const email of ['referent.autre@parcours.test', 'responsable.autre@parcours.test']) {
      const c = await loggedIn(app, email);
      expect((await c.call(api.documents.list, { params: { id: mds } })).status, email).toBe(403);
      expect((await c.bytes(`/api/persons/${mds}/documents/${own.body.id}`)).status, email).toBe(403);
      expect(
        (await c.upload(uploadPath(mds, { kind: 'cv', fileName: 'x.pdf' }), pdf, 'application/pdf')).status,
        email,
      ).toBe(403);
      expect(
        (
          await c.call(api.documents.withdraw, {
            params: { id: mds, documentId: own.body.id },
            body: { reason: 'Intrusion', version: 1 },
          })
        ).status,
        email,
      ).toBe(403);
      // Their own person: allowed; another person's document through it: not found.
      expect((await c.call(api.documents.list, { params: { id: lieu } })).status, email).toBe(200);
      expect((await c.bytes(`/api/persons/${lieu}/documents/${own.body.id}`)).status, email).toBe(404);
    }
    const manager = await loggedIn(app, 'responsable@parcours.test');
    expect((await manager.bytes(`/api/persons/${mds}/documents/${own.body.id}`)).status).toBe(200);

    const beneficiary = await loggedIn(app, 'beneficiaire@parcours.test');
    const mine = await beneficiary.call(api.documents.list, { params: { id: mds } });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d) => d.id)).toContain(own.body.id);
    const bytes = await beneficiary.bytes(`/api/persons/${mds}/documents/${own.body.id}`);
    expect(bytes.status).toBe(200);
    expect(bytes.body.equals(pdf)).toBe(true);
    expect((await beneficiary.call(api.documents.list, { params: { id: lieu } })).status).toBe(403);
    expect((await beneficiary.bytes(`/api/persons/${lieu}/documents/${other.body.id}`)).status).toBe(403);
    expect((await beneficiary.bytes(`/api/persons/${mds}/documents/${other.body.id}`)).status).toBe(404);
    expect(
      (await beneficiary.upload(uploadPath(mds, { kind: 'cv', fileName: 'x.pdf' }), pdf, 'application/pdf'))
        .status,
    ).toBe(403);
    // The operator has no documents permission at all.
    const operator = await loggedIn(app, 'operateur@parcours.test');
    expect((await operator.call(api.documents.list, { params: { id: mds } })).status).toBe(403);
    expect(await countDocuments()).toBe(before);
    const denied = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', mds)
      .where('action', 'in', ['person.read_denied', 'person.act_denied'])
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it('gives the demo beneficiary one real PDF, once', async () => {
    const own = await newPerson(app, 'doc-demo');
    await app.ctx.db
      .updateTable('account')
      .set({ person_id: own })
      .where('email', '=', 'beneficiaire@parcours.test')
      .execute();
    const before = await countDocuments();
    await loadDemoDocuments(app.ctx);
    await loadDemoDocuments(app.ctx);
    expect(await countDocuments()).toBe(before + 1);
    const beneficiary = await loggedIn(app, 'beneficiaire@parcours.test');
    const list = await beneficiary.call(api.documents.list, { params: { id: own } });
    const demo = list.body.items.find((d) => d.fileName === 'attestation-formation-demo.pdf');
    expect(demo).toMatchObject({ kind: 'certificate', contentType: 'application/pdf' });
    const file = await beneficiary.bytes(`/api/persons/${own}/documents/${demo!.id}`);
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.body.length).toBe(demo!.sizeBytes);
  });

  it('deletes the documents with the person', async () => {
    const personId = await newPerson(app, 'doc-purge');
    const admin = await loggedIn(app, 'admin@parcours.test');
    for (const kind of ['identity', 'cv'])
      expect(
        (await admin.upload(uploadPath(personId, { kind, fileName: 'f.png' }), png, 'image/png')).status,
      ).toBe(201);
    const count = (id: string) =>
      app.ctx.db.selectFrom('person_document').select('id').where('person_id', '=', id).execute();
    expect(await count(personId)).toHaveLength(2);
    await app.ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('timeline_event').where('person_id', '=', personId).execute();
      await trx.deleteFrom('person').where('id', '=', personId).execute();
    });
    expect(await count(personId)).toHaveLength(0);
  });
});
