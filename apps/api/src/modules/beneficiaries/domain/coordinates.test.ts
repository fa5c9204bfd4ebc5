import { describe, expect, it } from 'vitest';
import { decideFluxValue, describeGroupValue, sameGroupValue } from './coordinates';

const phone = (value: string | null, consent: string | null = 'A') => ({ value, consent });
const address = (streetName: string, communeCode = '13203', postalCode = '13003') => ({
  streetNumber: '12',
  streetType: null,
  streetName,
  complement: null,
  locality: null,
  communeCode,
  postalCode,
  communeName: 'MARSEILLE',
});

describe('coordinates: flux against the value entered on the file', () => {
  it('compares phones by their digits and consents, addresses by their lines', () => {
    expect(sameGroupValue('phone', phone('06.12.34.56.78'), phone('+33 6 12 34 56 78'))).toBe(true);
    expect(sameGroupValue('phone', phone('0612345678', 'A'), phone('0612345678', 'R'))).toBe(false);
    expect(sameGroupValue('phone', phone('0612345678', null), phone('0612345678', 'I'))).toBe(true);
    expect(sameGroupValue('email', phone('A@Exemple.fr'), phone('a@exemple.fr'))).toBe(true);
    expect(
      sameGroupValue('address', address('RUE DES LILAS'), { ...address('DES LILAS'), streetType: 'RUE' }),
    ).toBe(true);
    expect(sameGroupValue('address', address('Rue des Lilas'), address('RUE DES ROSES'))).toBe(false);
  });

  it('applies the CAF value when nobody entered one on the file', () => {
    expect(
      decideFluxValue('phone', {
        incoming: phone('0611111111'),
        current: phone('0622222222'),
        entered: null,
        fluxOn: '2026-01-01',
      }),
    ).toBe('apply');
  });

  it('keeps the entry when the CAF restates its old value, and says nothing', () => {
    const entered = { factOn: '2026-02-01', cafValue: phone('0611111111') };
    const input = { incoming: phone('0611111111'), current: phone('0622222222'), entered };
    expect(decideFluxValue('phone', { ...input, fluxOn: '2026-03-01' })).toBe('keep');
  });

  it('lets the newer fact win, and shows the disagreement either way', () => {
    const entered = { factOn: '2026-02-01', cafValue: phone('0611111111') };
    const input = { incoming: phone('0633333333'), current: phone('0622222222'), entered };
    expect(decideFluxValue('phone', { ...input, fluxOn: '2026-01-15' })).toBe('conflict');
    // Same day: the agent's entry is kept (the flux was produced before the office opened).
    expect(decideFluxValue('phone', { ...input, fluxOn: '2026-02-01' })).toBe('conflict');
    expect(decideFluxValue('phone', { ...input, fluxOn: '2026-02-02' })).toBe('replace');
    expect(
      decideFluxValue('phone', { ...input, incoming: phone('06 22 22 22 22'), fluxOn: '2026-03-01' }),
    ).toBe('same');
  });

  it('describes values in French for the file', () => {
    expect(describeGroupValue('phone', phone('06 12 34 56 78', 'R'))).toBe('06 12 34 56 78 (refus)');
    expect(describeGroupValue('address', address('RUE DES LILAS'))).toBe('12 RUE DES LILAS 13003 MARSEILLE');
    expect(describeGroupValue('email', null)).toBe('aucune valeur');
  });
});
