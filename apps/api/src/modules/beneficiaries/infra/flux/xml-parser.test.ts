import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { FluxHousehold } from '../../domain/flux';
import { collectFlux, inChunks } from './flux-test-support';
import { type ParseFluxXmlOptions, parseFluxXml } from './xml-parser';

const fixtures = fileURLToPath(new URL('../../../../../test/fixtures/flux/', import.meta.url));
const vrsbBytes = readFileSync(`${fixtures}vrsb-small.xml`);
const vrsbText = iconv.decode(vrsbBytes, 'windows-1252');

function cp1252(text: string): Buffer {
  return iconv.encode(text, 'windows-1252');
}

function parse(bytes: Buffer, opts?: ParseFluxXmlOptions, chunkSize = 4096) {
  return collectFlux(parseFluxXml(inChunks(bytes, chunkSize), opts));
}

/** The fixture with one edit, in windows-1252 as it is stored. */
function edited(search: string, replacement: string, occurrence = 1): Buffer {
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = vrsbText.indexOf(search, at + 1);
    if (at < 0) throw new Error(`not in the fixture: ${search} (#${occurrence})`);
  }
  return cp1252(vrsbText.slice(0, at) + replacement + vrsbText.slice(at + search.length));
}

const claimNumbers = (households: FluxHousehold[]) => households.map((h) => h.claimNumber);

