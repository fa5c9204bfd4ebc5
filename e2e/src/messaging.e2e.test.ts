import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

describe('modèles de messages', () => {
  it('modifie le SMS de rappel : une balise inconnue est signalée sous le champ, sans perte de saisie', async () => {
    await login(page, stack.app.url, 'admin@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${stack.app.url}/administration/modeles`);
    await page.getByRole('heading', { level: 1, name: 'Modèles de messages' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Rappel de rendez-vous' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Modifier le modèle Rappel de rendez-vous — SMS' }).click();
    const body = page.getByLabel('Texte du SMS');
    await body.waitFor();
    await expectAccessible(page);

    const typed =
      'Rappel : {{civilite}} {{nom}}, rendez-vous le {{date_rdv}} à {{heure_rdv}}. Dossier {{numero_caf}}.';
    await body.fill(typed);
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    const fieldError = page.locator('.field__error').filter({ hasText: '{{numero_caf}}' });
    await fieldError.waitFor();
    expect(await body.inputValue()).toBe(typed);
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    // Nothing was saved.
    const stored = await stack.app.ctx.db
      .selectFrom('message_template')
      .select(['body', 'version'])
      .where('code', '=', 'appointment_reminder')
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(stored.version).toBe(1);
    expect(stored.body).not.toContain('numero_caf');

    // Fix it with the placeholder list, preview, then save.
    await body.fill('Rappel : {{civilite}} {{nom}}, rendez-vous le {{date_rdv}} à {{heure_rdv}}, ');
    await body.press('End');
    await page.getByRole('button', { name: 'Insérer la balise {{lieu_rdv}}' }).click();
    expect(await body.inputValue()).toContain('{{lieu_rdv}}');
    // Counted as sent: the « ô » of the sample place ({{lieu_rdv}}) forces UCS-2, 139 characters
    // take 3 SMS of 67 (the raw text, placeholders unfilled, said 1).
    await page
      .getByText(/139 caractères — 3 SMS \(caractères spéciaux « ô » : 70 caractères par SMS/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByRole('heading', { name: 'Aperçu avec des données d’exemple' }).waitFor();
    await page.getByText(/Rappel : Madame EXEMPLE, rendez-vous le .* à 9 h 30/).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await page.getByText('Le modèle « Rappel de rendez-vous — SMS » a été enregistré.').waitFor();
    const saved = await stack.app.ctx.db
      .selectFrom('message_template')
      .select(['body', 'version'])
      .where('code', '=', 'appointment_reminder')
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(saved.version).toBe(2);
    expect(saved.body).toContain('{{lieu_rdv}}');
  });
});
