import { describe, expect, it } from 'vitest';
import { ofName, plural } from './french';

describe('ofName', () => {
  it('elides "de" before a vowel or an h', () => {
    expect(ofName('Agathe MARTIN')).toBe('d’Agathe MARTIN');
    expect(ofName('Élodie RIVIÈRE')).toBe('d’Élodie RIVIÈRE');
    expect(ofName('Hélène ROUX')).toBe('d’Hélène ROUX');
    expect(ofName('Yves DUPONT')).toBe('d’Yves DUPONT');
    expect(ofName('Œdipe ROI')).toBe('d’Œdipe ROI');
  });

  it('keeps "de" before a consonant, a consonant y, or a non-letter', () => {
    expect(ofName('Camille EXEMPLE')).toBe('de Camille EXEMPLE');
    expect(ofName('Yann LE ROUX')).toBe('de Yann LE ROUX');
    expect(ofName('  Bernard  ')).toBe('de Bernard');
  });
});

describe('plural', () => {
  it('keeps 0 and 1 singular, as French does', () => {
    expect(plural(0, 'foyer créé', 'foyers créés')).toBe('0 foyer créé');
    expect(plural(1, 'nouvel entrant', 'nouveaux entrants')).toBe('1 nouvel entrant');
    expect(plural(2, 'nouvel entrant', 'nouveaux entrants')).toBe('2 nouveaux entrants');
  });
});
