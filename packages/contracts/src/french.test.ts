import { describe, expect, it } from 'vitest';
import { agree, agreeText, ofName, plural } from './french';

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

describe('agree', () => {
  it('agrees a word with the sex, and writes both forms when it is unknown', () => {
    expect(agree('F', 'convoqué')).toBe('convoquée');
    expect(agree('M', 'convoqué')).toBe('convoqué');
    expect(agree(null, 'convoqué')).toBe('convoqué(e)');
    expect(agree(undefined, 'connecté')).toBe('connecté(e)');
    expect(agree('F', 'veuf', 'veuve')).toBe('veuve');
    expect(agree(null, 'veuf', 'veuve')).toBe('veuf ou veuve');
  });
});

describe('agreeText', () => {
  const text =
    'Vous êtes convoqué(e), soumis(e) aux droits et devoirs, et informé(e) ; 2 rendez-vous prévu(s).';

  it('resolves every inclusive form for a woman', () => {
    expect(agreeText(text, 'F')).toBe(
      'Vous êtes convoquée, soumise aux droits et devoirs, et informée ; 2 rendez-vous prévu(s).',
    );
  });

  it('resolves every inclusive form for a man', () => {
    expect(agreeText(text, 'M')).toBe(
      'Vous êtes convoqué, soumis aux droits et devoirs, et informé ; 2 rendez-vous prévu(s).',
    );
  });

  it('keeps the text as written when the sex is unknown', () => {
    expect(agreeText(text, null)).toBe(text);
  });

  it('knows the feminines that are not just an e', () => {
    expect(agreeText('veuf(ve), citoyen(ne), nul(le), heureux(se)', 'F')).toBe(
      'veuve, citoyenne, nulle, heureuse',
    );
    expect(agreeText('veuf(ve), citoyen(ne), nul(le), heureux(se)', 'M')).toBe('veuf, citoyen, nul, heureux');
  });
});
