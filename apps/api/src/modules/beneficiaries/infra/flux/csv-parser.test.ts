import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, type CsvFluxArgs, parseFluxCsv } from './csv-parser';
import { collectFlux, inChunks } from './flux-test-support';

const fixtures = fileURLToPath(new URL('../../../../../test/fixtures/flux/', import.meta.url));
const csvBytes = readFileSync(`${fixtures}flux-small.csv`);
const csvText = csvBytes.toString('utf8').replace(/^\uFEFF/, '');
const args: CsvFluxArgs = { natFlux: 'D', typeFlux: 'M', createdOn: '05/01/2026', application: 'WEBRSA' };

function parse(bytes: Buffer, chunkSize = 4096, csvArgs: CsvFluxArgs = args) {
  return collectFlux(parseFluxCsv(inChunks(bytes, chunkSize), csvArgs));
}

const header = CSV_COLUMNS.join(';');
/** A row of the header's 26 columns from a few values. */
function row(values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>): string {
  const base: Record<string, string> = {
    NUMORG: '131',
    FONORG: 'CAF',
    NUMDEMRSA: '13100000009',
    ETATDOSRSA: '2',
    NOMNAI: 'ROUX',
    PRENOM: 'Inès',
    DTNAI: '1990-01-02',
    SEXE: '2',
    ROLEPERS: 'DEM',
    TOPPERSDRODEVORSA: '1',
    ...values,
  };
  return CSV_COLUMNS.map((c) => base[c] ?? '').join(';');
}

function csv(...lines: string[]): Buffer {
  return Buffer.from(`${[header, ...lines].join('\n')}\n`, 'utf8');
}

describe('parseFluxCsv — the fixture', () => {
  it('groups the rows of a household and reads every column', async () => {
    const { households, summary } = await parse(csvBytes);
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({
      header: {
        application: 'WEBRSA',
        typeFlux: 'M',
        natFlux: 'D',
        createdOn: '2026-01-05',
        createdAtTime: '00:00:00',
        referenceDate: null,
      },
      households: 2,
      persons: 4,
      declaredHouseholds: null,
    });
    expect(households.map((h) => [h.path, h.claimNumber, h.members.length])).toEqual([
      ['lignes 2-4', '13100000001', 3],
      ['ligne 5', '13100000003', 1],
    ]);
    const [family, closed] = households;
    expect(family).toMatchObject({
      organism: 'CAF',
      organismNumber: '131',
      matricule: '0001234567',
      claimDate: '2025-11-03',
      rightsStatus: '2',
      closure: null,
      address: { streetNumber: '12', streetName: 'DU SACRÉ-CŒUR', inseeCode: '13203', postalCode: '13003' },
      contacts: {
        phone: '0611223344',
        phoneConsent: null,
        email: 'helene.durand@example.org',
        emailConsent: null,
      },
    });
    expect(
      family?.members.map((m) => [m.path, m.firstName, m.sex, m.role, m.birthDate, m.subjectToDuties]),
    ).toEqual([
      ['ligne 2', 'Hélène', 'F', 'DEM', '1985-06-13', true],
      ['ligne 3', 'Frédéric', 'M', 'CJT', '1983-02-28', true],
      ['ligne 4', 'Chloé', 'F', 'ENF', '2015-03-02', false],
    ]);
    // 15 characters with spaces and a key: checked, kept on 13.
    expect(closed?.members[0]?.nir).toBe('2900713055042');
    expect(closed?.closure).toEqual({ reason: 'MUT', date: '2025-12-31' });
    expect(closed?.contacts).toBeNull();
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const whole = await parse(csvBytes, csvBytes.length);
    expect(await parse(csvBytes, 1)).toEqual(whole);
    expect(await parse(csvBytes, 5)).toEqual(whole);
  });

  it('accepts CRLF line ends and a header in lower case', async () => {
    const crlf = Buffer.from(csvText.replace(/\n/g, '\r\n').replace(header, header.toLowerCase()), 'utf8');
    expect(await parse(crlf)).toEqual(await parse(csvBytes));
  });
});

