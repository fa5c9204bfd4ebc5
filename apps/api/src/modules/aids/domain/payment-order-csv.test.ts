import { formatCents, parseEuros } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { csvAmount, csvCell, paymentOrderCsv } from './payment-order-csv';

const line = (lineNo: number, over: Partial<Parameters<typeof paymentOrderCsv>[1][number]> = {}) => ({
  lineNo,
  aidId: `00000000-0000-4000-8000-00000000000${lineNo}`,
  kind: 'travel' as const,
  hubCode: 'marseille-2-3',
  hubName: 'Marseille 2/3',
  payeeLabel: 'DUPONT Lina',
  payeeReference: null,
  amountCents: 1_000,
  ...over,
});

describe('payment order CSV', () => {
  it('writes amounts with a dot decimal and two decimals, without thousands separators', () => {
    expect(csvAmount(123_456)).toBe('1234.56');
    expect(csvAmount(5)).toBe('0.05');
    expect(csvAmount(100)).toBe('1.00');
    expect(csvAmount(-250)).toBe('-2.50');
  });

  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('Auto-école; Aix')).toBe('"Auto-école; Aix"');
    expect(csvCell('Le "Garage"')).toBe('"Le ""Garage"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(null)).toBe('');
  });

  it('lays out a BOM, the header, the lines in order, totals per kind and the order total, CRLF', () => {
    const text = paymentOrderCsv({ number: 'OP-2026-0007', orderedOn: '2026-12-02' }, [
      line(2, {
        kind: 'driving_licence',
        amountCents: 120_000,
        payeeLabel: 'Auto-école; Aix',
        payeeReference: 'F-9',
      }),
      line(1),
      line(3, { amountCents: 2_550 }),
    ]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = text.slice(1).split('\r\n');
    expect(rows).toEqual([
      'type_ligne;numero_ordre;numero_ligne;id_aide;date_ordre;code_nature;libelle_nature;code_pole;libelle_pole;beneficiaire_paiement;reference;montant;nombre_lignes',
      'PAIEMENT;OP-2026-0007;1;00000000-0000-4000-8000-000000000001;2026-12-02;travel;Aide aux déplacements;marseille-2-3;Marseille 2/3;DUPONT Lina;;10.00;',
      'PAIEMENT;OP-2026-0007;2;00000000-0000-4000-8000-000000000002;2026-12-02;driving_licence;Aide à l’obtention du permis de conduire;marseille-2-3;Marseille 2/3;"Auto-école; Aix";F-9;1200.00;',
      'PAIEMENT;OP-2026-0007;3;00000000-0000-4000-8000-000000000003;2026-12-02;travel;Aide aux déplacements;marseille-2-3;Marseille 2/3;DUPONT Lina;;25.50;',
      'TOTAL_NATURE;OP-2026-0007;;;2026-12-02;driving_licence;Aide à l’obtention du permis de conduire;;;;;1200.00;1',
      'TOTAL_NATURE;OP-2026-0007;;;2026-12-02;travel;Aide aux déplacements;;;;;35.50;2',
      'TOTAL_ORDRE;OP-2026-0007;;;2026-12-02;;;;;;;1235.50;3',
      '',
    ]);
  });

  it('gives the same text for the same order', () => {
    const order = { number: 'OP-2026-0001', orderedOn: '2026-01-02' };
    expect(paymentOrderCsv(order, [line(1), line(2)])).toBe(paymentOrderCsv(order, [line(2), line(1)]));
  });
});

describe('amounts on screen', () => {
  it('shows « 1 234,56 € » with no-break spaces and reads what an agent types', () => {
    expect(formatCents(123_456)).toBe('1\u00a0234,56\u00a0€');
    expect(formatCents(100_000_000)).toBe('1\u00a0000\u00a0000,00\u00a0€');
    expect(formatCents(5)).toBe('0,05\u00a0€');
    expect(parseEuros('1 234,56')).toBe(123_456);
    expect(parseEuros('150')).toBe(15_000);
    expect(parseEuros('12.5 €')).toBe(1_250);
    expect(parseEuros('12,345')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
  });
});
