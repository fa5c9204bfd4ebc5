import { describe, expect, it } from 'vitest';
import { type MaskedTable, maskSmallCells } from './statistical-masking';

/** Each line of the table with its margin: [entries…, total]. */
function lines(t: MaskedTable): (number | null)[][] {
  const rows = t.cells.map((r, i) => [...r, t.rowTotals[i] ?? null]);
  const columns = t.columnTotals.map((c, j) => [...t.cells.map((r) => r[j] ?? null), c]);
  return [...rows, ...columns, [...t.rowTotals, t.total], [...t.columnTotals, t.total]];
}

/** A small deterministic generator (no dependency): mulberry32. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('maskSmallCells', () => {
  it('publishes a table without small counts as it is, margins included', () => {
    expect(
      maskSmallCells([
        [10, 20],
        [30, 0],
      ]),
    ).toEqual({
      cells: [
        [10, 20],
        [30, 0],
      ],
      rowTotals: [30, 30],
      columnTotals: [40, 20],
      total: 60,
    });
  });

  it('keeps 0 and masks 1 to 4', () => {
    const t = maskSmallCells([
      [0, 4, 6, 9],
      [1, 10, 12, 7],
    ]);
    expect(t.cells[0]?.[0]).toBe(0);
    expect(t.cells[0]?.[1]).toBeNull();
    expect(t.cells[1]?.[0]).toBeNull();
  });

  it('masks a second cell of the row and of the column so that no total gives a small count away', () => {
    // 3 is masked; row 0 then has one masked cell: its smallest other non-zero cell (8) goes too;
    // column 0 has one masked cell: 7 goes too; then row 1 (7 masked) takes 9, column 1 (8) takes 9.
    const t = maskSmallCells([
      [3, 8, 20],
      [7, 9, 30],
      [50, 60, 70],
    ]);
    expect(t.cells).toEqual([
      [null, null, 20],
      [null, null, 30],
      [50, 60, 70],
    ]);
    expect(t.rowTotals).toEqual([31, 46, 180]);
    expect(t.columnTotals).toEqual([60, 77, 120]);
    expect(t.total).toBe(257);
  });

  it('masks a total under the threshold, and a second one beside it', () => {
    // Row 0 adds up to 3: masked with its cells; the row totals then hold one masked entry, so the
    // smallest other non-zero row total (7, whose cells must go in turn) is masked too.
    const t = maskSmallCells([
      [1, 2],
      [3, 4],
      [20, 30],
    ]);
    expect(t.rowTotals).toEqual([null, null, 50]);
    expect(t.cells[0]).toEqual([null, null]);
    expect(t.cells[1]).toEqual([null, null]);
    expect(t.total).toBe(60);
  });

  it('masks everything of a table whose grand total is small', () => {
    const t = maskSmallCells([
      [1, 0],
      [0, 2],
    ]);
    expect(t.total).toBeNull();
    expect(t.cells).toEqual([
      [null, 0],
      [0, null],
    ]);
  });

  it('masks a second row of a one-column table', () => {
    const t = maskSmallCells([[2], [40], [12]]);
    expect(t.cells).toEqual([[null], [40], [null]]);
    expect(t.columnTotals).toEqual([54]);
  });

  it('handles an empty table', () => {
    expect(maskSmallCells([])).toEqual({ cells: [], rowTotals: [], columnTotals: [], total: 0 });
  });

  it('leaves no masked entry alone in a line, publishes no count from 1 to 4, and changes no published value', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const rows = 1 + Math.floor(next() * 6);
      const columns = 1 + Math.floor(next() * 6);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const r = next();
          return r < 0.2 ? 0 : r < 0.5 ? 1 + Math.floor(next() * 4) : Math.floor(next() * 40);
        }),
      );
      const t = maskSmallCells(cells);
      for (const line of lines(t)) {
        const hidden = line.filter((v) => v === null).length;
        expect(hidden === 0 || hidden >= 2, `seed ${seed}: ${JSON.stringify(line)}`).toBe(true);
        for (const v of line) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
      }
      cells.forEach((row, i) => {
        row.forEach((v, j) => {
          const shown = t.cells[i]?.[j];
          if (shown !== null) expect(shown).toBe(v);
        });
      });
    }
  });
});
