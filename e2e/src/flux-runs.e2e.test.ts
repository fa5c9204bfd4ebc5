import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { describe, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { insertUploadRun } from '../../apps/api/src/modules/beneficiaries/infra/flux-run-repo';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { browserJourney, expectAccessible, login } from './stack';

const journey = browserJourney();

describe('historique des imports de flux', () => {
  it('montre « Appliqué » sur la ligne d’un import dès que son rapport le dit, même si la liste tarde', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-')), 'vrsb-20260105.xml');
    fs.writeFileSync(
      file,
      vrsb({
        date: '2026-01-05',
        households: [
          {
            claimNumber: '13100000201',
            status: '2',
            persons: [{ birthName: 'LE ROUX', firstName: 'Yann', birthDate: '1985-06-13', role: 'DEM' }],
          },
        ],
      }),
    );
    const { db, config } = journey.stack.app.ctx;
    const admin = await db
      .selectFrom('account')
      .select('id')
      .where('email', '=', 'admin@parcours.test')
      .executeTakeFirstOrThrow();
    // A file sent from another screen (or the command line): its run is « En cours » in the list.
    const runId = await insertUploadRun(db, {
      departmentCode: config.departmentCode,
      fileName: 'vrsb-20260105.xml',
      format: 'xml',
      sizeBytes: fs.statSync(file).size,
      actorAccountId: admin.id,
    });
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/flux`);
    await journey.page.getByRole('heading', { level: 1, name: 'Flux CAF / MSA' }).waitFor();
    const row = journey.page.getByRole('row', { name: /vrsb-20260105\.xml/ });
    await row.getByText('En cours', { exact: true }).waitFor();

    // From now on the list's own refresh answers late, as on the embedded database while a file
    // is applied: only the report can tell the row that the file is done.
    const held: Route[] = [];
    await journey.page.route(/\/api\/flux\/runs(\?.*)?$/, (route) => {
      held.push(route);
    });
    await importFlux(journey.stack.app.ctx, {
      filePath: file,
      fileName: 'vrsb-20260105.xml',
      format: 'xml',
      actor: null,
      runId,
    });
    await row.getByRole('button', { name: /Voir le rapport/ }).click();
    await journey.page
      .getByText(/Fichier appliqué/)
      .first()
      .waitFor();
    // Before: the row stayed « En cours » under the report saying « Fichier appliqué ».
    await row.getByText('Appliqué', { exact: true }).waitFor({ timeout: 2000 });
    await expectAccessible(journey.page);
    await journey.page.unroute(/\/api\/flux\/runs(\?.*)?$/);
    for (const route of held) await route.continue().catch(() => undefined);
  });
});