describe('parseFluxXml — the windows-1252 VRSB fixture', () => {
  it('reads the header, every household and the file total', async () => {
    const { households, summary } = await parse(vrsbBytes);
    expect(summary.errors).toEqual([]);
    expect(summary.header).toEqual({
      application: 'CRI',
      typeFlux: 'M',
      natFlux: 'D',
      createdOn: '2026-01-05',
      createdAtTime: '01:18:36',
      referenceDate: '2026-01-01',
    });
    expect(summary).toMatchObject({ households: 4, persons: 6, declaredHouseholds: 4, errorsTruncated: 0 });
    expect(claimNumbers(households)).toEqual(['13100000001', '01300000002', '13100000003', '13100000004']);
  });

  it('reads a family: accents, the RSA role (not the PFA one), the current address (RGADR 01)', async () => {
    const [family] = (await parse(vrsbBytes)).households;
    expect(family).toEqual({
      path: 'Racine/InfosFoyerRSA[1]',
      organism: 'CAF',
      organismNumber: '131',
      matricule: '0001234567',
      claimNumber: '13100000001',
      claimDate: '2025-11-03',
      familySituation: 'MAR',
      familySituationSince: '2010-06-12',
      address: {
        streetNumber: '12',
        streetType: 'RUE',
        streetName: 'DU SACRÉ-CŒUR',
        complement: null,
        locality: 'LA BELLE DE MAI',
        inseeCode: '13203',
        postalCode: '13003',
        communeName: 'MARSEILLE',
        abroad: false,
      },
      rightsStatus: '2',
      closure: null,
      refusal: null,
      rightSuspensions: [],
      paymentSuspensions: [],
      members: [
        {
          path: 'Racine/InfosFoyerRSA[1]/Personne[1]',
          title: 'MME',
          usualName: 'DURAND',
          birthName: 'MARTIN',
          firstName: 'Hélène',
          firstName2: 'Marie',
          firstName3: null,
          birthPlace: 'MARSEILLE',
          birthDate: '1985-06-13',
          birthRank: '1',
          nir: '2850613055123',
          sex: 'F',
          role: 'DEM',
          franceTravailId: '1234567A',
          subjectToDuties: true,
          entersDuties: true,
        },
        {
          path: 'Racine/InfosFoyerRSA[1]/Personne[2]',
          title: 'M',
          usualName: 'DURAND',
          birthName: 'DURAND',
          firstName: 'Frédéric',
          firstName2: null,
          firstName3: null,
          birthPlace: 'AUBAGNE',
          birthDate: '1983-02-28',
          birthRank: null,
          nir: '1830213005042',
          sex: 'M',
          role: 'CJT',
          franceTravailId: null,
          subjectToDuties: true,
          entersDuties: false,
        },
        {
          path: 'Racine/InfosFoyerRSA[1]/Personne[3]',
          title: null,
          usualName: null,
          birthName: 'DURAND',
          firstName: 'Chloé',
          firstName2: null,
          firstName3: null,
          birthPlace: 'MARSEILLE',
          birthDate: '2015-03-02',
          birthRank: null,
          nir: null,
          sex: 'F',
          role: 'ENF',
          franceTravailId: null,
          subjectToDuties: false,
          entersDuties: false,
        },
      ],
      contacts: null,
      anomalies: [],
    });
  });

  it('reads suspensions, closures, refusals, addresses abroad and anomalies', async () => {
    const [, msa, closed, refused] = (await parse(vrsbBytes)).households;
    expect(msa).toMatchObject({
      organism: 'MSA',
      organismNumber: '013',
      rightsStatus: '4',
      rightSuspensions: [{ reason: 'DL', from: '2025-12-01' }],
      paymentSuspensions: [
        { reason: '06', from: '2025-12-01' },
        { reason: 'CG', from: '2026-01-01' },
      ],
      address: {
        streetNumber: null,
        complement: "MAS DE L'ÉTANG",
        streetName: 'DU VACCARÈS',
        inseeCode: '13004',
      },
    });
    // "DEM " with its trailing space, and an xsd:boolean written `true`.
    expect(msa?.members[0]).toMatchObject({ role: 'DEM', firstName3: 'Noël', subjectToDuties: true });
    expect(closed).toMatchObject({
      rightsStatus: '5',
      closure: { reason: 'MUT', date: '2025-12-31' },
      anomalies: ["Adresse à l'étranger : résidence en France à vérifier"],
      address: { abroad: true, streetName: null, inseeCode: null },
    });
    expect(closed?.members[0]?.nir).toBe('290072A004012');
    expect(refused).toMatchObject({
      rightsStatus: '1',
      refusal: { reason: 'AGE', date: '2026-01-02' },
      address: { complement: 'CHEZ M. & MME ROUX', streetNumber: '7 BIS' },
    });
    expect(refused?.members[0]?.birthRank).toBe('2');
  });

  it('never reads Rattachement (another person) and counts what it skips', async () => {
    const { summary } = await parse(vrsbBytes);
    // The fixture's Rattachement holds a 31/02 date and a bad NIR: not read, so no error.
    expect(summary.skippedElements).toMatchObject({
      Rattachement: 1,
      DossierCAF: 6,
      Partenaire: 4,
      DetailDroitRSA: 4,
      Evenement: 1,
      Controle: 1,
      Activite: 1,
      TOPCHAPERS: 12,
      NBTOTDOSRSATRANSMANO: 1,
    });
    expect(summary.skippedElements).not.toHaveProperty('Identification');
  });

  it('gives the same result whatever the chunk boundaries (1 byte, 7 bytes, whole file)', async () => {
    const whole = await parse(vrsbBytes, {}, vrsbBytes.length);
    expect(await parse(vrsbBytes, {}, 1)).toEqual(whole);
    expect(await parse(vrsbBytes, {}, 7)).toEqual(whole);
    expect(await collectFlux(parseFluxXml(Readable.from([vrsbBytes])))).toEqual(whole);
  });

  it('reads the same file in UTF-8, with or without a byte-order mark', async () => {
    const whole = await parse(vrsbBytes);
    const utf8 = Buffer.from(vrsbText.replace('encoding="windows-1252"', 'encoding="UTF-8"'), 'utf8');
    expect(await parse(utf8, {}, 3)).toEqual(whole);
    expect(await parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), {}, 1)).toEqual(whole);
    const iso = iconv.encode(
      vrsbText.replace('encoding="windows-1252"', "encoding='ISO-8859-15'"),
      'iso-8859-15',
    );
    expect(await parse(iso)).toEqual(whole);
  });
});

