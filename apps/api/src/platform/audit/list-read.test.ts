import { describe, expect, it } from 'vitest';
import { maskNir, personListLabel } from './list-read';
import { ViewDedupe, viewIdOf } from './view-dedupe';

describe('bulk-read traces', () => {
  it('masks a NIR typed in a query, whatever its spacing, and nothing else', () => {
    expect(maskNir('1790113055001')).toBe('[NIR masqué]');
    expect(maskNir('1 79 01 13 055 001 42')).toBe('[NIR masqué]');
    expect(maskNir('dupont 279022A055002')).toBe('dupont [NIR masqué]');
    expect(maskNir('dupont 12/03/1980')).toBe('dupont 12/03/1980');
    expect(maskNir('13200000021')).toBe('13200000021');
  });

  it('labels an appearance with the list and what was asked, never the ids', () => {
    expect(personListLabel({ list: 'persons.search', query: { q: 'dupont' } })).toBe(
      'apparu dans une liste : recherche « dupont »',
    );
    expect(
      personListLabel({
        list: 'orientation.queue',
        query: { hubId: '0013b791-d259-467c-959b-46b8ce894018', stage: 'to_convene' },
      }),
    ).toBe("apparu dans une liste : file d'orientation (stage to_convene)");
  });
});

describe('one file read per page view', () => {
  it('shares the first write between the calls of a view; a failed write is retried', async () => {
    const views = new ViewDedupe();
    let writes = 0;
    const write = async () => {
      writes++;
    };
    await Promise.all([views.once('a', write), views.once('a', write), views.once('a', write)]);
    expect(writes).toBe(1);
    await views.once('b', write);
    expect(writes).toBe(2);
    const failing = () => Promise.reject(new Error('base indisponible'));
    await expect(views.once('c', failing)).rejects.toThrow('base indisponible');
    await views.once('c', write);
    expect(writes).toBe(3);
  });

  it('forgets views after their time and beyond its bound', async () => {
    const views = new ViewDedupe(0, 10);
    let writes = 0;
    const write = async () => {
      writes++;
    };
    await views.once('a', write);
    await views.once('a', write);
    expect(writes).toBe(2);
  });

  it('accepts only a plausible view id', () => {
    expect(viewIdOf('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(viewIdOf('short')).toBeUndefined();
    expect(viewIdOf('a'.repeat(65))).toBeUndefined();
    expect(viewIdOf("x'; drop table--")).toBeUndefined();
    expect(viewIdOf(['a', 'b'])).toBeUndefined();
  });
});
