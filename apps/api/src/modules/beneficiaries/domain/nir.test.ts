import { describe, expect, it } from 'vitest';
import { nirKey, normalizeNir } from './nir';

describe('normalizeNir', () => {
  it('accepts the 13 characters of CAF files as they are', () => {
    expect(normalizeNir('1850578006084')).toEqual({ nir13: '1850578006084' });
  });

  it('strips spaces and checks the key of a 15-character NIR', () => {
    expect(normalizeNir('1 85 05 78 006 084 91')).toEqual({ nir13: '1850578006084' });
    expect(normalizeNir('294027512345619')).toEqual({ nir13: '2940275123456' });
    expect(normalizeNir('169029900100108')).toEqual({ nir13: '1690299001001' });
  });

  it('computes the key of Corsican NIRs with 2A = 19 and 2B = 18', () => {
    expect(nirKey('285122A123456')).toBe(95);
    expect(nirKey('285122B123456')).toBe(25);
    expect(normalizeNir('285122a12345695')).toEqual({ nir13: '285122A123456' });
    expect(normalizeNir('285122B12345625')).toEqual({ nir13: '285122B123456' });
    expect(normalizeNir('285122B12345695')).toEqual({ error: 'clé du NIR invalide' });
  });

  it('rejects a wrong key', () => {
    expect(normalizeNir('185057800608492')).toEqual({ error: 'clé du NIR invalide' });
    expect(normalizeNir('18505780060849X')).toEqual({ error: 'clé du NIR invalide' });
  });

  it('rejects a wrong length or wrong characters', () => {
    expect(normalizeNir('')).toEqual({ error: 'NIR vide' });
    expect(normalizeNir('18505780060')).toEqual({
      error: 'longueur du NIR invalide : 11 caractères (attendu 13, ou 15 avec la clé)',
    });
    expect(normalizeNir('18505780X6084')).toEqual({ error: 'caractères du NIR invalides' });
    expect(normalizeNir('185052C006084')).toEqual({ error: 'caractères du NIR invalides' });
  });
});
