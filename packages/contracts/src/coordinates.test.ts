import { describe, expect, it } from 'vitest';
import { coordinatesUpdateSchema, normalisePhoneInput } from './coordinates';

describe('coordinates typed by agents', () => {
  it('normalises French phone numbers however they are written', () => {
    expect(normalisePhoneInput('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(normalisePhoneInput('+33 6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(normalisePhoneInput('0033 (0)6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(normalisePhoneInput('04-91-00-00-00')).toBe('04 91 00 00 00');
    expect(normalisePhoneInput('+262 692 12 34 56')).toBe('+262692123456');
    expect(normalisePhoneInput('06 12')).toBeNull();
    expect(normalisePhoneInput('00 12 34 56 78')).toBeNull();
  });

  it('wants the date of a consent answered, and reports every field at fault at once', () => {
    const base = {
      version: 1,
      source: 'agent',
      phone: 'pas un numéro',
      smsConsent: 'A',
      smsConsentOn: null,
      email: '',
      emailConsent: 'I',
      emailConsentOn: null,
      address: {
        streetNumber: '3',
        street: '',
        complement: '',
        locality: '',
        communeCode: null,
        postalCode: null,
      },
    };
    const result = coordinatesUpdateSchema.safeParse(base);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['address.communeCode', 'address.street', 'phone', 'smsConsentOn']);
    const ok = coordinatesUpdateSchema.parse({
      ...base,
      phone: '0612345678',
      smsConsentOn: '2026-01-15',
      email: ' A@B.FR ',
      address: { ...base.address, street: 'rue des Lilas', communeCode: '13203', postalCode: '13003' },
    });
    expect(ok).toMatchObject({ phone: '06 12 34 56 78', email: 'a@b.fr', address: { complement: null } });
  });
});
