import { isApiError } from '../lib/api';
import { Table } from './Table';

/** One line of a refused partner file: where (« ligne 4 ») and why. */
export interface FailedLine {
  place: string;
  reason: string;
}

/** A file refused as a whole: the API lists its lines in `fields` (path « ligne 4 »). */
export function failedLinesOf(error: unknown): FailedLine[] {
  return isApiError(error) ? error.fields.map((f) => ({ place: f.path, reason: f.message })) : [];
}

/** The table of a refused file's lines, shown where the agent sent it. */
export function FailedLinesTable({ lines }: { lines: readonly FailedLine[] }) {
  if (lines.length === 0) return null;
  return (
    <Table
      caption={`Lignes en erreur (${lines.length})`}
      columns={[
        {
          key: 'place',
          header: 'Ligne',
          rowHeader: true,
          render: (l: FailedLine) => l.place.replace(/^ligne\s+/i, ''),
        },
        { key: 'reason', header: 'Motif', render: (l: FailedLine) => l.reason },
      ]}
      rows={lines}
      rowKey={(l) => `${l.place}|${l.reason}`}
    />
  );
}
