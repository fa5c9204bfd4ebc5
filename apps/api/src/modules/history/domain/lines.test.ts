import { describe, expect, it } from 'vitest';
import { isRealDate, normalizeNir, parseLine } from './lines';

describe('history lines', () => {
  it('accepts real dates only', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-02-31')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('26-01-01')).toBe(false);
  });

  it('stores a NIR on 13 characters, checking the key of a 15-character one (Corsica included)', () => {
    expect(normalizeNir('2850613055123')).toBe('2850613055123');
    expect(normalizeNir('2 85 06 13 055 123 12')).toBe('2850613055123');
    expect(normalizeNir('285061305512313')).toBeNull();
    // 2A counts as 19 in the key: 97 − (1850219004012 mod 97) = 22.
    expect(normalizeNir('185022A004012 22')).toBe('185022A004012');
    expect(normalizeNir('185022A004012 21')).toBeNull();
    expect(normalizeNir('985061305512')).toBeNull();
  });

  it('explains a rejected line in French', () => {
    const reason = (text: string) => {
      const r = parseLine(text);
      return r.ok ? null : r.reason;
    };
    expect(reason('{"kind":"body","id":"b","name":"B","type":"mairie","hub":"h"}')).toBe(
      '« type » : valeur « mairie » invalide (valeurs admises : france-travail, mds, lieu-accueil, ccas, plie, mission-locale, cap-emploi, operator, medical-team)',
    );
    expect(
      reason(
        '{"kind":"contract","personId":"p","signedOn":"2026-01-01","start":"2026-01-01","end":"2025-01-01","weeklyHours":"15","hoursRegime":"standard"}',
      ),
    ).toBe('« weeklyHours » : nombre attendu, reçu « 15 »');
    expect(
      reason(
        '{"kind":"contract","personId":"p","signedOn":"2026-01-01","start":"2026-01-01","end":"2025-01-01","weeklyHours":15,"hoursRegime":"standard"}',
      ),
    ).toBe('« end » : la fin du contrat précède son début');
    expect(
      reason(
        '{"kind":"person","id":"p","householdNumber":"1","role":"DEM","nir":"123","birthName":"A","firstName":"B","birthDate":"1990-01-01","sex":"X","commune":"13001"}',
      ),
    ).toBe(
      '« nir » : NIR invalide (13 caractères, ou 15 avec une clé exacte) ; « sex » : valeur « X » invalide (valeurs admises : F, M)',
    );
    expect(reason('[1]')).toBe('ligne illisible : un objet JSON est attendu');
    expect(reason('{"id":1}')).toBe('champ « kind » manquant');
  });

  it('ignores unknown fields and accepts numeric ids', () => {
    const r = parseLine(
      '{"kind":"rights","personId":17,"date":"2026-01-05","status":"open","subjectToDuties":true,"montant":600}',
    );
    expect(r).toEqual({
      ok: true,
      value: { kind: 'rights', personId: '17', date: '2026-01-05', status: 'open', subjectToDuties: true },
    });
  });
});
