import { describe, expect, it } from 'vitest';
import { ClaimNumberRegistry, isFileLevelFluxError, ParseReport } from './parse-report';

describe('isFileLevelFluxError', () => {
  it('tells errors about the whole file from errors about one household', () => {
    const fileLevel = [
      {
        place: 'Racine/InfosFoyerRSA[3]/Personne[1]/Identification/NOM',
        field: null,
        reason: 'XML mal formé',
      },
      { place: 'fichier', field: null, reason: 'fichier vide (0 octet)' },
      { place: 'Racine/TransmissionFlux/NBTOTDOSRSATRANSM', field: 'NBTOTDOSRSATRANSM', reason: '…' },
      { place: 'Racine/IdentificationFlux/TYPEFLUX', field: 'TYPEFLUX', reason: '…' },
      { place: 'ligne 1', field: 'NOMNAI', reason: "colonne obligatoire absente de l'en-tête : NOMNAI" },
      { place: 'paramètres', field: 'DTCREAFLUX', reason: '…' },
    ];
    const householdLevel = [
      { place: 'Racine/InfosFoyerRSA[12]/Personne[2]/Identification/DTNAI', field: 'DTNAI', reason: '…' },
      { place: 'Racine/InfoDemandeRSA[2]', field: 'NUMDEMRSA', reason: '…' },
      { place: 'ligne 12', field: 'SEXE', reason: '…' },
    ];
    expect(fileLevel.map(isFileLevelFluxError)).toEqual(fileLevel.map(() => true));
    expect(householdLevel.map(isFileLevelFluxError)).toEqual(householdLevel.map(() => false));
  });
});

describe('ParseReport', () => {
  it('lists errors up to the cap and counts the others', () => {
    const report = new ParseReport(2);
    for (let n = 1; n <= 5; n++) report.error(`ligne ${n}`, 'SEXE', 'sexe invalide');
    report.skip('Evenement');
    report.skip('Evenement');
    expect(report.result()).toMatchObject({
      errors: [
        { place: 'ligne 1', field: 'SEXE', reason: 'sexe invalide' },
        { place: 'ligne 2', field: 'SEXE', reason: 'sexe invalide' },
      ],
      errorsTruncated: 3,
      skippedElements: { Evenement: 2 },
    });
  });
});

describe('ClaimNumberRegistry', () => {
  it('remembers where each NUMDEMRSA was first seen, digits or not', () => {
    const registry = new ClaimNumberRegistry();
    expect(registry.firstSeen('13100000001', 1)).toBeNull();
    expect(registry.firstSeen('1310000000A', 2)).toBeNull();
    expect(registry.firstSeen('13100000001', 3)).toBe(1);
    expect(registry.firstSeen('1310000000A', 4)).toBe(2);
    // "00000000001" and "1" are different file numbers.
    expect(registry.firstSeen('00000000001', 5)).toBeNull();
    expect(registry.firstSeen('1', 6)).toBeNull();
  });

  it('keeps every number through its growth, including 0 and the largest', () => {
    const registry = new ClaimNumberRegistry();
    const numbers = Array.from({ length: 50_000 }, (_, i) =>
      String(13_100_000_000 + i * 7919).padStart(11, '0'),
    );
    numbers.push('00000000000', '99999999999');
    numbers.forEach((n, i) => {
      expect(registry.firstSeen(n, i + 1)).toBeNull();
    });
    numbers.forEach((n, i) => {
      expect(registry.firstSeen(n, 0)).toBe(i + 1);
    });
    expect(registry.firstSeen('13100000001', 9)).toBeNull();
  });
});
