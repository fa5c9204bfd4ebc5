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
 */
export function maskSmallCells(cells: number[][], threshold = SMALL_CELL_THRESHOLD): MaskedTable {
  // Foundation stub (primary masking only), replaced by the statistics slice.
  const masked = cells.map((row) => row.map((v) => (v > 0 && v < threshold ? null : v)));
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = (cells[0] ?? []).map((_, j) => cells.reduce((a, row) => a + (row[j] ?? 0), 0));
  return { cells: masked, rowTotals, columnTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
}
