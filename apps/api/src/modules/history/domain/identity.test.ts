import { describe, expect, it } from 'vitest';
import { conflictReason, identityDifferences, normalizeName } from './identity';

const anthelmette = {
  nir: '2750613055123',
  birthName: 'Carpentier',
  firstName: 'Anthelmette',
  birthDate: '1975-06-13',
  sex: 'F',
};

describe('identity of an imported line', () => {
  it('ignores case, accents, hyphens and spaces in names', () => {
    expect(normalizeName('Le Roux')).toBe(normalizeName('LE-ROUX'));
    expect(normalizeName('Héloïse')).toBe('HELOISE');
  });

  it('sees the same person whatever the spelling, and a missing NIR as no conflict', () => {
    expect(identityDifferences(anthelmette, { ...anthelmette, birthName: 'CARPENTIER', nir: null })).toEqual(
      [],
    );
    expect(identityDifferences({ ...anthelmette, nir: null }, anthelmette)).toEqual([]);
  });

  it('names every identifying field that differs', () => {
    const maud = {
      nir: '2680213055111',
      birthName: 'Carpentier',
      firstName: 'Maud',
      birthDate: '1968-02-01',
      sex: 'F',
    };
    expect(identityDifferences(anthelmette, maud)).toEqual(['nir', 'birthDate']);
    expect(identityDifferences(anthelmette, { ...anthelmette, sex: 'M', birthName: 'Roux' })).toEqual([
      'birthName',
      'sex',
    ]);
    const reason = conflictReason('la personne « p-1 »', anthelmette, maud, ['nir', 'birthDate']);
    expect(reason).toMatch(/^conflit d’identité/);
    expect(reason).toContain('Anthelmette Carpentier, née le 13/06/1975');
    expect(reason).toContain('Maud Carpentier, née le 01/02/1968');
    // A NIR is never written whole in a stored report.
    expect(reason).not.toContain('2750613055123');
    expect(reason).toContain('NIR 27506…123');
    expect(reason).toContain('NIR 26802…111');
  });
});
