import fs from 'node:fs';
import path from 'node:path';
import { type Role, roles } from '@parcours/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, parisDate } from '../../apps/api/src/modules/accompaniment/domain/agenda';
import { demoAccountOf, loggedIn } from '../../apps/api/test/support/harness';
import { closeContext, login, type Stack, startStack } from './stack';

/**
 * The screenshots of `docs/screens/` (README, section « Écrans »), taken from the demo with
 * `npm run screens` (SCREENS=1). Without SCREENS, one honest check only: the home page renders.
 *
 * To add a screen: one entry in `screens` below — the file name, the account, the address, and
 * what to wait for before the picture.
 */
const SCREENS = process.env.SCREENS === '1';
const outDir = path.resolve(import.meta.dirname, '../../docs/screens');

interface Screen {
  /** File name under docs/screens/. */
  file: string;
  /** Demo account to sign in with. */
  email: string;
  /** Address inside the application. */
  path: string;
  /** What must be on the page before the picture. */
  ready: (page: Page) => Promise<unknown>;
}

const homeReady = (role: Role) => async (page: Page) => {
  // The beneficiary's home is their space.
  if (role === 'beneficiary') return page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
  await page.getByText(/Chaque ligne ouvre|chiffres agrégés/).waitFor();
  if (role === 'orientation_advisor' || role === 'referent')
    await page
      .getByRole('region', { name: 'Rendez-vous du jour' })
      .getByText(/Aucun rendez-vous|Personne/)
      .first()
      .waitFor();
};

const screens: Screen[] = [
  ...roles.map((role) => ({
    file: `accueil-${role}.png`,
    email: demoAccountOf[role],
    path: '/',
    ready: homeReady(role),
  })),
  {
    file: 'agenda-semaine.png',
    email: 'orientation@parcours.test',
    path: '/agenda',
    ready: (page) => page.getByRole('list', { name: 'Jours de la semaine' }).waitFor(),
  },
  {
    file: 'affectations.png',
    email: 'responsable@parcours.test',
    path: '/structure/affectations',
    ready: (page) => page.getByRole('table', { name: /Référents de la structure/ }).waitFor(),
  },
  {
    file: 'portefeuille.png',
    email: 'referent@parcours.test',
    path: '/portefeuille',
    ready: (page) => page.locator('#liste-portefeuille').waitFor(),
  },
  {
    file: 'alertes.png',
    email: 'responsable@parcours.test',
    path: '/alertes',
    ready: (page) => page.locator('#synthese-alertes').waitFor(),
  },
  {
    file: 'agenda-jour.png',
    email: 'orientation@parcours.test',
    path: `/agenda?jour=${parisDate(new Date())}`,
    ready: (page) =>
      page
        .getByRole('button', { name: /^Présent : / })
        .first()
        .waitFor(),
  },
];

let stack: Stack;

/** A collective session begun ten minutes ago with three persons of the queue: presences to mark. */
async function sessionUnderWay(s: Stack) {
  const advisor = await loggedIn(s.app, 'orientation@parcours.test');
  const queue = await advisor.get('/api/orientation/queue?stage=to_convene&pageSize=3');
  const created = await advisor.post('/api/agenda/slots', {
    kind: 'collective',
    purpose: 'orientation',
    capacity: 10,
    date: addCalendarDays(parisDate(new Date()), 63),
    startTime: '09:00',
    endTime: '11:00',
    place: 'Pôle d’insertion Marseille 2/3 — salle Calanques',
    weeks: 1,
  });
  const slotId = created.body.items[0].id as string;
  for (const entry of queue.body.entries as { person: { id: string } }[])
    await advisor.post('/api/appointments', { personId: entry.person.id, slotId });
  const starts = new Date(Date.now() - 10 * 60_000);
  const ends = new Date(starts.getTime() + 120 * 60_000);
  const db = s.app.ctx.db;
  await db
    .updateTable('agenda_slot')
    .set({ starts_at: starts, ends_at: ends })
    .where('id', '=', slotId)
    .execute();
  await db
    .updateTable('appointment')
    .set({ starts_at: starts, ends_at: ends, on_date: parisDate(starts) })
    .where('slot_id', '=', slotId)
    .execute();
}

beforeAll(async () => {
  stack = await startStack({ demoPersons: SCREENS ? 600 : 0 });
  if (SCREENS) {
    fs.mkdirSync(outDir, { recursive: true });
    await sessionUnderWay(stack);
  }
}, 300_000);
afterAll(() => stack?.close());

async function shoot(screen: Screen) {
  const context: BrowserContext = await stack.browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await context.newPage();
    await login(page, stack.app.url, screen.email);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    if (screen.path !== '/') await page.goto(`${stack.app.url}${screen.path}`);
    await screen.ready(page);
    await page.screenshot({ path: path.join(outDir, screen.file), fullPage: true });
  } finally {
    await closeContext(context);
  }
}

describe('screens', () => {
  if (SCREENS) {
    for (const screen of screens) {
      it(`docs/screens/${screen.file}`, async () => {
        await shoot(screen);
        expect(fs.statSync(path.join(outDir, screen.file)).size).toBeGreaterThan(10_000);
      });
    }
  } else {
    it('renders the home page the screenshots start from', async () => {
      expect(screens.map((s) => s.file)).toContain('accueil-steering.png');
      const context = await stack.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      try {
        const page = await context.newPage();
        await login(page, stack.app.url, 'orientation@parcours.test');
        await homeReady('orientation_advisor')(page);
      } finally {
        await closeContext(context);
      }
    });
  }
});
