import { createHash } from 'node:crypto';
import { api, type CafFile } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { queueCafLine, withdrawCafLines } from '../src/modules/sanctions/application/caf-lines';
import { CAF_FILE_COLUMNS } from '../src/modules/sanctions/domain/caf-transmission';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';
import { seedCase } from './support/sanction-fixtures';

/*
 * Issue 14 point 5: a notified suspension queues its line for the CAF; the day's file carries every
 * line waiting up to that day, once (the same day again gives the same file); the CAF's answer is
 * checked as a whole (an unknown line refuses it all, nothing changed), recorded per line and
 * idempotent; a rejected line goes back to the queue with its reason; the end by remobilisation
 * queues its line and shows the sums to pay back.
 */
describe.each(engines)('CAF transmission (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;
  let ep: Client;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);
  let samia: string;
  let marc: string;
  let samiaCase: string;
  let marcCase: string;
  let samiaLine: string;
  let marcLine: string;
  let file1: CafFile;
  let file2: CafFile;

  beforeAll(async () => {
    app = await startTestApp(engine);
    admin = await loggedIn(app, 'admin@parcours.test');
    ep = await loggedIn(app, 'ep@parcours.test');
    samia = await createTestPerson(app, { firstName: 'Samia', lastName: 'Transmise' });
    marc = await createTestPerson(app, { firstName: 'Marc', lastName: 'Dossier;Deux' });
    // The CAF's numbers of Samia's household and her NIR: the file carries them.
    const { household_id } = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', samia)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('household')
      .set({ matricule: '7654321' })
      .where('id', '=', household_id!)
      .execute();
    await app.ctx.db.updateTable('person').set({ nir: '2880413123456' }).where('id', '=', samia).execute();
    // Two decided suspensions (the procedure before is sanction-cases.int's).
    samiaCase = await seedCase(app, samia, 'decided', {
      decision_kind: 'sanction',
      percent: 50,
      months: 6,
      decided_on: day(-135),
    });
    marcCase = await seedCase(app, marc, 'decided', {
      decision_kind: 'sanction',
      percent: 100,
      months: 1,
      decided_on: day(-125),
    });
  });

  const lineOf = (id: string) =>
    app.ctx.db.selectFrom('caf_transmission_line').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const linesOfCase = (caseId: string) =>
    app.ctx.db
      .selectFrom('caf_transmission_line')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();
  const linesOfAll = () => app.ctx.db.selectFrom('caf_transmission_line').selectAll().execute();
  const version = async (caseId: string) =>
    (
      await app.ctx.db
        .selectFrom('sanction_case')
        .select('version')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).version;
  /** Every row of the CAF tables and the timeline, hashed: "nothing changed" is checked on it. */
  const fingerprint = async () =>
    (
      await sql<{ h: string }>`SELECT md5(
        coalesce((SELECT string_agg(x::text, '|' ORDER BY x.id) FROM caf_transmission_line x), '') ||
        coalesce((SELECT string_agg(x::text, '|' ORDER BY x.id) FROM caf_transmission_file x), '') ||
        coalesce((SELECT string_agg(x::text, '|' ORDER BY x.line_id, x.file_id) FROM caf_transmission_file_line x), '') ||
        coalesce((SELECT string_agg(x::text, '|' ORDER BY x.id) FROM timeline_event x), '')) AS h`.execute(
        app.ctx.db,
      )
    ).rows[0]!.h;
  const ack = (fileId: string, csv: string) =>
    admin.upload(`/api/sanctions/caf-files/${fileId}/acknowledgement`, csv, 'text/csv');

  it('queues the start line of a suspension in the notification’s transaction', async () => {
    for (const [person, caseId, on] of [
      [samia, samiaCase, day(-130)],
      [marc, marcCase, day(-120)],
    ] as const) {
      const res = await admin.call(api.sanctionCases.notify, {
        params: { id: person, caseId },
        body: { version: await version(caseId), notifiedOn: on },
      });
      expect(res.status, res.text).toBe(200);
    }
    [samiaLine, marcLine] = [(await linesOfCase(samiaCase))[0]!.id, (await linesOfCase(marcCase))[0]!.id];
    expect(await lineOf(samiaLine)).toMatchObject({
      kind: 'sanction_start',
      status: 'pending',
      effective_on: day(-130),
      percent: 50,
      months: 6,
      person_id: samia,
    });

    // The queue: an audited list of persons.
    const queue = await admin.call(api.cafTransmission.lines, { query: {} });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items.map((l) => [l.personName, l.kind, l.status])).toEqual([
      ['Samia Transmise', 'sanction_start', 'pending'],
      ['Marc Dossier;Deux', 'sanction_start', 'pending'],
    ]);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['person_ids', 'details'])
      .where('action', '=', 'person.list_read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect((trace.details as { list: string }).list).toBe('sanctions.caf_lines');
    expect([...(trace.person_ids ?? [])].sort()).toEqual([samia, marc].sort());
  });

  it('builds the day’s file once, with every line waiting up to that day and none twice', async () => {
    // In the future: refused.
    const future = await admin.call(api.cafTransmission.generateFile, { body: { date: day(1) } });
    expect(future.status).toBe(400);
    // Before any line: nothing to send.
    const empty = await admin.call(api.cafTransmission.generateFile, { body: { date: day(-200) } });
    expect(empty.status).toBe(409);

    const first = await admin.call(api.cafTransmission.generateFile, { body: { date: day(-130) } });
    expect(first.status, first.text).toBe(201);
    file1 = first.body;
    expect(file1).toMatchObject({ fileDate: day(-130), lineCount: 1, status: 'generated', created: true });
    const download = await admin.bytes(`/api/sanctions/caf-files/${file1.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/text\/csv/);
    const text = download.body.toString('utf8');
    const row = await app.ctx.db
      .selectFrom('person as p')
      .innerJoin('household as h', 'h.id', 'p.household_id')
      .select(['h.claim_number'])
      .where('p.id', '=', samia)
      .executeTakeFirstOrThrow();
    expect(text).toBe(
      `${CAF_FILE_COLUMNS.join(';')}\n` +
        `D;${samiaLine};13;CAF;7654321;${row.claim_number};2880413123456;Transmise;;Samia;1988-04-12;SUSP;${day(-130)};50;6;;\n`,
    );
    expect(file1.contentHash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    // The download lists a person: audited with her id.
    const downloaded = await app.ctx.db
      .selectFrom('audit_event')
      .select('person_ids')
      .where('action', '=', 'caf.file_downloaded')
      .executeTakeFirstOrThrow();
    expect(downloaded.person_ids).toEqual([samia]);

    // The same day again: the same file, nothing added.
    const before = await fingerprint();
    const again = await admin.call(api.cafTransmission.generateFile, { body: { date: day(-130) } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: file1.id, created: false, contentHash: file1.contentHash });
    expect(await fingerprint()).toBe(before);

    // A later day: only the line not sent yet.
    const second = await admin.call(api.cafTransmission.generateFile, { body: { date: day(-100) } });
    expect(second.status, second.text).toBe(201);
    file2 = second.body;
    expect(file2.lineCount).toBe(1);
    const text2 = (await admin.bytes(`/api/sanctions/caf-files/${file2.id}/download`)).body.toString('utf8');
    expect(text2).toContain(`D;${marcLine};`);
    expect(text2).toContain('"Dossier;Deux"');
    expect(text2).not.toContain(samiaLine);
    expect((await lineOf(samiaLine)).status).toBe('transmitted');

    const timeline = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'data'])
      .where('person_id', '=', samia)
      .where('type', '=', 'caf_line_transmitted')
      .execute();
    expect(timeline).toHaveLength(1);

    const files = await admin.call(api.cafTransmission.files);
    expect(files.body.items.map((f) => f.fileDate)).toEqual([day(-100), day(-130)]);
    // The files cover the whole département: a pôle role is refused.
    expect((await ep.call(api.cafTransmission.files)).status).toBe(403);
    expect((await ep.call(api.cafTransmission.generateFile, { body: { date: today } })).status).toBe(403);
    expect((await ep.bytes(`/api/sanctions/caf-files/${file1.id}/download`)).status).toBe(403);
  });

  it('refuses an acknowledgement naming an unknown line, and changes nothing', async () => {
    const before = await fingerprint();
    const unknown = '0b6f3a51-1c8e-4d8e-9a3b-6d0c2f1e7a99';
    // Marc's line exists, but in another file: unknown in this one.
    const res = await ack(
      file1.id,
      `reference;statut;motif\n${samiaLine};ACCEPTE;\n${unknown};REJETE;NIR inconnu\n${marcLine};ACCEPTE;\nabc;PEUT-ETRE;\n`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/rien n’a été enregistré/);
    const messages = res.body.error.fields.map(
      (f: { path: string; message: string }) => `${f.path} ${f.message}`,
    );
    expect(messages).toEqual([
      `ligne 3 reference : ligne inconnue dans ce fichier : ${unknown}`,
      `ligne 4 reference : ligne inconnue dans ce fichier : ${marcLine}`,
      'ligne 5 reference : référence de ligne invalide : « abc »',
      'ligne 5 statut : statut inconnu : « PEUT-ETRE » (ACCEPTE ou REJETE attendu)',
    ]);
    expect(await fingerprint()).toBe(before);
    expect((await lineOf(samiaLine)).status).toBe('transmitted');
  });

  it('records the answers per line: a rejected line goes back to the queue with its reason', async () => {
    const res = await ack(
      file1.id,
      `reference;statut;motif\n${samiaLine};REJETE;Allocataire inconnu à cette date\n`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ accepted: 0, rejected: 1, unchanged: 0 });
    expect(res.body.file).toMatchObject({ status: 'acknowledged', rejected: 1 });
    expect(await lineOf(samiaLine)).toMatchObject({
      status: 'pending',
      rejection_count: 1,
      last_rejection_reason: 'Allocataire inconnu à cette date',
      last_rejected_on: today,
    });
    const queue = await admin.call(api.cafTransmission.lines, { query: { status: 'pending' } });
    expect(queue.body.items.find((l) => l.id === samiaLine)).toMatchObject({
      lastRejectionReason: 'Allocataire inconnu à cette date',
      fileDate: day(-130),
    });
    const rejected = await app.ctx.db
      .selectFrom('timeline_event')
      .select('data')
      .where('person_id', '=', samia)
      .where('type', '=', 'caf_line_rejected')
      .execute();
    expect(rejected).toHaveLength(1);

    // The same answer again: nothing changed.
    const before = await fingerprint();
    const twice = await ack(
      file1.id,
      `reference;statut;motif\n${samiaLine};REJETE;Allocataire inconnu à cette date\n`,
    );
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ accepted: 0, rejected: 0, unchanged: 1 });
    expect(twice.body.message).toMatch(/rien n’a changé/);
    expect(await fingerprint()).toBe(before);
    // Another answer to a line already answered: refused.
    const contradicts = await ack(file1.id, `reference;statut;motif\n${samiaLine};ACCEPTE;\n`);
    expect(contradicts.status).toBe(400);
    expect(await fingerprint()).toBe(before);

    // Sent again in the next file, then accepted there.
    const third = await admin.call(api.cafTransmission.generateFile, { body: { date: day(-90) } });
    expect(third.status, third.text).toBe(201);
    expect(third.body.lineCount, JSON.stringify(await linesOfAll())).toBe(1);
    const accepted = await ack(third.body.id, `reference;statut;motif\n${samiaLine};ACCEPTE;\n`);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await lineOf(samiaLine)).toMatchObject({ status: 'accepted', file_id: third.body.id });
  });

  it('queues the end by remobilisation and shows the sums to pay back', async () => {
    const res = await admin.call(api.sanctionCases.end, {
      params: { id: samia, caseId: samiaCase },
      body: { version: await version(samiaCase), endedOn: today, reason: 'remobilisation_contract' },
    });
    expect(res.status, res.text).toBe(200);
    // Notified 130 days ago: 4 whole months and a begun one = 5 months suspended (of the 6
    // decided); 3 paid back at most: 3 × 646.52 € × 50 % = 969.78 €.
    expect(res.body.payBack).toEqual({
      monthsSuspended: 5,
      monthsPaidBack: 3,
      percent: 50,
      monthlyBaseCents: 64652,
      baseEffectiveFrom: '2025-04-01',
      amountCents: 96978,
    });
    const end = (await linesOfCase(samiaCase)).find((l) => l.kind === 'sanction_end');
    expect(end).toMatchObject({
      status: 'pending',
      effective_on: today,
      end_reason: 'remobilisation_contract',
    });
    // The person's sanctions show the same figure.
    const of = await admin.call(api.sanctionCases.ofPerson, { params: { id: samia } });
    expect(of.body.cases.find((c) => c.id === samiaCase)?.payBack?.amountCents).toBe(96978);
  });

  it('sends a removal as such, without an end line at its term', async () => {
    const person = await createTestPerson(app, { firstName: 'Rémi', lastName: 'Radie' });
    const caseId = await seedCase(app, person, 'decided', { decision_kind: 'removal', decided_on: day(-10) });
    const notified = await admin.call(api.sanctionCases.notify, {
      params: { id: person, caseId },
      body: { version: await version(caseId), notifiedOn: day(-5) },
    });
    expect(notified.status, notified.text).toBe(200);
    const ended = await admin.call(api.sanctionCases.end, {
      params: { id: person, caseId },
      body: { version: await version(caseId), endedOn: today, reason: 'term_reached' },
    });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.payBack).toBeNull();
    expect((await linesOfCase(caseId)).map((l) => [l.kind, l.percent, l.months])).toEqual([
      ['removal', null, null],
    ]);
  });

  it('withdraws a line not sent yet, and follows a line already sent with a cancellation', async () => {
    const other = await createTestPerson(app, { firstName: 'Lina', lastName: 'Retiree' });
    const caseId = await seedCase(app, other, 'decided', {
      decision_kind: 'sanction',
      percent: 30,
      months: 2,
    });
    const waiting = await queueCafLine(app.ctx.db, {
      departmentCode: '13',
      personId: other,
      kind: 'sanction_start',
      effectiveOn: today,
      caseId,
      percent: 30,
      months: 2,
    });
    // Queued twice while waiting: one line.
    expect(
      await queueCafLine(app.ctx.db, {
        departmentCode: '13',
        personId: other,
        kind: 'sanction_start',
        effectiveOn: today,
        caseId,
        percent: 40,
        months: 2,
      }),
    ).toBe(waiting);
    const none = await withdrawCafLines(
      app.ctx.db,
      { departmentCode: '13', personId: other, caseId },
      'Erreur',
      today,
      null,
    );
    expect(none).toEqual([]);
    expect(await lineOf(waiting)).toMatchObject({
      status: 'withdrawn',
      withdrawn_reason: 'Erreur',
      percent: 40,
    });

    // Marc's line is in a file: the CAF gets a cancellation naming it.
    const [cancellation] = await withdrawCafLines(
      app.ctx.db,
      { departmentCode: '13', personId: marc, caseId: marcCase },
      'Décision retirée sur recours',
      today,
      null,
    );
    expect(await lineOf(cancellation!)).toMatchObject({
      kind: 'cancellation',
      status: 'pending',
      cancels_line_id: marcLine,
      end_reason: 'cancelled',
    });
    expect((await lineOf(marcLine)).status).toBe('transmitted');
  });
});
