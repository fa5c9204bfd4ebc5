import { api } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { loggedIn } from '../../apps/api/test/support/harness';
import {
  createTestAppointment,
  createTestPerson,
  mailText,
  parisTimeInDays,
} from '../../apps/api/test/support/messaging-fixtures';
import {
  attachDemoBeneficiary,
  BENEFICIARY,
  contractSignedByReferent,
} from '../../apps/api/test/support/space-fixtures';
import { browserJourney, closeContext, expectAccessible, login, type Stack } from './stack';

let referentName = '';
let personId = '';
let appointmentId = '';

const journey = browserJourney({
  // A phone-sized screen: the space is built for it.
  context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  setUp: async (stack) => {
    const app = stack.app;
    const person = await createTestPerson(app, {
      firstName: 'Léa',
      lastName: 'MOBILE',
      email: { value: 'lea.mobile@exemple.fr', consent: 'A' },
      phone: { value: '06 12 12 12 12', consent: 'A' },
    });
    ({ referentName } = await attachDemoBeneficiary(app, person));
    personId = person;
    appointmentId = await createTestAppointment(app, person, parisTimeInDays(4, 9, 30));
    // A contract proposed and signed by the référent: the person signs it from the space.
    await contractSignedByReferent(app, person, 'Suivre la formation et l’atelier.');
  },
});

/** SPACE_SHOTS=1: pictures of the phone screens under /tmp (to look at them while working). */
const shot = (page: import('playwright-core').Page, name: string) =>
  process.env.SPACE_SHOTS ? page.screenshot({ path: `/tmp/space-${name}.png`, fullPage: true }) : undefined;

