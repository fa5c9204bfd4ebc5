import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFlux } from '../src/modules/beneficiaries/application/import-flux';
import { parisToday } from '../src/platform/time';
import { vrsb } from './support/flux-xml';
import { engines, loggedIn, startTestApp } from './support/harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-coord-flux-'));
let n = 0;
function file(content: string) {
  const f = path.join(dir, `flux-${++n}.xml`);
  fs.writeFileSync(f, content);
  return f;
}

/** A VIRS (instruction) file: only the identifiers and the ModesContacts blocks are read. */
function virs(date: string, claimNumber: string, phone: string, consent: 'A' | 'R' | 'I') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Racine>
  <IdentificationFlux>
    <APPLIEME>CRI</APPLIEME><NUMVERSIONAPPLIEME>4200</NUMVERSIONAPPLIEME><TYPEFLUX>I</TYPEFLUX><NATFLUX>I</NATFLUX>
    <DTCREAFLUX>${date}</DTCREAFLUX><HEUCREAFLUX>02:04:11.0000</HEUCREAFLUX><DTREF>${date}</DTREF>
  </IdentificationFlux>
  <InfoDemandeRSA>
    <IdentificationRSA>
      <Organisme><FONORG>CAF</FONORG><NUMORG>131</NUMORG><MATRICULE>0001234567</MATRICULE></Organisme>
      <DemandeRSA><DTDEMRSA>2025-11-03</DTDEMRSA><NUMDEMRSA>${claimNumber}</NUMDEMRSA></DemandeRSA>
    </IdentificationRSA>
    <DonneesAdministratives>
      <ModesContacts><NUMTEL>${phone}</NUMTEL><NATTEL>P</NATTEL><AUTORUTITEL>${consent}</AUTORUTITEL></ModesContacts>
    </DonneesAdministratives>
  </InfoDemandeRSA>