describe('parseFluxXml — the VIRS fixture (contacts)', () => {
  it('reads NUMDEMRSA wherever it is in the block and the first phone and e-mail with their consent', async () => {
    const { households, summary } = await parse(readFileSync(`${fixtures}virs-small.xml`));
    expect(summary.errors).toEqual([]);
    expect(summary.header?.natFlux).toBe('I');
    expect(summary).toMatchObject({ households: 2, persons: 0, declaredHouseholds: 2 });
    expect(summary.skippedElements).toMatchObject({ Personne: 1, MATETEL: 1 });
    expect(households).toEqual([
      {
        path: 'Racine/InfoDemandeRSA[1]',
        organism: 'CAF',
        organismNumber: '131',
        matricule: '0001234567',
        claimNumber: '13100000001',
        claimDate: '2025-11-03',
        familySituation: null,
        familySituationSince: null,
        address: null,
        rightsStatus: 'Z',
        closure: null,
        refusal: null,
        rightSuspensions: [],
        paymentSuspensions: [],
        members: [],
        contacts: {
          phone: '0611223344',
          phoneConsent: 'A',
          email: 'helene.durand@example.org',
          emailConsent: 'R',
        },
        anomalies: [],
      },
      expect.objectContaining({
        path: 'Racine/InfoDemandeRSA[2]',
        organism: 'CAF',
        organismNumber: '',
        claimNumber: '13100000005',
        contacts: {
          phone: '0491000000',
          phoneConsent: 'I',
          email: 'zoe.benezet@example.org',
          emailConsent: 'A',
        },
      }),
    ]);
  });

  it('rejects an unknown consent and a VIRS block without NUMDEMRSA', async () => {
    const virs = readFileSync(`${fixtures}virs-small.xml`, 'utf8')
      .replace('<AUTORUTITEL>A</AUTORUTITEL>', '<AUTORUTITEL>O</AUTORUTITEL>')
      .replace('<NUMDEMRSA>13100000005</NUMDEMRSA>', '');
    const { households, summary } = await parse(Buffer.from(virs));
    expect(households).toEqual([]);
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfoDemandeRSA[1]/DonneesAdministratives/ModesContacts[1]/AUTORUTITEL',
        field: 'AUTORUTITEL',
        reason: 'autorisation invalide : « O » (attendu A, R ou I)',
      },
      {
        place: 'Racine/InfoDemandeRSA[2]',
        field: 'NUMDEMRSA',
        reason: 'NUMDEMRSA absent du bloc InfoDemandeRSA',
      },
    ]);
  });
});

