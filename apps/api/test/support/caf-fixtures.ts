import { createHash } from 'node:crypto';
import { roleScopeKind } from '@parcours/contracts';
import type { RunningApp } from '../../src/app';
import { generateCafFile } from '../../src/modules/sanctions/application/caf-files';
import { queueCafLine } from '../../src/modules/sanctions/application/caf-lines';
import { cafFileContent, cafFileName } from '../../src/modules/sanctions/domain/caf-transmission';
import { pendingFileRows } from '../../src/modules/sanctions/infra/caf-repo';
import { parisToday } from '../../src/platform/time';
import { actorOf } from './harness';
import { seedCase } from './sanction-fixtures';
import type { SweepAccount, SweepWorld } from './sweep-fixtures';

type HostileFixture = {
  as?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: { contentType: string; data: string };
  expect?: number[];
};

/** A notified suspension of the person (50 %, 4 months) and its start line waiting for the CAF. */
export async function seedCafLine(app: RunningApp, personId: string, effectiveOn = parisToday()) {
  const caseId = await seedCase(app, personId, 'notified', {
    decision_kind: 'sanction',
    percent: 50,
    months: 4,
    decided_on: effectiveOn,
    notified_on: effectiveOn,
  });
  const lineId = await queueCafLine(app.ctx.db, {
    departmentCode: app.ctx.config.departmentCode,
    personId,
    kind: 'sanction_start',
    effectiveOn,
    caseId,
    percent: 50,
    months: 4,
  });
  return { caseId, lineId };
}

/** A file of the département for a day, holding one line of the person (sent, not yet answered). */
export async function seedCafFile(app: RunningApp, personId: string, date: string) {
  const { lineId } = await seedCafLine(app, personId, date);
  const file = await app.ctx.db
    .insertInto('caf_transmission_file')
    .values({
      department_code: app.ctx.config.departmentCode,
      file_date: date,
      file_name: `parcours-caf-${app.ctx.config.departmentCode}-${date.replaceAll('-', '')}.csv`,
      content: `type_enregistrement;reference\nD;${lineId}\n`,
      content_hash: 'essai',
      line_count: 1,
    })
    .onConflict((oc) => oc.columns(['department_code', 'file_date']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const fileId =
    file?.id ??
    (
      await app.ctx.db
        .selectFrom('caf_transmission_file')
        .select('id')
        .where('department_code', '=', app.ctx.config.departmentCode)
        .where('file_date', '=', date)
        .executeTakeFirstOrThrow()
    ).id;
  await app.ctx.db
    .insertInto('caf_transmission_file_line')
    .values({ department_code: app.ctx.config.departmentCode, file_id: fileId, line_id: lineId, position: 1 })
    .execute();
  await app.ctx.db
    .updateTable('caf_transmission_line')
    .set({ status: 'transmitted', file_id: fileId })
    .where('id', '=', lineId)
    .execute();
  return { fileId, lineId };
}

/**
 * The hostile-input walker's base requests for the CAF transmission routes (administrator): a line
 * waiting, a file with one line sent. A file generated twice answers the same file (201); without
 * lines left, 409; an acknowledgement already recorded answers "nothing changed" (200).
 */
export async function hostileCafFixtures(
  app: RunningApp,
  personId: string,
): Promise<Record<string, HostileFixture>> {
  const today = parisToday();
  await seedCafLine(app, personId, today);
  const { fileId, lineId } = await seedCafFile(app, personId, '2025-07-01');
  return {
    'GET /api/sanctions/caf-lines': { query: { status: 'pending' } },
    'GET /api/sanctions/caf-files': {},
    'POST /api/sanctions/caf-files': { body: { date: today }, expect: [201, 409] },
    'GET /api/sanctions/caf-files/:id/download': { params: { id: fileId } },
    'POST /api/sanctions/caf-files/:id/acknowledgement': {
      params: { id: fileId },
      raw: { contentType: 'text/csv', data: `reference;statut;motif\n${lineId};ACCEPTE;\n` },
      expect: [200, 400],
    },
  };
}

// ---- The authorization sweep ---------------------------------------------------------------------

const UNKNOWN_FILE = '00000000-0000-4000-8000-0000000000cc';
/** The files of the sweep's world: département 13's (every person of it), département 84's. */
const sweepFiles = { own: UNKNOWN_FILE, foreign: UNKNOWN_FILE };

/**
 * The sweep's world gets lines for the CAF: one per person sent in today's file of each
 * département, one more per person waiting. Their names and NIR (markers) are in the file.
 */
export async function seedCafSweep(app: RunningApp, w: SweepWorld) {
  const today = parisToday();
  const persons = await app.ctx.db
    .selectFrom('person')
    .select(['id', 'department_code'])
    .where('id', 'in', Object.values(w.persons))
    .execute();
  const queueAll = async () => {
    for (const p of persons)
      await queueCafLine(app.ctx.db, {
        departmentCode: p.department_code,
        personId: p.id,
        kind: 'sanction_start',
        effectiveOn: today,
        percent: 50,
        months: 2,
      });
  };
  await queueAll();
  const admin = await actorOf(app, 'admin@parcours.test');
  sweepFiles.own = (
    await generateCafFile(app.ctx, admin, { date: today }, { ip: '127.0.0.1', id: 'sweep' })
  ).id;
  // Département 84's file, written as its generation would.
  const rows = await pendingFileRows(app.ctx.db, '84', today);
  const content = cafFileContent(rows);
  const foreign = await app.ctx.db
    .insertInto('caf_transmission_file')
    .values({
      department_code: '84',
      file_date: today,
      file_name: cafFileName('84', today),
      content,
      content_hash: createHash('sha256').update(content).digest('hex'),
      line_count: rows.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  sweepFiles.foreign = foreign.id;
  await queueAll();
}

/** The authorization sweep's GET paths: the queue in every status, the files of both départements. */
export const cafSweepGetFixtures = {
  '/api/sanctions/caf-lines': () =>
    ['pending', 'transmitted', 'accepted', 'withdrawn', 'all'].map(
      (s) => `/api/sanctions/caf-lines?status=${s}`,
    ),
  '/api/sanctions/caf-files': () => [],
  '/api/sanctions/caf-files/:id/download': () => [
    `/api/sanctions/caf-files/${sweepFiles.own}/download`,
    `/api/sanctions/caf-files/${sweepFiles.foreign}/download`,
  ],
};

type SweepCall = { path: string; body?: unknown; raw?: { data: string; type: string } };
const notDepartment = (a: SweepAccount) => roleScopeKind[a.role] !== 'department';

/**
 * The files cover a whole département: refused to the pôle and structure roles (403); the
 * administrator meets another département's file (404). Nothing changes.
 */
export const cafSweepMutations = {
  'POST /api/sanctions/caf-files': {
    calls: (_w: SweepWorld, a: SweepAccount): SweepCall[] =>
      notDepartment(a) ? [{ path: '/api/sanctions/caf-files', body: { date: parisToday() } }] : [],
  },
  'POST /api/sanctions/caf-files/:id/acknowledgement': {
    calls: (_w: SweepWorld, a: SweepAccount): SweepCall[] =>
      [...(notDepartment(a) ? [sweepFiles.own] : []), sweepFiles.foreign].map((id) => ({
        path: `/api/sanctions/caf-files/${id}/acknowledgement`,
        raw: { type: 'text/csv', data: `reference;statut;motif\n${UNKNOWN_FILE};ACCEPTE;\n` },
      })),
  },
};
