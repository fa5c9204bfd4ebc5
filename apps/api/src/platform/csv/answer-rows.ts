import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type RowError = (line: number, field: string | null, reason: string) => void;

export interface AnswerRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  /** The trimmed cell of a column named in the header ('' when absent). */
  cell: (name: string) => string;
}

/**
 * Reads a partner's semicolon CSV answer (France Travail, the CAF): a header naming the columns, then
 * one row per line. Every problem is reported through `error` (all of them in one pass: the caller
 * refuses the whole file); each well-formed row goes to `onRow`. Returns the number of data rows.
 */
export async function readAnswerRows(
  body: Buffer,
  options: {
    columns: readonly string[];
    /** The columns the header must name. */
    required: readonly string[];
    error: RowError;
    onRow: (row: AnswerRow) => void;
  },
): Promise<number> {
  const { error } = options;
  const parser = Readable.from([body]).pipe(
    parse({
      delimiter: ';',
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  let header: string[] | null = null;
  let rows = 0;
  let failed = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.toLowerCase());
        const missing = options.required.filter((c) => !header?.includes(c));
        if (missing.length) {
          error(
            line,
            missing[0] ?? null,
            `en-tête incomplet : colonne(s) ${missing.join(', ')} absente(s) (attendu : ${options.columns.join(';')})`,
          );
          return 0;
        }
        continue;
      }
      rows++;
      if (record.length > header.length) {
        error(line, null, `${record.length} colonnes au lieu de ${header.length}`);
        continue;
      }
      const names = header;
      options.onRow({
        line,
        cell: (name) => {
          const at = names.indexOf(name);
          return at < 0 ? '' : (record[at] ?? '');
        },
      });
    }
  } catch (err) {
    failed = true;
    error(0, null, `fichier CSV illisible : ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!failed && (!header || rows === 0)) error(1, null, 'fichier vide : aucune ligne d’accusé de réception');
  return rows;
}
