import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFlux } from '../../apps/api/src/modules/beneficiaries/application/import-flux';
import { browserJourney, expectAccessible, login } from './stack';

let personId: string;
const claimNumber = '13700000077';

/** A VIRS (instruction) file bringing a phone for the household, dated `date`. */
function virs(date: string, phone: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Racine>
  <IdentificationFlux>
    <APPLIEME>CRI</APPLIEME><NUMVERSIONAPPLIEME>4200</NUMVERSIONAPPLIEME><TYPEFLUX>I</TYPEFLUX><NATFLUX>I</NATFLUX>
    <DTCREAFLUX>${date}</DTCREAFLUX><HEUCREAFLUX>02:04:11.0000</HEUCREAFLUX><DTREF>${date}</DTREF>
  </IdentificationFlux>
  <InfoDemandeRSA>
    <IdentificationRSA>
      <Organisme><FONORG>CAF</FONORG><NUMORG>131</NUMORG><MATRICULE>0000000077</MATRICULE></Organisme>
      <DemandeRSA><DTDEMRSA>2025-11-03</DTDEMRSA><NUMDEMRSA>${claimNumber}</NUMDEMRSA></DemandeRSA>
    </IdentificationRSA>
    <DonneesAdministratives>
      <ModesContacts><NUMTEL>${phone}</NUMTEL><NATTEL>P</NATTEL><AUTORUTITEL>A</AUTORUTITEL></ModesContacts>
    </DonneesAdministratives>
  </InfoDemandeRSA>
</Racine>
`;
}

const journey = browserJourney({
  setUp: async (stack) => {
    // As the demo history gives them: a commune, no street, no phone, no e-mail.
    const db = stack.app.ctx.db;
    const household = await db
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
    personId = (
      await db
        .insertInto('person')
        .values({
          department_code: '13',
          birth_name: 'JOIGNABLE',
          first_name: 'Nadia',
          birth_date: '1990-03-08',
          sex: 'F',
          household_id: household.id,
          household_role: 'DEM',
          rights_open: true,
          subject_to_duties: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  },
});

describe('coordonnées sur le dossier de la personne', () => {
  it('le conseiller saisit téléphone, e-mail, adresse et accords ; la CAF en désaccord est signalée', async () => {
    await login(journey.page, journey.stack.app.url, 'orientation@parcours.test');
    await journey.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await journey.page.goto(`${journey.stack.app.url}/personnes/${personId}`);
    await journey.page.getByRole('heading', { level: 1, name: /Nadia JOIGNABLE/ }).waitFor();
    const section = journey.page.locator('section[aria-labelledby="coordonnees"]');
    await section.getByRole('heading', { level: 2, name: 'Coordonnées' }).waitFor();
    await section.getByText('Aucune rectification des coordonnées').waitFor();
    await expectAccessible(journey.page);

    // Keyboard: the button opens the form, every field has its label.
    await section.getByRole('button', { name: 'Modifier les coordonnées' }).focus();
    await journey.page.keyboard.press('Enter');
    const form = journey.page.getByRole('form', { name: 'Modifier les coordonnées' });
    await form.getByLabel('Téléphone', { exact: false }).first().waitFor();
    await form.getByRole('textbox', { name: /^Téléphone/ }).fill('06 12');
    await form.getByLabel('Accord pour recevoir des SMS').selectOption('A');
    await form.getByLabel('Adresse e-mail', { exact: false }).fill('nadia.joignable@exemple.fr');
    await form.getByLabel('Accord pour recevoir des e-mails').selectOption('R');
    await form.getByLabel('Date de la réponse (e-mail)').fill('2026-01-15');
    await form.getByLabel('Numéro', { exact: false }).fill('8');
    await form.getByRole('textbox', { name: /^Voie/ }).fill('rue Loubon');
    await form
      .getByLabel('Commune', { exact: false })
      .selectOption({ label: '13003 Marseille 3e Arrondissement' });
    await expectAccessible(journey.page);
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    // Errors next to their fields, focus on the first one, the input kept.
    await form.getByText(/Numéro invalide/).waitFor();
    await form.getByText('Indiquez la date de la réponse.').waitFor();
    expect(await form.getByRole('textbox', { name: /^Téléphone/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox', { name: /^Voie/ }).inputValue()).toBe('rue Loubon');
    await expectAccessible(journey.page);

    await form.getByRole('textbox', { name: /^Téléphone/ }).fill('06.12.34.56.78');
    await form.getByLabel('Date de la réponse (SMS)').fill('2026-01-15');
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await section.getByRole('button', { name: 'Modifier les coordonnées' }).waitFor();
    await section.getByText('06 12 34 56 78').first().waitFor();
    await section.getByText('8 rue Loubon 13003 MARSEILLE').waitFor();
    const history = section.getByRole('table', { name: 'Historique des rectifications' });
    await history.getByRole('row', { name: /Téléphone/ }).waitFor();
    expect(await history.getByRole('row').count()).toBeGreaterThan(5);
    await expectAccessible(journey.page);

    // An older CAF flux brings another phone: the agent's newer entry is kept, the conflict shown.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-contacts-'));
    const file = path.join(dir, 'virs.xml');
    fs.writeFileSync(file, virs('2026-01-10', '0699887766'));
    const report = await importFlux(journey.stack.app.ctx, {
      filePath: file,
      fileName: 'virs.xml',
      format: 'xml',
      actor: null,
    });
    expect(report.coordinateConflicts).toBe(1);
    await journey.page.reload();
    const alert = section.getByRole('alert').filter({ hasText: 'ne concordent pas' });
    await alert.getByText(/La CAF indique 0699887766/).waitFor();
    await alert.getByText(/valeur saisie le .* par /).waitFor();
    await expectAccessible(journey.page);
    await alert.getByRole('button', { name: 'Conserver la valeur saisie' }).click();
    await section.getByText('ne concordent pas').waitFor({ state: 'detached' });
    await section.getByText('06 12 34 56 78').first().waitFor();

    const contact = await journey.stack.app.ctx.db
      .selectFrom('contact')
      .select(['kind', 'value', 'consent', 'consent_on'])
      .where('kind', '=', 'phone')
      .where('value', '=', '06 12 34 56 78')
      .executeTakeFirst();
    expect(contact).toEqual({
      kind: 'phone',
      value: '06 12 34 56 78',
      consent: 'A',
      consent_on: '2026-01-15',
    });
  });
});
