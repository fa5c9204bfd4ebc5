import { describe, expect, it } from 'vitest';
import { displayPhone, normalizeFrenchPhone } from './phone';

describe('normalizeFrenchPhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678', true],
    ['06.12.34.56.78', '+33612345678', true],
    ['07-98-76-54-32', '+33798765432', true],
    ['+33 6 12 34 56 78', '+33612345678', true],
    ['+33 (0)6 12 34 56 78', '+33612345678', true],
    ['0033612345678', '+33612345678', true],
    ['612345678', '+33612345678', true],
    ['04 91 00 00 00', '+33491000000', false],
    ['0690 12 34 56', '+590690123456', true],
    ['0692 12 34 56', '+262692123456', true],
    ['0639 12 34 56', '+262639123456', true],
    ['0262 12 34 56', '+262262123456', false],
    ['+262 692 12 34 56', '+262692123456', true],
  ])('%s → %s', (raw, e164, mobile) => {
    expect(normalizeFrenchPhone(raw)).toEqual({ e164, mobile });
  });

  it.each(['', '   ', 'abc', '06 12 34', '00 12 34 56 78', '+44 20 7946 0958', '061234567890'])(
    'refuses %j',
    (raw) => {
      expect(normalizeFrenchPhone(raw)).toBeNull();
    },
  );

  it('displays French numbers the French way', () => {
    expect(displayPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(displayPhone('+590690123456')).toBe('+590690123456');
  });
});