</Racine>
`;
}

/** The date `days` from today (Paris), the agents' entries being dated today. */
function shifted(days: number) {
  const d = new Date(`${parisToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const claimNumber = '13100000777';
const household = (inseeCode: string) => ({
  claimNumber,
  status: '2',
  inseeCode,
  persons: [
    {
      nir: '2850613055777',
      birthName: 'COORDONNE',
      firstName: 'Inès',
      birthDate: '1985-06-13',
      role: 'DEM' as const,
    },
  ],
});

/**
 * A later CAF flux does not silently overwrite a value an agent entered: the newer fact wins, and
 * the disagreement is shown on the file until an agent settles it (issue 10).
 */
describe.each(engines)('coordinates entered on the file against the CAF flux (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let personId: string;
  /** Another commune of the same pôle as 13203 (the person stays in the advisor's scope). */
  let neighbour: string;
  const run = (content: string, name: string) =>
    importFlux(app.ctx, { filePath: file(content), fileName: name, format: 'xml', actor: null });
  const coordinates = async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const res = await advisor.call(api.persons.getCoordinates, { params: { id: personId } });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await startTestApp(engine);
    const home = await app.ctx.db
      .selectFrom('commune')
      .select('hub_id')
      .where('insee_code', '=', '13203')
      .executeTakeFirstOrThrow();
    neighbour = (
      await app.ctx.db
        .selectFrom('commune')
        .select('insee_code')
        .where('hub_id', '=', home.hub_id!)
        .where('insee_code', '!=', '13203')
        .orderBy('insee_code')
        .executeTakeFirstOrThrow()
    ).insee_code;
    const first = await run(vrsb({ date: shifted(-60), households: [household('13203')] }), 'vrsb-1.xml');
    expect(first.status).toBe('applied');
    const contacts = await run(virs(shifted(-59), claimNumber, '0611111111', 'I'), 'virs-1.xml');
    expect(contacts.status).toBe('applied');
    personId = (
      await app.ctx.db
        .selectFrom('person')
        .select('id')
        .where('nir', '=', '2850613055777')
        .executeTakeFirstOrThrow()
    ).id;
    // The agent corrects the phone and the address today.
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    const current = await coordinates();
    expect(current.phone).toMatchObject({ value: '0611111111', provenance: { source: 'flux' } });
    const saved = await advisor.call(api.persons.updateCoordinates, {
      params: { id: personId },
      body: {
        version: current.version,
        source: 'agent',
        phone: '06 22 22 22 22',
        smsConsent: 'A',
        smsConsentOn: parisToday(),
        email: null,
        emailConsent: 'I',
        emailConsentOn: null,
        address: {
          streetNumber: '8',
          street: 'rue Loubon',
          complement: null,
          locality: null,
          communeCode: '13203',
          postalCode: '13003',
        },
      },
    });
    expect(saved.status, saved.text).toBe(200);
  });

  it('keeps the newer value entered by the agent against an older flux, and shows the conflict', async () => {
    const report = await run(virs(shifted(-10), claimNumber, '0633333333', 'A'), 'virs-older.xml');
    expect(report.status).toBe('applied');
    expect(report.coordinateConflicts).toBe(1);
    const c = await coordinates();
    expect(c.phone).toMatchObject({ value: '06 22 22 22 22', provenance: { source: 'agent' } });
    expect(c.conflicts).toHaveLength(1);
    expect(c.conflicts[0]).toMatchObject({
      field: 'phone',
      outcome: 'kept',
      fluxOn: shifted(-10),
      fluxValue: '0633333333 (accord)',
      enteredValue: '06 22 22 22 22 (accord)',
      enteredOn: parisToday(),
      enteredBy: expect.any(String),
    });
    const line = await app.ctx.db
      .selectFrom('timeline_event')
      .select(['type', 'source'])
      .where('person_id', '=', personId)
      .where('type', '=', 'coordinates_conflict')
      .execute();
    expect(line).toEqual([{ type: 'coordinates_conflict', source: 'flux' }]);
  });

  it('says nothing when the CAF restates what it said before', async () => {
    const report = await run(virs(shifted(-5), claimNumber, '06 33 33 33 33', 'A'), 'virs-restated.xml');
    expect(report.coordinateConflicts).toBe(0);
    const c = await coordinates();
    expect(c.phone?.value).toBe('06 22 22 22 22');
    expect(c.conflicts).toHaveLength(1);
    // The same household file again (the agent's address against the CAF's old one): no news.
    const again = await run(vrsb({ date: shifted(-4), households: [household('13203')] }), 'vrsb-2.xml');
    expect(again.coordinateConflicts).toBe(0);
    expect((await coordinates()).address).toMatchObject({ street: 'rue Loubon', streetNumber: '8' });
  });

  it('lets a newer flux replace the entered address, logged as a rectification and shown', async () => {
    const report = await run(
      vrsb({ date: shifted(3), households: [household(neighbour)] }),
      'vrsb-newer.xml',
    );
    expect(report.status).toBe('applied');
    expect(report.coordinateConflicts).toBe(1);
    const c = await coordinates();
    expect(c.address).toMatchObject({
      street: 'RUE DES LILAS',
      communeCode: neighbour,
      provenance: { source: 'flux' },
    });
    const conflict = c.conflicts.find((x) => x.field === 'address');
    expect(conflict).toMatchObject({ outcome: 'replaced', fluxOn: shifted(3) });
    expect(conflict?.enteredValue).toContain('rue Loubon');
    expect(c.rectifications.filter((r) => r.source === 'flux').map((r) => r.field)).toEqual(
      expect.arrayContaining(['street', 'street_number', 'commune']),
    );
  });

  it('settles a conflict: the CAF value taken, or the entered value restored', async () => {
    const advisor = await loggedIn(app, 'orientation@parcours.test');
    let c = await coordinates();
    const phone = c.conflicts.find((x) => x.field === 'phone')!;
    const takeFlux = await advisor.call(api.persons.decideCoordinateConflict, {
      params: { id: personId, conflictId: phone.id },
      body: { keep: 'flux', version: phone.version },
    });
    expect(takeFlux.status, takeFlux.text).toBe(200);
    expect(takeFlux.body.phone).toMatchObject({
      value: '0633333333',
      consent: 'A',
      provenance: { source: 'flux' },
    });
    // Settled once: a second answer on the same version is refused.
    const twice = await advisor.call(api.persons.decideCoordinateConflict, {
      params: { id: personId, conflictId: phone.id },
      body: { keep: 'entered', version: phone.version },
    });
    expect(twice.status).toBe(409);
    c = takeFlux.body;
    const address = c.conflicts.find((x) => x.field === 'address')!;
    const restore = await advisor.call(api.persons.decideCoordinateConflict, {
      params: { id: personId, conflictId: address.id },
      body: { keep: 'entered', version: address.version },
    });
    expect(restore.status, restore.text).toBe(200);
    expect(restore.body.address).toMatchObject({ street: 'rue Loubon', communeCode: '13203' });
    expect(restore.body.conflicts).toEqual([]);
    const audit = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', '=', 'person.coordinate_conflict_decided')
      .execute();
    expect(audit).toHaveLength(2);
    // The address restored today wins over the next older restatement of the CAF's value.
    const later = await run(vrsb({ date: shifted(4), households: [household(neighbour)] }), 'vrsb-later.xml');
    expect(later.coordinateConflicts).toBe(0);
    expect((await coordinates()).address.street).toBe('rue Loubon');
  });
});
