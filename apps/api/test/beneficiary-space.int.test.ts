import { api } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { loginKey } from '../src/modules/access/application/login-throttle';
import { hashToken } from '../src/platform/auth/tokens';
import { Client, engines } from './support/harness';
import { mailText } from './support/messaging-fixtures';
import { BENEFICIARY, codeOf, linkOf, spaceWorld } from './support/space-fixtures';

/** Issue 11, point 7: the beneficiary's passwordless sign-in (link by e-mail, code by SMS). */
describe.each(engines)('beneficiary space: sign-in (%s)', (engine) => {
  const { w, requestLink, requestSmsCode } = spaceWorld(engine);

  it('sends a single-use link to the account’s e-mail, with the same answer for an unknown one', async () => {
    const known = await requestLink(BENEFICIARY);
    const unknown = await requestLink('personne.inconnue@exemple.fr');
    expect(unknown.res.body).toEqual(known.res.body);
    expect(known.res.body.message).toMatch(/valable 15 minutes/);
    expect(unknown.mails).toHaveLength(0);
    expect(known.mails).toHaveLength(1);
    expect(known.mails[0]!.to).toEqual([BENEFICIARY]);
    const token = linkOf(known.mails[0]!.raw)!;
    expect(mailText(known.mails[0]!.raw)).toContain('/espace/lien?jeton=');
    // Only the hash is stored.
    const stored = await w.app.ctx.db
      .selectFrom('beneficiary_login_token')
      .select(['hash', 'kind'])
      .where('account_id', '=', w.accountId)
      .execute();
    expect(stored).toContainEqual({ hash: hashToken(token), kind: 'link' });
    expect(JSON.stringify(stored)).not.toContain(token);

    // Opening the link's page (a GET, as a mail scanner does) does not use it.
    await new Client(w.app.url).get(`/espace/lien?jeton=${token}`);
    const client = new Client(w.app.url);
    const ok = await client.call(api.space.signInWithLink, { body: { token } });
    expect(ok.status).toBe(200);
    expect(ok.body.actor).toMatchObject({ role: 'beneficiary', personId: w.person });
    expect((await client.get('/api/auth/session')).status).toBe(200);

    const again = await new Client(w.app.url).call(api.space.signInWithLink, { body: { token } });
    expect(again.status).toBe(400);
    expect(again.error?.code).toBe('INVALID_TOKEN');
    expect(again.error?.message).toMatch(/déjà servi/);
  });

  it('sends at most 3 links in 15 minutes, the same answer for the fourth', async () => {
    for (let i = 0; i < 3; i++) expect((await requestLink(BENEFICIARY)).mails).toHaveLength(1);
    const fourth = await requestLink(BENEFICIARY);
    expect(fourth.mails).toHaveLength(0);
    expect(fourth.res.body.message).toMatch(/un lien de connexion vient de vous être envoyé/);
  });

  it('sends the link to the household’s e-mail when it names one w.person with a space', async () => {
    const { mails } = await requestLink('Lea.Espace@exemple.fr');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['lea.espace@exemple.fr']);
  });

  it('refuses an expired link, and a link replaced by a newer one', async () => {
    const first = await requestLink(BENEFICIARY);
    const second = await requestLink(BENEFICIARY);
    const replaced = await new Client(w.app.url).call(api.space.signInWithLink, {
      body: { token: linkOf(first.mails[0]!.raw)! },
    });
    expect(replaced.status).toBe(400);
    const token = linkOf(second.mails[0]!.raw)!;
    await w.app.ctx.db
      .updateTable('beneficiary_login_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('hash', '=', hashToken(token))
      .execute();
    const client = new Client(w.app.url);
    const expired = await client.call(api.space.signInWithLink, { body: { token } });
    expect(expired.status).toBe(400);
    expect(expired.error?.message).toMatch(/a expiré/);
    expect((await client.get('/api/auth/session')).status).toBe(401);
    const invalid = await client.call(api.space.signInWithLink, { body: { token: 'x'.repeat(43) } });
    expect(invalid.error?.message).toMatch(/n’est pas valable/);
  });

  it('signs in with a 6-digit SMS code: 5 attempts, single use, neutral answers', async () => {
    const { res, received } = await requestSmsCode('06 11 22 33 44');
    const unknown = await requestSmsCode('07 00 00 00 01');
    expect(unknown.res.body).toEqual(res.body);
    expect(unknown.received).toHaveLength(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toBe('+33611223344');
    const code = codeOf(received[0]!.text)!;
    expect(received[0]!.text).toMatch(/Valable 5 minutes/);
    const wrong = code === '000000' ? '000001' : '000000';
    const client = new Client(w.app.url);
    for (let i = 0; i < 5; i++) {
      const r = await client.call(api.space.signInWithCode, { body: { phone: '0611223344', code: wrong } });
      expect(r.status).toBe(400);
      expect(r.error?.fields?.[0]?.path).toBe('code');
    }
    // Five wrong attempts: the right code no longer works either.
    const exhausted = await client.call(api.space.signInWithCode, { body: { phone: '0611223344', code } });
    expect(exhausted.status).toBe(400);
    const failures = await w.app.ctx.db
      .selectFrom('login_failure')
      .select('email_hash')
      .where('email_hash', '=', loginKey('tel:06 11 22 33 44'))
      .execute();
    expect(failures.length).toBe(6);

    const fresh = await requestSmsCode('+33 6 11 22 33 44');
    const next = codeOf(fresh.received[0]!.text)!;
    const ok = await client.call(api.space.signInWithCode, { body: { phone: '06 11 22 33 44', code: next } });
    expect(ok.status).toBe(200);
    expect(ok.body.actor.personId).toBe(w.person);
    const reused = await new Client(w.app.url).call(api.space.signInWithCode, {
      body: { phone: '06 11 22 33 44', code: next },
    });
    expect(reused.status).toBe(400);
    // An unknown number is refused with the same words.
    const nobody = await new Client(w.app.url).call(api.space.signInWithCode, {
      body: { phone: '07 00 00 00 01', code: next },
    });
    expect(nobody.error?.message).toBe(reused.error?.message);
  });

  it('refuses an expired SMS code', async () => {
    const { received } = await requestSmsCode('06 11 22 33 44');
    const code = codeOf(received[0]!.text)!;
    await w.app.ctx.db
      .updateTable('beneficiary_login_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('account_id', '=', w.accountId)
      .where('kind', '=', 'sms_code')
      .where('used_at', 'is', null)
      .execute();
    const r = await new Client(w.app.url).call(api.space.signInWithCode, {
      body: { phone: '06 11 22 33 44', code },
    });
    expect(r.status).toBe(400);
  });

  it('refuses a malformed number or code in French', async () => {
    const c = new Client(w.app.url);
    const bad = await c.call(api.space.requestCode, { body: { phone: '12' } });
    expect(bad.status).toBe(400);
    expect(bad.error?.fields?.[0]?.message).toMatch(/Numéro invalide/);
    const code = await c.call(api.space.signInWithCode, { body: { phone: '0611223344', code: '12a' } });
    expect(code.error?.fields?.[0]?.message).toBe('Le code est composé de 6 chiffres.');
  });

  it('sends nothing for a phone shared by two persons with a space', async () => {
    const db = w.app.ctx.db;
    const household = await db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', w.other)
      .executeTakeFirstOrThrow();
    const spouse = await db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: 'AUTRE',
        first_name: 'Inès',
        birth_date: '1990-01-01',
        sex: 'F',
        household_id: household.household_id,
        household_role: 'CJT',
        rights_open: true,
        subject_to_duties: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const makeAccount = (email: string, personId: string) =>
      db
        .insertInto('account')
        .values({
          department_code: '13',
          email,
          display_name: email,
          role: 'beneficiary',
          person_id: personId,
        })
        .execute();
    await makeAccount('marc.autre@exemple.fr', w.other);
    const single = await requestSmsCode('06 99 88 77 66');
    expect(single.received).toHaveLength(1);
    await makeAccount('ines.autre@exemple.fr', spouse.id);
    const shared = await requestSmsCode('06 99 88 77 66');
    expect(shared.received).toHaveLength(0);
  });
});
