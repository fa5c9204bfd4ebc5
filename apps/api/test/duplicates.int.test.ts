import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-dup-test-'));
let n = 0;
const file = (content: string) => {
  const f = path.join(dir, `f${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
};

describe.each(engines)('duplicates (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
    await importFlux(app.ctx, {
      filePath: file(
        vrsb({
          date: '2026-01-05',
          households: [
            {
              claimNumber: '13100000011',
              status: '2',
              persons: [
                {
                  nir: '1790113055001',
                  birthName: 'LEROY',
                  firstName: 'Paul',
                  birthDate: '1979-01-13',
                  sex: '1',
                  role: 'DEM',
                },
              ],
            },
            {
              claimNumber: '13100000012',
              status: '2',
              persons: [
                {
                  nir: '2900213055002',
                  birthName: 'MOREAU',
                  firstName: 'Inès',
                  birthDate: '1990-02-13',
                  role: 'DEM',
                },
              ],
            },
          ],
        }),
      ),
      fileName: 'a.xml',
      format: 'xml',
      actor: null,
    });
  });

  it('sends uncertain matches to the review queue instead of merging them', async () => {
    const report = await importFlux(app.ctx, {
      filePath: file(
        vrsb({
          date: '2026-02-05',
          households: [
            // Same name and birth date as Paul, another NIR, another household.
            {
              claimNumber: '13100000013',
              status: '2',
              persons: [
                {
                  nir: '1790113055099',
                  birthName: 'Leroy',
                  firstName: 'paul',
                  birthDate: '1979-01-13',
                  sex: '1',
                  role: 'DEM',
                },
              ],
            },
            // Inès's NIR with another birth date.
            {
              claimNumber: '13100000012',
              status: '2',
              persons: [
                {
                  nir: '2900213055002',
                  birthName: 'MOREAU',
                  firstName: 'Inès',
                  birthDate: '1990-03-13',
                  role: 'DEM',
                },
              ],
            },
          ],
        }),
      ),
      fileName: 'b.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.status).toBe('applied');
    expect(report.duplicatesSuspected).toBe(2);
    const persons = await app.ctx.db
      .selectFrom('person')
      .select(['first_name', 'nir'])
      .orderBy('first_name')
      .execute();
    // Nothing merged: four records, the second Inès kept without the disputed NIR.
    expect(persons).toHaveLength(4);
    expect(persons.filter((p) => p.nir === '2900213055002')).toHaveLength(1);

    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const queue = await advisor.get('/api/duplicates?status=open');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((d: { reasonLabel: string }) => d.reasonLabel).sort()).toEqual([
      'Même NIR, date de naissance différente',
      'Même nom, prénom et date de naissance, NIR différent',
    ]);
  });

  it('lets an agent link or dismiss a suspect, with audit and optimistic concurrency', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const [first, second] = (await advisor.get('/api/duplicates?status=open')).body.items;
    const linked = await advisor.post(`/api/duplicates/${first.id}/decision`, {
      decision: 'link',
      note: 'même personne, NIR corrigé par la CAF',
      version: first.version,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.status).toBe('linked');
    const stale = await advisor.post(`/api/duplicates/${first.id}/decision`, {
      decision: 'dismiss',
      note: null,
      version: first.version,
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await advisor.post(`/api/duplicates/${second.id}/decision`, {
          decision: 'dismiss',
          note: null,
          version: second.version,
        })
      ).status,
    ).toBe(200);
    expect((await advisor.get('/api/duplicates?status=open')).body.items).toEqual([]);
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'duplicate.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['duplicate.dismiss', 'duplicate.link']);
    const referent = await loggedIn(app, 'referent@parcours.test');
    expect((await referent.get('/api/duplicates')).status).toBe(403);
  });
});
