/** Counts published without directly identifying data: cells under the threshold are masked. */
export const SMALL_CELL_THRESHOLD = 5;

/** A table of counts with its margins; `null` is a masked cell (shown « < 5 » or « secret »). */
export interface MaskedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * Masks the cells of `cells` (rows × columns) under `threshold` (1 to 4; 0 stays 0), then masks
 * further cells (secondary masking) so that no masked cell can be recomputed from a published
 * total of its row or column.
 *
 * The table is read with its margins as one (rows + 1) × (columns + 1) grid: each line (a row with
 * its row total, a column with its column total, the row totals with the grand total, the column
 * totals with the grand total) adds up. A line with exactly one masked entry gives it away, so:
 * 1. primary: every count from 1 to threshold − 1 is masked, margins included (a total of 3 is a
 *    small count too). 0 is published: it says that nobody is in the cell, which identifies no one;
 * 2. secondary, until nothing changes: in a line with exactly one masked entry, the smallest
 *    non-zero published cell of that line is masked too (a margin only if no cell is left).
 */
export function maskSmallCells(cells: number[][], threshold = SMALL_CELL_THRESHOLD): MaskedTable {
  const rows = cells.length;
  const columns = rows === 0 ? 0 : Math.max(...cells.map((r) => r.length));
  const value = (i: number, j: number) => cells[i]?.[j] ?? 0;
  const rowTotals = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => value(i, j)).reduce((a, b) => a + b, 0),
  );
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    Array.from({ length: rows }, (_, i) => value(i, j)).reduce((a, b) => a + b, 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);

  // The extended grid: row `rows` holds the column totals, column `columns` the row totals.
  const grid = (i: number, j: number) =>
    i < rows && j < columns ? value(i, j) : i < rows ? rowTotals[i] : j < columns ? columnTotals[j] : total;
  const masked = Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: columns + 1 }, (_, j) => {
      const v = grid(i, j) as number;
      return v > 0 && v < threshold;
    }),
  );

  // Every line of the extended grid as its list of [i, j] positions, the margin last.
  const lines: [number, number][][] = [];
  for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: columns + 1 }, (_, j) => [i, j]));
  for (let j = 0; j <= columns; j++) lines.push(Array.from({ length: rows + 1 }, (_, i) => [i, j]));

  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => masked[i]?.[j]).length !== 1) continue;
      const candidates = line.filter(([i, j]) => !masked[i]?.[j] && (grid(i, j) as number) > 0);
      const isMargin = ([i, j]: [number, number]) => i === rows || j === columns;
      const pick = [...candidates].sort(
        (a, b) =>
          Number(isMargin(a)) - Number(isMargin(b)) || (grid(...a) as number) - (grid(...b) as number),
      )[0];
      if (!pick) continue;
      (masked[pick[0]] as boolean[])[pick[1]] = true;
      changed = true;
    }
  }

  const shown = (i: number, j: number) => (masked[i]?.[j] ? null : (grid(i, j) as number));
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => shown(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => shown(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => shown(rows, j)),
    total: shown(rows, columns),
  };
}
