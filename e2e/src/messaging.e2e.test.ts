import { describe, expect, it } from 'vitest';
import { browserJourney, expectAccessible, login } from './stack';

const journey = browserJourney();

describe('modèles de messages', () => {
  it('modifie le SMS de rappel : une balise inconnue est signalée sous le champ, sans perte de saisie', async () => {
    await login(journey.page, journey.stack.app.url, 'admin@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/administration/modeles`);
    await journey.page.getByRole('heading', { level: 1, name: 'Modèles de messages' }).waitFor();
    await journey.page.getByRole('heading', { level: 2, name: 'Rappel de rendez-vous' }).waitFor();
    await expectAccessible(journey.page);

    await journey.page
      .getByRole('button', { name: 'Modifier le modèle Rappel de rendez-vous — SMS' })
      .click();
    const body = journey.page.getByLabel('Texte du SMS');
    await body.waitFor();
    await expectAccessible(journey.page);

    const typed =
      'Rappel : {{civilite}} {{nom}}, rendez-vous le {{date_rdv}} à {{heure_rdv}}. Dossier {{numero_caf}}.';
    await body.fill(typed);
    await journey.page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    const fieldError = journey.page.locator('.field__error').filter({ hasText: '{{numero_caf}}' });
    await fieldError.waitFor();
    expect(await body.inputValue()).toBe(typed);
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(journey.page);
    // Nothing was saved.
    const stored = await journey.stack.app.ctx.db
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
    await journey.page.getByRole('button', { name: 'Insérer la balise {{lieu_rdv}}' }).click();
    expect(await body.inputValue()).toContain('{{lieu_rdv}}');
    // Counted as sent: the « ô » of the sample place ({{lieu_rdv}}) forces UCS-2, 139 characters
    // take 3 SMS of 67 (the raw text, placeholders unfilled, said 1).
    await journey.page
      .getByText(/139 caractères — 3 SMS \(caractères spéciaux « ô » : 70 caractères par SMS/)
      .first()
      .waitFor();
    await journey.page.getByRole('button', { name: 'Prévisualiser' }).click();
    await journey.page.getByRole('heading', { name: 'Aperçu avec des données d’exemple' }).waitFor();
    await journey.page.getByText(/Rappel : Madame EXEMPLE, rendez-vous le .* à 9 h 30/).waitFor();
    await expectAccessible(journey.page);
    await journey.page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await journey.page.getByText('Le modèle « Rappel de rendez-vous — SMS » a été enregistré.').waitFor();
    const saved = await journey.stack.app.ctx.db
      .selectFrom('message_template')
      .select(['body', 'version'])
      .where('code', '=', 'appointment_reminder')
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(saved.version).toBe(2);
    expect(saved.body).toContain('{{lieu_rdv}}');
  });
});
