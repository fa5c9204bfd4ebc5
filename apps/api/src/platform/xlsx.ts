import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on the first workbook: with its zip stack it is a third of the time the
 * application or a command takes to start, and most starts write no spreadsheet.
 */
export function excel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
