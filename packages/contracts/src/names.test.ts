import { describe, expect, it } from 'vitest';
import { lastNameOf, personName, personNameOfRow } from './names';

describe('names as given', () => {
  it('keeps capitals, particles, apostrophes and hyphens exactly as written', () => {
    expect(personName({ firstName: 'Yann', birthName: 'LE ROUX', usualName: null })).toBe('Yann LE ROUX');
    expect(personName({ firstName: 'Jean-Pierre', birthName: 'DE LA FONTAINE' })).toBe(
      'Jean-Pierre DE LA FONTAINE',
    );
    expect(personName({ firstName: 'Aminata', birthName: "N'DIAYE" })).toBe("Aminata N'DIAYE");
    expect(personName({ firstName: 'Aminata', birthName: 'N’Diaye' })).toBe('Aminata N’Diaye');
    // An agent's own casing is not "corrected" either way.
    expect(personName({ firstName: 'Anne', birthName: 'MARTIN', usualName: 'de La Fontaine' })).toBe(
      'Anne de La Fontaine',
    );
  });

  it('uses the usual name when there is one, else the birth name, spaces around removed', () => {
    expect(lastNameOf({ birthName: 'MARTIN', usualName: 'LE ROUX' })).toBe('LE ROUX');
    expect(lastNameOf({ birthName: ' LE ROUX ', usualName: '  ' })).toBe('LE ROUX');
    expect(lastNameOf({ birthName: 'LE ROUX' })).toBe('LE ROUX');
  });

  it('names a database row the same way', () => {
    expect(personNameOfRow({ first_name: 'Jean-Pierre', birth_name: 'LE ROUX', usual_name: null })).toBe(
      'Jean-Pierre LE ROUX',
    );
  });
});