async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never arrived`);
}

const linkMail = (stack: Stack, after: number) =>
  waitFor(
    () => stack.mails.slice(after).find((m) => m.to.includes(BENEFICIARY) && /jeton=/.test(mailText(m.raw))),
    'the sign-in e-mail',
  );

describe('beneficiary space', () => {
  it('signs in with the link read from the e-mail, on a phone, and shows the référent and appointments', async () => {
    const { page, stack } = journey;
    const base = stack.app.url;
    await page.goto(`${base}/espace/connexion`);
    await page.getByRole('heading', { name: 'Mon espace personnel' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'connexion');
    const sent = stack.mails.length;
    await page.getByLabel('Votre adresse e-mail').fill(BENEFICIARY);
    await page.getByRole('button', { name: 'Recevoir mon lien de connexion' }).click();
    await page.getByText('Regardez vos e-mails').waitFor();

    const mail = await linkMail(stack, sent);
    const link = /(http\S+\/espace\/lien\?jeton=[A-Za-z0-9_-]+)/.exec(mailText(mail.raw))?.[1];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await page.waitForURL(/\/espace$/);
    await page.getByRole('heading', { name: 'Bonjour Léa' }).waitFor();
    await page.getByText(referentName).first().waitFor();
    await expect(page.getByRole('link', { name: 'referent@parcours.test' }).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'Mes rendez-vous' }).waitFor();
    await page.getByText('Rendez-vous d’orientation').waitFor();
    await page.getByRole('heading', { name: 'Mon contrat d’engagement' }).waitFor();
    await page.getByRole('heading', { name: 'Mes documents' }).waitFor();
    // Nothing of the agents' application: no main navigation, no person search.
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'accueil');

    // "Je ne pourrai pas venir", with a reason: the référent is told.
    await page.getByRole('button', { name: 'Je ne pourrai pas venir' }).click();
    await page.getByRole('button', { name: 'Prévenir mon référent' }).click();
    await page.getByText('Indiquez la raison en quelques mots.').first().waitFor();
    await page.getByLabel('Pourquoi ne pourrez-vous pas venir ?').fill('Je passe un entretien d’embauche.');
    await page.getByRole('button', { name: 'Prévenir mon référent' }).click();
    await page.getByText('C’est noté').waitFor();
    await page.getByText(/Vous avez prévenu le .* « Je passe un entretien d’embauche\. »/).waitFor();
    await expectAccessible(page);
    await shot(page, 'absence');

    // The same link does not open the space twice.
    const again = await journey.context.browser()!.newContext();
    const other = await again.newPage();
    await other.goto(link!);
    await other.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await other.getByText(/déjà servi/).waitFor();
    await again.close();
  });

  it('signs in with a code received by SMS', async () => {
    const { page, stack } = journey;
    await page.goto(`${stack.app.url}/espace/connexion`);
    await page.getByRole('button', { name: 'Par SMS' }).click();
    const sent = stack.sms.length;
    await page.getByLabel('Votre numéro de téléphone portable').fill('06 12 12 12 12');
    await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click();
    await page.getByText('Code envoyé').waitFor();
    const sms = await waitFor(() => stack.sms.slice(sent).find((s) => s.to === '+33612121212'), 'the SMS');
    const code = /(\d{6})/.exec(sms.text)![1]!;
    await page.getByLabel('Code reçu par SMS (6 chiffres)').fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await page
      .getByText(/Ce code n’est pas valable/)
      .first()
      .waitFor();
    await expectAccessible(page);
    await page.getByLabel('Code reçu par SMS (6 chiffres)').fill(code);
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await page.waitForURL(/\/espace$/);
    await page.getByRole('heading', { name: 'Bonjour Léa' }).waitFor();
  });

  it('signs the proposed contract from the space with a code and the statement', async () => {
    const { page, stack } = journey;
    await login(page, stack.app.url, BENEFICIARY);
    await page.waitForURL(/\/espace$/);
    await page.getByRole('link', { name: 'Lire et signer mon contrat' }).click();
    await page.getByRole('heading', { name: 'Mon contrat d’engagement' }).waitFor();
    await page.getByText('Formation logistique').waitFor();
    await expectAccessible(page);
    const sent = stack.sms.length;
    await page.getByRole('button', { name: 'Recevoir mon code' }).click();
    await page.getByText(/Code envoyé par SMS au 06 •• •• •• 12/).waitFor();
    const sms = await waitFor(
      () => stack.sms.slice(sent).find((s) => /signer votre contrat/.test(s.text)),
      'the signature code',
    );
    const code = /(\d{6})/.exec(sms.text)![1]!;
    await page.getByLabel('Code reçu (6 chiffres)').fill(code);
    await page.getByRole('button', { name: 'Signer mon contrat' }).click();
    // The statement is required: refused, nothing signed, the code still usable.
    await page.getByText('Cochez la déclaration pour signer.').first().waitFor();
    await page.getByLabel(/J’ai lu mon contrat d’engagement/).check();
    await page.getByRole('button', { name: 'Signer mon contrat' }).click();
    await page.getByText('Votre contrat est signé').waitFor();
    await shot(page, 'contrat-signe');
    await expectAccessible(page);
    const version = await stack.app.ctx.db
      .selectFrom('engagement_contract_version')
      .select(['person_signature_method', 'person_signed_at'])
      .executeTakeFirstOrThrow();
    expect(version.person_signature_method).toBe('beneficiary_space');
  });

  it('shows the référent the notice on the file, and lets an agent open a space from it', async () => {
    const { stack } = journey;
    // The agents' file, on a desktop screen.
    const desktop = await journey.context
      .browser()!
      .newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await desktop.newPage();
    const beneficiary = await loggedIn(stack.app, BENEFICIARY);
    const notice = await beneficiary.call(api.space.reportAbsence, {
      params: { id: appointmentId },
      body: { reason: 'Rendez-vous médical le même jour.' },
    });
    expect(notice.status).toBe(201);
    await login(page, stack.app.url, 'referent@parcours.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${stack.app.url}/personnes/${personId}`);
    const notices = page.getByRole('region', { name: 'Absences signalées par la personne' });
    await notices.getByText(/« Rendez-vous médical le même jour\. »/).waitFor();
    await notices
      .getByText(/toujours prévu : à reporter/)
      .first()
      .waitFor();
    const space = page.getByRole('region', { name: 'Espace personnel' });
    await space.getByRole('button', { name: 'Ouvrir l’espace et envoyer le lien' }).click();
    await space.getByText('Espace personnel déjà ouvert').waitFor();
    await expectAccessible(page);
    await closeContext(desktop);
  });
});
