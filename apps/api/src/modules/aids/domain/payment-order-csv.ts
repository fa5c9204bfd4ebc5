import { type AidKind, aidKindLabels } from '@parcours/contracts';

/**
 * The payment order for the finance system (layout: docs/formats/aid-payment-order.md): UTF-8
 * with a BOM, `;`-separated, CRLF line ends, a header, one line per payment, then one total line
 * per kind and the order's total. Amounts in euros with a dot decimal. Nothing in it changes
 * between two exports of the same order (no export time): the same order gives the same bytes.
 * No NIR, no address: the payee is a label and a reference.
 */
export interface CsvOrder {
  number: string;
  orderedOn: string;
}
export interface CsvLine {
  lineNo: number;
  aidId: string;
  kind: AidKind;
  hubCode: string;
  hubName: string;
  payeeLabel: string;
  payeeReference: string | null;
  amountCents: number;
}

export const PAYMENT_ORDER_CSV_HEADER = [
  'type_ligne',
  'numero_ordre',
  'numero_ligne',
  'id_aide',
  'date_ordre',
  'code_nature',
  'libelle_nature',
  'code_pole',
  'libelle_pole',
  'beneficiaire_paiement',
  'reference',
  'montant',
  'nombre_lignes',
] as const;

/** `;`-separated, quoted when needed; a cell a spreadsheet would run as a formula is defused. */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** 123456 → « 1234.56 »: a dot decimal, no thousands separator, always two decimals. */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The file's text (its BOM included); lines in line-number order, totals by kind in code order. */
export function paymentOrderCsv(order: CsvOrder, lines: readonly CsvLine[]): string {
  const row = (cells: unknown[]) => cells.map(csvCell).join(';');
  const sorted = [...lines].sort((a, b) => a.lineNo - b.lineNo);
  const out: string[] = [row([...PAYMENT_ORDER_CSV_HEADER])];
  for (const l of sorted)
    out.push(
      row([
        'PAIEMENT',
        order.number,
        l.lineNo,
        l.aidId,
        order.orderedOn,
        l.kind,
        aidKindLabels[l.kind],
        l.hubCode,
        l.hubName,
        l.payeeLabel,
        l.payeeReference ?? '',
        csvAmount(l.amountCents),
        '',
      ]),
    );
  const kinds = [...new Set(sorted.map((l) => l.kind))].sort();
  for (const kind of kinds) {
    const of = sorted.filter((l) => l.kind === kind);
    const total = of.reduce((s, l) => s + l.amountCents, 0);
    out.push(
      row([
        'TOTAL_NATURE',
        order.number,
        '',
        '',
        order.orderedOn,
        kind,
        aidKindLabels[kind],
        '',
        '',
        '',
        '',
        csvAmount(total),
        of.length,
      ]),
    );
  }
  const total = sorted.reduce((s, l) => s + l.amountCents, 0);
  out.push(
    row([
      'TOTAL_ORDRE',
      order.number,
      '',
      '',
      order.orderedOn,
      '',
      '',
      '',
      '',
      '',
      '',
      csvAmount(total),
      sorted.length,
    ]),
  );
  return `\ufeff${out.join('\r\n')}\r\n`;
}
