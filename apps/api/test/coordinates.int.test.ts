import { api } from '@parcours/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { loadRecipient } from '../src/modules/messaging/infra/recipients';
import { parisToday } from '../src/platform/time';
import { engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson } from './support/messaging-fixtures';

/**
 * Issue 10, point 1: coordinates corrected on the person's file by the agents who follow the
 * person — validated, kept as rectifications (author, date, source), audited, on the timeline,
 * used by the letters and SMS, and guarded against the agents' pôle scope.
 */
describe.each(engines)('coordinates on the person file (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let personId: string;
  let other: string;
  let householdId: string;
  const today = parisToday();

  const form = (version: number, over: Record<string, unknown> = {}) => ({
    version,
    source: 'beneficiary' as const,
    phone: '06.22.22.22.22',
    smsConsent: 'A' as const,
    smsConsentOn: today,
    email: ' Camille.Exemple@Exemple.FR ',
    emailConsent: 'R' as const,
    emailConsentOn: today,
    address: {
      streetNumber: '3',
      street: 'boulevard National',
      complement: 'Bât. B',
      locality: null,
      communeCode: '13203',
      postalCode: '13003',
    },
    ...over,
  });

  beforeAll(async () => {
    app = await startTestApp(engine);
    personId = await createTestPerson(app, {
      firstName: 'Camille',
      lastName: 'Rectifiee',
      phone: { value: '0611111111', consent: 'I' },
    });
    other = await createTestPerson(app, { firstName: 'Autre', lastName: 'Ailleurs' });
    householdId = (
      await app.ctx.db
        .selectFrom('person')
        .select('household_id')
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
    ).household_id!;
    // `other` lives in a commune of another pôle; an advisor of that pôle.
    const home = await app.ctx.db
      .selectFrom('commune')
      .select('hub_id')
      .where('insee_code', '=', '13203')
      .executeTakeFirstOrThrow();
    const elsewhere = await app.ctx.db
      .selectFrom('commune')
      .select(['insee_code', 'hub_id'])
      .where('hub_id', '!=', home.hub_id!)
      .orderBy('insee_code')
      .executeTakeFirstOrThrow();
    const otherHousehold = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', other)
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('household')
      .set({ commune_code: elsewhere.insee_code })
      .where('id', '=', otherHousehold.household_id!)
      .execute();
    await createAccount(
      app.ctx,
      null,
      {
        email: `coord-ailleurs-${engine}@parcours.test`,
        displayName: 'Anne Ailleurs',
        role: 'orientation_advisor',
        hubId: elsewhere.hub_id!,
        structureId: null,
        password: 'Parcours-demo-2026',
      },
      null,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows the coordinates with their provenance, and audits the reading', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const res = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    expect(res.status).toBe(200);
    expect(res.body.householdId).toBe(householdId);
    expect(res.body.phone).toMatchObject({ value: '0611111111', consent: 'I' });
    expect(res.body.address).toMatchObject({
      streetNumber: '12',
      street: 'RUE DES LILAS',
      communeCode: '13203',
    });
    expect(res.body.rectifications).toEqual([]);
    const reads = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', '=', 'person.read')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it('records each changed field as a rectification, audited and on the timeline', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const before = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    const res = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(before.body.version),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(before.body.version + 1);
    expect(res.body.phone).toMatchObject({
      value: '06 22 22 22 22',
      consent: 'A',
      consentOn: today,
      consentSource: 'beneficiary',
      provenance: { source: 'beneficiary', factOn: today, authorName: expect.any(String) },
    });
    expect(res.body.email).toMatchObject({ value: 'camille.exemple@exemple.fr', consent: 'R' });
    expect(res.body.address).toMatchObject({
      streetNumber: '3',
      street: 'boulevard National',
      complement: 'Bât. B',
      communeCode: '13203',
      postalCode: '13003',
      communeName: 'MARSEILLE',
    });
    const fields = res.body.rectifications.map((r) => r.field).sort();
    expect(fields).toEqual([
      'complement',
      'email',
      'email_consent',
      'phone',
      'sms_consent',
      'street',
      'street_number',
    ]);
    expect(res.body.rectifications.find((r) => r.field === 'phone')).toMatchObject({
      oldValue: '0611111111',
      newValue: '06 22 22 22 22',
      source: 'beneficiary',
    });
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select(['details', 'target_id'])
      .where('person_id', '=', personId)
      .where('action', '=', 'person.coordinates_rectified')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target_id).toBe(householdId);
    const file = await advisor.call(api.persons.getFile, { params: { id: personId } });
    const line = file.body.timeline.find((t) => t.type === 'coordinates_rectified');
    expect(line?.label).toContain('déclaré par la personne');
    expect(line?.label).toContain('téléphone');
    // Letters and SMS use the corrected values.
    const recipient = await loadRecipient(app.ctx.db, '13', personId);
    expect(recipient?.mobile).toBe('+33622222222');
    expect(recipient?.email).toBeNull(); // consent refused
    expect(recipient?.addressLines).toEqual(['3 boulevard National', 'Bât. B', '13003 MARSEILLE']);
  });

  it('saves nothing when nothing changed, and refuses a stale version (409)', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const current = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    const same = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(current.body.version),
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(current.body.version);
    expect(same.body.rectifications).toHaveLength(current.body.rectifications.length);
    const stale = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(current.body.version - 1, { phone: '0633333333' }),
    });
    expect(stale.status).toBe(409);
    const after = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    expect(after.body.phone?.value).toBe('06 22 22 22 22');
  });

  it('validates the phone, the e-mail, the consent date and the commune of the official list', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const { body } = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    const bad = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(body.version, { phone: '06 12', email: 'pas-une-adresse' }),
    });
    expect(bad.status).toBe(400);
    const paths = (bad.error?.fields ?? []).map((f) => f.path).join(' ');
    expect(paths).toContain('phone');
    expect(paths).toContain('email');
    const undated = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(body.version, { smsConsentOn: null }),
    });
    expect(undated.status).toBe(400);
    expect(JSON.stringify(undated.error?.fields)).toContain('smsConsentOn');
    const unknownCommune = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(body.version, {
        address: { ...form(0).address, communeCode: '75056', postalCode: '75001' },
      }),
    });
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.error?.fields?.[0]?.path).toContain('communeCode');
    const wrongPostal = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(body.version, { address: { ...form(0).address, postalCode: '13008' } }),
    });
    expect(wrongPostal.status).toBe(400);
    expect(wrongPostal.error?.message + JSON.stringify(wrongPostal.error?.fields)).toContain('code postal');
  });

  it('refuses persons out of scope (403, audited), unknown persons (404) and roles without the right', async () => {
    const remote = await loggedIn(app, `coord-ailleurs-${engine}@parcours.test`);
    const denied = await remote.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(1, { phone: '0699999999' }),
    });
    expect(denied.status).toBe(403);
    expect((await remote.call(api.persons.getCoordinates, { params: { id: personId } })).status).toBe(403);
    const trace = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', '=', 'person.act_denied')
      .execute();
    expect(trace.length).toBeGreaterThan(0);
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const unknown = await advisor.call(api.persons.updateCoordinates, {
      params: { id: '00000000-0000-4000-8000-000000000000' },
      body: form(1),
    });
    expect(unknown.status).toBe(404);
    const operator = await loggedIn(app, 'operateur@parcours.test');
    const noRight = await operator.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: form(1),
    });
    expect(noRight.status).toBe(403);
    const after = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    expect(after.body.phone?.value).toBe('06 22 22 22 22');
    // The other pôle's advisor corrects their own person.
    const own = await remote.call(api.persons.getCoordinates, { params: { id: other } });
    expect(own.status).toBe(200);
  });
});
