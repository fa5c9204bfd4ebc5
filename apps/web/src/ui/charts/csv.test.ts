import { describe, expect, it } from 'vitest';
import { chartCsv, maskedRows } from './csv';

describe('chart CSV', () => {
  const columns = [
    { key: 'hub', label: 'Pôle' },
    { key: 'a', label: 'A' },
    { key: 'b', label: 'B' },
    { key: 'total', label: 'Total' },
  ];

  it('masks the counts under 5 and the totals that would reveal them', () => {
    const rows = maskedRows(
      [
        { hub: 'Nord', a: 3, b: 40, total: 43 },
        { hub: 'Sud', a: 12, b: 30, total: 42 },
      ],
      ['a', 'b'],
      'total',
    );
    expect(rows[0]!.a).toBeNull();
    // Nord's total minus b would give a back: the total is masked, or b with it.
    expect(rows[0]!.total === null || rows[0]!.b === null).toBe(true);
    expect(rows[1]!.hub).toBe('Sud');
  });

  it('leaves a table without small counts as it is', () => {
    const rows = [{ hub: 'Nord', a: 5, b: 0, total: 5 }];
    expect(maskedRows(rows, ['a', 'b'], 'total')).toEqual(rows);
  });

  it('writes semicolons, a BOM, « < 5 » for masked cells and quotes what needs it', () => {
    const csv = chartCsv(columns, [{ hub: 'Aix; Gardanne', a: null, b: 7, total: null }]);
    expect(csv).toBe('\uFEFFPôle;A;B;Total\r\n"Aix; Gardanne";< 5;7;< 5\r\n');
  });
});
