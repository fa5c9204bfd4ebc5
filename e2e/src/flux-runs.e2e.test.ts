import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { insertUploadRun } from '../../apps/api/src/modules/beneficiaries/infra/flux-run-repo';
import { vrsb } from '../../apps/api/test/support/flux-xml';
import { closeContext, expectAccessible, login, type Stack, startStack } from './stack';

let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
beforeEach(async () => {
  context = await stack.browser.newContext({ locale: 'fr-FR' });
  page = await context.newPage();
});
afterEach(() => closeContext(context));

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
    const { db, config } = stack.app.ctx;
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
    await login(page, stack.app.url, 'admin@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${stack.app.url}/flux`);
    await page.getByRole('heading', { level: 1, name: 'Flux CAF / MSA' }).waitFor();
    const row = page.getByRole('row', { name: /vrsb-20260105\.xml/ });
    await row.getByText('En cours', { exact: true }).waitFor();

    // From now on the list's own refresh answers late, as on the embedded database while a file
    // is applied: only the report can tell the row that the file is done.
    const held: Route[] = [];
    await page.route(/\/api\/flux\/runs(\?.*)?$/, (route) => {
      held.push(route);
    });
    await importFlux(stack.app.ctx, {
      filePath: file,
      fileName: 'vrsb-20260105.xml',
      format: 'xml',
      actor: null,
      runId,
    });
    await row.getByRole('button', { name: /Voir le rapport/ }).click();
    await page
      .getByText(/Fichier appliqué/)
      .first()
      .waitFor();
    // Before: the row stayed « En cours » under the report saying « Fichier appliqué ».
    await row.getByText('Appliqué', { exact: true }).waitFor({ timeout: 2000 });
    await expectAccessible(page);
    await page.unroute(/\/api\/flux\/runs(\?.*)?$/);
    for (const route of held) await route.continue().catch(() => undefined);
  });
});