describe('parseFluxXml — rejected input', () => {
  it('a truncated file: the line and column where it stops, at the element left open', async () => {
    const cut = vrsbText.indexOf('<NOMNAI>LEFÈVRE') + '<NOMNAI>LEF'.length;
    const { households, summary } = await parse(cp1252(vrsbText.slice(0, cut)));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]/Personne[1]/Identification/NOMNAI',
        field: null,
        reason: 'fichier tronqué (ligne 230, colonne 19) : balise NOMNAI non fermée',
      },
    ]);
    // What came before was read; nothing is checked against the missing total.
    expect(claimNumbers(households)).toEqual(['13100000001']);
  });

  it('a file that is not well-formed', async () => {
    const { households, summary } = await parse(edited('<NOM>LEFÈVRE</NOM>', '<NOM>LEFÈVRE</NON>'));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]/Personne[1]/Identification/NOM',
        field: null,
        reason: 'XML mal formé (ligne 229, colonne 26) : balise fermante inattendue (</NOM> attendue)',
      },
    ]);
    expect(claimNumbers(households)).toEqual(['13100000001']);
    // A household "closed" by a wrong close tag is not handed out.
    const wrongClose = await parse(edited('</InfosFoyerRSA>', '</InfosFoyerRSX>', 2), {}, 1);
    expect(wrongClose.summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]',
        field: null,
        reason:
          'XML mal formé (ligne 315, colonne 18) : balise fermante inattendue (</InfosFoyerRSA> attendue)',
      },
    ]);
    expect(claimNumbers(wrongClose.households)).toEqual(['13100000001']);
  });

  it('bytes that are not UTF-8 in a file declared UTF-8', async () => {
    const text = vrsbText.replace('encoding="windows-1252"', 'encoding="UTF-8"').replace(/<!--.*-->\n/, '');
    const { households, summary } = await parse(cp1252(text));
    expect(households).toEqual([]);
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[1]/Identification/PRENOM',
        field: null,
        reason: 'encodage invalide : octet 0xE9 incorrect en utf-8 (ligne 33, colonne 18)',
      },
    ]);
  });

  it('an encoding it does not know, or UTF-16', async () => {
    const ebcdic = await parse(edited('encoding="windows-1252"', 'encoding="EBCDIC-FR"'));
    expect(ebcdic.summary.errors).toEqual([
      {
        place: 'fichier',
        field: null,
        reason: 'encodage non pris en charge : « EBCDIC-FR » (attendu windows-1252, ISO-8859-1/15 ou UTF-8)',
      },
    ]);
    const utf16 = await parse(iconv.encode(vrsbText, 'utf-16le', { addBOM: true }));
    expect(utf16.summary.errors).toEqual([
      {
        place: 'fichier',
        field: null,
        reason: 'encodage non pris en charge : UTF-16 (attendu windows-1252, ISO-8859-1/15 ou UTF-8)',
      },
    ]);
  });

  it('a byte windows-1252 does not define', async () => {
    const bytes = Buffer.from(vrsbBytes);
    bytes[vrsbBytes.indexOf('<NOMCOMNAI>ARLES') + '<NOMCOMNAI>AR'.length] = 0x81;
    const { summary } = await parse(bytes);
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]/Personne[1]/Identification/NOMCOMNAI',
        field: null,
        reason: 'encodage invalide : octet 0x81 incorrect en windows-1252 (ligne 234, colonne 22)',
      },
    ]);
  });

  it('an empty file and a 0-byte file', async () => {
    expect((await parse(Buffer.alloc(0))).summary.errors).toEqual([
      { place: 'fichier', field: null, reason: 'fichier vide (0 octet)' },
    ]);
    const declarationOnly = await parse(Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\r\n\r\n'));
    expect(declarationOnly.summary.errors).toEqual([
      { place: 'fichier', field: null, reason: 'fichier vide : aucun élément XML' },
    ]);
    expect((await parse(Buffer.from('  \n'))).summary.errors).toEqual([
      { place: 'fichier', field: null, reason: 'fichier vide : aucun élément XML' },
    ]);
  });

  it('a root other than Racine', async () => {
    const { summary } = await parse(Buffer.from('<?xml version="1.0"?><Flux><A/></Flux>'));
    expect(summary.errors).toEqual([
      { place: 'Flux', field: null, reason: 'élément racine inattendu : « Flux » (attendu Racine)' },
    ]);
  });

  it('an unknown ETATDOSRSA: that household only is not yielded', async () => {
    const { households, summary } = await parse(
      edited('<ETATDOSRSA>4</ETATDOSRSA>', '<ETATDOSRSA>9</ETATDOSRSA>'),
    );
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]/PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA',
        field: 'ETATDOSRSA',
        reason: 'état du dossier inconnu : « 9 » (attendu Z, 0, 1, 2, 3, 4, 5 ou 6)',
      },
    ]);
    expect(claimNumbers(households)).toEqual(['13100000001', '13100000003', '13100000004']);
    expect(summary.households).toBe(4);
  });

  it('a 15-character NIR: key checked, then kept on 13 characters', async () => {
    const wrongKey = await parse(edited('<NIR>1711213004017</NIR>', '<NIR>171121300401799</NIR>'));
    expect(wrongKey.summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[2]/Personne[1]/Identification/NIR',
        field: 'NIR',
        reason: 'clé du NIR invalide',
      },
    ]);
    expect(claimNumbers(wrongKey.households)).not.toContain('01300000002');
    const rightKey = await parse(edited('<NIR>1711213004017</NIR>', '<NIR>171121300401755</NIR>'));
    expect(rightKey.summary.errors).toEqual([]);
    expect(rightKey.households[1]?.members[0]?.nir).toBe('1711213004017');
  });

  it('an impossible date (31/02/2026), reported once', async () => {
    const { summary } = await parse(edited('<DTNAI>2015-03-02</DTNAI>', '<DTNAI>2026-02-31</DTNAI>'));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[3]/Identification/DTNAI',
        field: 'DTNAI',
        reason: 'date impossible : 31/02/2026',
      },
    ]);
  });

  it('two DEM in a household', async () => {
    // The CJT's RSA block is the second <ROLEPERS>CJT</ROLEPERS> (the first is the DEM's PFA block).
    const { households, summary } = await parse(
      edited('<ROLEPERS>CJT</ROLEPERS>', '<ROLEPERS>DEM</ROLEPERS>', 2),
    );
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[2]/Prestations[2]/ROLEPERS',
        field: 'ROLEPERS',
        reason: 'deuxième demandeur (DEM) dans le foyer, après Personne[1]',
      },
    ]);
    expect(claimNumbers(households)).not.toContain('13100000001');
    const twoSpouses = await parse(edited('<ROLEPERS>DEM</ROLEPERS>', '<ROLEPERS>CJT</ROLEPERS>'));
    expect(twoSpouses.summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[2]/Prestations[2]/ROLEPERS',
        field: 'ROLEPERS',
        reason: 'deuxième conjoint (CJT) dans le foyer, après Personne[1]',
      },
    ]);
  });

  it('a wrong NBTOTDOSRSATRANSM, checked at the end', async () => {
    const { households, summary } = await parse(
      edited('<NBTOTDOSRSATRANSM>00000004', '<NBTOTDOSRSATRANSM>00000005'),
    );
    expect(summary.errors).toEqual([
      {
        place: 'Racine/TransmissionFlux/NBTOTDOSRSATRANSM',
        field: 'NBTOTDOSRSATRANSM',
        reason: 'NBTOTDOSRSATRANSM annonce 5 dossiers mais le fichier contient 4 blocs InfosFoyerRSA',
      },
    ]);
    expect(summary.declaredHouseholds).toBe(5);
    expect(households).toHaveLength(4);
  });

  it('missing required fields, at the place they should be', async () => {
    const text = vrsbText
      .replace('<NOMNAI>DURAND</NOMNAI>\n        <PRENOM>Chloé</PRENOM>', '<PRENOM>Chloé</PRENOM>')
      .replace('<SEXE>1</SEXE>', '<SEXE />')
      .replace('<NUMDEMRSA>13100000003</NUMDEMRSA>', '')
      .replace('<ETATDOSRSA>1</ETATDOSRSA>', '<ETATDOSRSA> </ETATDOSRSA>');
    const { households, summary } = await parse(cp1252(text));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[2]/Identification/SEXE',
        field: 'SEXE',
        reason: 'champ obligatoire absent ou vide',
      },
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[3]/Identification/NOMNAI',
        field: 'NOMNAI',
        reason: 'champ obligatoire absent ou vide',
      },
      {
        place: 'Racine/InfosFoyerRSA[3]/IdentificationRSA/DemandeRSA/NUMDEMRSA',
        field: 'NUMDEMRSA',
        reason: 'champ obligatoire absent ou vide',
      },
      {
        place: 'Racine/InfosFoyerRSA[4]/PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA',
        field: 'ETATDOSRSA',
        reason: 'champ obligatoire absent ou vide',
      },
    ]);
    expect(claimNumbers(households)).toEqual(['01300000002']);
  });

  it('a person without an RSA Prestations block, a bad SEXE, a short NUMDEMRSA, a duplicate NUMDEMRSA', async () => {
    const text = vrsbText
      .replace(
        '<NATPREST>RSA</NATPREST>\n        <ROLEPERS>ENF</ROLEPERS>',
        '<NATPREST>PFA</NATPREST>\n        <ROLEPERS>ENF</ROLEPERS>',
      )
      .replace('<SEXE>1</SEXE>', '<SEXE>H</SEXE>')
      .replace('<NUMDEMRSA>01300000002</NUMDEMRSA>', '<NUMDEMRSA>1300002</NUMDEMRSA>')
      .replace('<NUMDEMRSA>13100000004</NUMDEMRSA>', '<NUMDEMRSA>13100000003</NUMDEMRSA>');
    const { households, summary } = await parse(cp1252(text));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[2]/Identification/SEXE',
        field: 'SEXE',
        reason: 'sexe invalide : « H » (attendu 1 ou 2)',
      },
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[3]/Prestations',
        field: 'ROLEPERS',
        reason: 'ROLEPERS absent : aucun bloc Prestations avec NATPREST RSA',
      },
      {
        place: 'Racine/InfosFoyerRSA[2]/IdentificationRSA/DemandeRSA/NUMDEMRSA',
        field: 'NUMDEMRSA',
        reason: 'NUMDEMRSA doit compter 11 caractères : « 1300002 » en compte 7',
      },
      {
        place: 'Racine/InfosFoyerRSA[4]/IdentificationRSA/DemandeRSA/NUMDEMRSA',
        field: 'NUMDEMRSA',
        reason: 'NUMDEMRSA 13100000003 déjà présent dans InfosFoyerRSA[3]',
      },
    ]);
    expect(claimNumbers(households)).toEqual(['13100000003']);
  });

  it('an invalid header', async () => {
    const text = vrsbText
      .replace('<TYPEFLUX>M</TYPEFLUX>', '<TYPEFLUX>Q</TYPEFLUX>')
      .replace('<HEUCREAFLUX>01:18:36.0000</HEUCREAFLUX>', '<HEUCREAFLUX>25:00</HEUCREAFLUX>');
    const { summary } = await parse(cp1252(text));
    expect(summary.header).toBeNull();
    expect(summary.errors).toEqual([
      {
        place: 'Racine/IdentificationFlux/TYPEFLUX',
        field: 'TYPEFLUX',
        reason: 'TYPEFLUX invalide : « Q » (attendu I, M ou R)',
      },
      {
        place: 'Racine/IdentificationFlux/HEUCREAFLUX',
        field: 'HEUCREAFLUX',
        reason: 'heure invalide : « 25:00 » (attendu HH:MM:SS)',
      },
    ]);
  });

  it('a value longer than the XSD allows', async () => {
    const { summary } = await parse(edited('<NOMNAI>MARTIN</NOMNAI>', `<NOMNAI>${'X'.repeat(29)}</NOMNAI>`));
    expect(summary.errors).toEqual([
      {
        place: 'Racine/InfosFoyerRSA[1]/Personne[1]/Identification/NOMNAI',
        field: 'NOMNAI',
        reason: 'valeur trop longue : 29 caractères (au plus 28)',
      },
    ]);
  });

  it('caps the listed errors at maxErrors and counts the others', async () => {
    const { summary } = await parse(cp1252(vrsbText.replaceAll('<SEXE>', '<SEXE>9')), { maxErrors: 2 });
    expect(summary.errors).toHaveLength(2);
    expect(summary.errorsTruncated).toBe(4);
  });
});