describe('parseFluxCsv — rejected input', () => {
  it('shifted columns: a row with a field too many or too few', async () => {
    const { households, summary } = await parse(
      csv(
        row({}),
        `${row({ NUMDEMRSA: '13100000010' })};`,
        row({ NUMDEMRSA: '13100000011' }).replace(/;[^;]*$/, ''),
      ),
    );
    expect(summary.errors).toEqual([
      { place: 'ligne 3', field: 'colonne 27', reason: 'colonnes décalées : 27 champs au lieu de 26' },
      { place: 'ligne 4', field: 'ADRELEC', reason: 'colonnes décalées : 25 champs au lieu de 26' },
    ]);
    expect(households.map((h) => h.claimNumber)).toEqual(['13100000009']);
  });

  it('missing and duplicated columns in the header', async () => {
    const bytes = Buffer.from(
      `${header.replace('NOMNAI;', '').replace('SEXE;', 'SEXE;SEXE;')}\n${row({})}\n`,
      'utf8',
    );
    const { households, summary } = await parse(bytes);
    expect(summary.errors).toEqual([
      { place: 'ligne 1', field: 'SEXE', reason: "colonne en double dans l'en-tête : SEXE" },
      { place: 'ligne 1', field: 'NOMNAI', reason: "colonne obligatoire absente de l'en-tête : NOMNAI" },
    ]);
    expect(households).toEqual([]);
  });

  it('a NUMDEMRSA that comes back after another household', async () => {
    const { households, summary } = await parse(
      csv(row({}), row({ NUMDEMRSA: '13100000010' }), row({ NUMDEMRSA: '13100000009', ROLEPERS: 'ENF' })),
    );
    expect(summary.errors).toEqual([
      {
        place: 'ligne 4',
        field: 'NUMDEMRSA',
        reason: "NUMDEMRSA 13100000009 déjà vu ligne 2 : les lignes d'un même dossier doivent se suivre",
      },
    ]);
    expect(households.map((h) => h.claimNumber)).toEqual(['13100000009', '13100000010']);
  });

  it('an impossible date, a bad NIR key, a bad sex, a bad flag, an unknown status: line and column', async () => {
    const { households, summary } = await parse(
      csv(
        row({ DTNAI: '31/02/2026' }),
        row({ NUMDEMRSA: '13100000010', NIR: '185057800608492', SEXE: 'X' }),
        row({ NUMDEMRSA: '13100000011', TOPPERSDRODEVORSA: 'oui', ETATDOSRSA: '7' }),
        row({ NUMDEMRSA: '13100000012', SEXE: 'm', ROLEPERS: 'dem' }),
      ),
    );
    expect(summary.errors).toEqual([
      { place: 'ligne 2', field: 'DTNAI', reason: 'date impossible : 31/02/2026' },
      { place: 'ligne 3', field: 'NIR', reason: 'clé du NIR invalide' },
      { place: 'ligne 3', field: 'SEXE', reason: 'sexe invalide : « X » (attendu 1 ou 2, M ou F)' },
      {
        place: 'ligne 4',
        field: 'ETATDOSRSA',
        reason: 'état du dossier inconnu : « 7 » (attendu Z, 0, 1, 2, 3, 4, 5 ou 6)',
      },
      {
        place: 'ligne 4',
        field: 'TOPPERSDRODEVORSA',
        reason: 'indicateur invalide : « oui » (attendu 0 ou 1)',
      },
    ]);
    expect(households.map((h) => [h.claimNumber, h.members[0]?.sex, h.members[0]?.role])).toEqual([
      ['13100000012', 'M', 'DEM'],
    ]);
  });

  it('missing values, a short NUMDEMRSA, two DEM, rows of a household that disagree', async () => {
    const { summary } = await parse(
      csv(
        row({ NOMNAI: '', ROLEPERS: '' }),
        row({ NUMDEMRSA: '1310' }),
        row({ NUMDEMRSA: '13100000011' }),
        row({ NUMDEMRSA: '13100000011', ETATDOSRSA: '5', PRENOM: 'Loïc', SEXE: '1' }),
        row({ NUMDEMRSA: '' }),
      ),
    );
    expect(summary.errors).toEqual([
      { place: 'ligne 2', field: 'NOMNAI', reason: 'champ obligatoire absent ou vide' },
      { place: 'ligne 2', field: 'ROLEPERS', reason: 'champ obligatoire absent ou vide' },
      {
        place: 'ligne 3',
        field: 'NUMDEMRSA',
        reason: 'NUMDEMRSA doit compter 11 caractères : « 1310 » en compte 4',
      },
      {
        place: 'ligne 5',
        field: 'ETATDOSRSA',
        reason: 'valeur différente de la ligne 4 pour le même dossier : « 5 » au lieu de « 2 »',
      },
      {
        place: 'ligne 5',
        field: 'ROLEPERS',
        reason: 'deuxième demandeur (DEM) dans le foyer, après la ligne 4',
      },
      { place: 'ligne 6', field: 'NUMDEMRSA', reason: 'champ obligatoire absent ou vide' },
    ]);
  });

  it('a file that is not UTF-8 (an Excel export in windows-1252)', async () => {
    const { households, summary } = await parse(iconv.encode(csvText, 'windows-1252'));
    expect(summary.errors).toEqual([
      {
        place: 'ligne 2',
        field: null,
        reason: 'encodage invalide : octet 0xC9 incorrect en UTF-8 (attendu un fichier UTF-8)',
      },
    ]);
    expect(households).toEqual([]);
  });

  it('an unclosed quote', async () => {
    const { summary } = await parse(csv(row({}), row({ NUMDEMRSA: '13100000010', NOM: '"ROUX' })));
    expect(summary.errors).toEqual([
      { place: 'ligne 3', field: null, reason: 'CSV invalide : guillemet ouvert jamais fermé' },
    ]);
  });

  it('an empty file, a 0-byte file, a header alone', async () => {
    expect((await parse(Buffer.alloc(0))).summary.errors).toEqual([
      { place: 'fichier', field: null, reason: 'fichier vide (0 octet)' },
    ]);
    expect((await parse(Buffer.from('\n\n'))).summary.errors).toEqual([
      { place: 'fichier', field: null, reason: "fichier vide : aucune ligne d'en-tête" },
    ]);
    expect((await parse(Buffer.from([0xef, 0xbb, 0xbf]), 1)).summary.errors).toEqual([
      { place: 'fichier', field: null, reason: "fichier vide : aucune ligne d'en-tête" },
    ]);
    const headerOnly = await parse(csv());
    expect(headerOnly.summary.errors).toEqual([]);
    expect(headerOnly.summary.households).toBe(0);
  });

  it('invalid command-line parameters', async () => {
    const { summary } = await parse(csvBytes, 4096, {
      natFlux: 'X' as 'D',
      typeFlux: 'M',
      createdOn: '2026-02-30',
    });
    expect(summary.header).toBeNull();
    expect(summary.errors).toEqual([
      { place: 'paramètres', field: 'NATFLUX', reason: 'NATFLUX invalide : « X » (attendu D ou I)' },
      { place: 'paramètres', field: 'DTCREAFLUX', reason: 'date impossible : 30/02/2026' },
    ]);
  });

  it('counts the columns it does not read', async () => {
    const bytes = Buffer.from(`${header};COMMENTAIRE\n${row({})};à rappeler\n`, 'utf8');
    const { households, summary } = await parse(bytes);
    expect(summary.errors).toEqual([]);
    expect(households).toHaveLength(1);
    expect(summary.skippedElements).toEqual({ COMMENTAIRE: 1 });
  });
});
