import { describe, expect, it } from 'vitest';
import { addressChanges, contactChanges } from './rectifications';

const address = {
  streetNumber: '12',
  streetType: 'RUE',
  streetName: 'DES LILAS',
  complement: null,
  locality: null,
  communeCode: '13203',
  postalCode: '13003',
  communeName: 'MARSEILLE',
};

describe('rectification log: one row per changed field', () => {
  it('logs the value and the consent of a contact separately, with the consent date', () => {
    expect(
      contactChanges(
        'phone',
        { value: '0611111111', consent: 'I', consentOn: null },
        { value: '06 22 22 22 22', consent: 'A', consentOn: '2026-01-15' },
      ),
    ).toEqual([
      { field: 'phone', old: '0611111111', new: '06 22 22 22 22' },
      { field: 'sms_consent', old: 'non renseigné', new: 'accord (le 15/01/2026)' },
    ]);
    expect(
      contactChanges(
        'email',
        { value: 'a@b.fr', consent: 'R', consentOn: null },
        { value: 'a@b.fr', consent: 'R', consentOn: null },
      ),
    ).toEqual([]);
    // Removing the e-mail removes its consent too.
    expect(
      contactChanges(
        'email',
        { value: 'a@b.fr', consent: 'A', consentOn: null },
        { value: null, consent: null, consentOn: null },
      ),
    ).toEqual([
      { field: 'email', old: 'a@b.fr', new: null },
      { field: 'email_consent', old: 'accord', new: null },
    ]);
  });

  it('logs only the address lines that changed, the street as one line', () => {
    expect(addressChanges(address, { ...address, streetType: null, streetName: 'RUE DES LILAS' })).toEqual(
      [],
    );
    expect(
      addressChanges(address, {
        ...address,
        streetNumber: '3',
        complement: 'Bât. B',
        communeCode: '13201',
        postalCode: '13001',
      }),
    ).toEqual([
      { field: 'street_number', old: '12', new: '3' },
      { field: 'complement', old: null, new: 'Bât. B' },
      { field: 'commune', old: '13003 MARSEILLE (13203)', new: '13001 MARSEILLE (13201)' },
    ]);
  });
});
