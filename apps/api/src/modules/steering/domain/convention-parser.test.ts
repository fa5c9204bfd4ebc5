import fs from 'node:fs';
import path from 'node:path';
import { classifyConventionValue } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { columnOf, conventionIndicatorKeys, parseConventionTable, withoutRef } from './convention-parser';

const data = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../data', name), 'utf8');
const table = parseConventionTable(data('convention-indicators-2020.tsv'));
const row = (key: string) => table.rows.find((r) => r.key === key)!;
/** The row's five values as printed: situation 2018, objective 2019, situation 2019, objectives 2020, 2021. */
const printed = (key: string) => row(key).values.map((v) => v.printed);

describe('the convention table parser', () => {
  it('reads the five value columns of the header, in order', () => {
    expect(table.columns).toEqual([
      { kind: 'situation', year: 2018 },
      { kind: 'objective', year: 2019 },
      { kind: 'situation', year: 2019 },
      { kind: 'objective', year: 2020 },
      { kind: 'objective', year: 2021 },
    ]);
    expect(columnOf('Commentaires et éléments de définition CD13')).toBeNull();
  });

  it('reads every row of the three axes with its section and objective', () => {
    // Seed lines 6–38 less the 9 heading lines: 10 rows in axis 1, 6 in axis 2, 10 in axis 3.
    expect(table.rows).toHaveLength(26);
    const count = (axis: number) => table.rows.filter((r) => r.axis === axis).length;
    expect([count(1), count(2), count(3)]).toEqual([10, 6, 10]);
    expect([...new Set(table.rows.map((r) => r.section))]).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
    ]);
    expect(table.rows.map((r) => r.position)).toEqual(table.rows.map((_, i) => i + 1));
    expect(new Set(table.rows.map((r) => r.key)).size).toBe(26);
    // Rows under an objective carry it; the maraudes (1.2) and the référent (2.2) have none.
    expect(row('1.1.1-4')).toMatchObject({
      objectiveRef: '1.1.1',
      objectiveFirst: false,
      label: 'Nombre de jeunes avec un logement stable',
    });
    expect(row('1.2-3')).toMatchObject({
      objectiveRef: null,
      label: 'Ouverture de droits pour les enfants et les familles',
    });
    expect(row('2.2-2').sectionText).toBe('2.2. Référent de parcours');
    expect(row('3.1.1-1')).toMatchObject({
      axis: 3,
      axisText: '3. Insertion des allocataires du RSA',
      section: '3.1',
      objectiveFirst: true,
      label: 'Nombre de nouveaux entrants',
      definition: "Depuis la dernière remontée d'informations",
      departmentComment: '* Chiffres au 31/08/2019',
    });
    expect(withoutRef(row('3.1.1-1').objectiveText!)).toBe(
      'Instruire et orienter rapidement vers un organisme accompagnateur',
    );
    expect(withoutRef(row('1.1.1-1').objectiveText!)).toBe('Préservation du lien de référence');
  });

  it('keeps every value as printed, with its kind', () => {
    expect(printed('3.1.1-1')).toEqual(['32519', '27358*', '41394', 'Non définissable', 'Non définissable']);
    expect(row('3.1.1-1').values.map((v) => v.kind)).toEqual(['number', 'number', 'number', 'text', 'text']);
    expect(row('3.1.1-1').values[0]).toMatchObject({ number: 32519, footnote: null });
    expect(row('3.1.1-1').values[1]).toMatchObject({ number: 27358, footnote: '*' });
    expect(printed('3.1.1-2')).toEqual(['7971**', '13383* et***', '20108****', '80%', '100%']);
    expect(row('3.1.1-2').values.map((v) => v.kind)).toEqual([
      'number',
      'text',
      'number',
      'percent',
      'percent',
    ]);
    expect(row('3.1.1-2').values[3]!.number).toBe(80);
    expect(printed('2.2-2')).toEqual(['0', 'Cible à définir', 'Cible à définir', 'Cible à définir', '100%']);
    expect(printed('2.1.1-1')).toEqual(['95%', '95%', '95%', '95%', '95%']);
    expect(printed('1.1.1-1')).toEqual([
      '657 (dont 417 ont obtenu un contrat jeune majeur)',
      'ND',
      '',
      'ND',
      'ND',
    ]);
    expect(row('1.1.1-1').values.map((v) => v.kind)).toEqual(['text', 'nd', 'empty', 'nd', 'nd']);
    expect(printed('3.2.2-2')).toEqual(['32', 'NC', '34', '21', '21']);
    expect(row('3.2.2-2').values[1]!.kind).toBe('nc');
    expect(printed('1.1.3-1')[0]).toBe('environ 560');
    // Every value of the table, by kind (130 cells = 26 rows × 5 columns).
    const kinds: Record<string, number> = {};
    for (const r of table.rows) for (const v of r.values) kinds[v.kind] = (kinds[v.kind] ?? 0) + 1;
    expect(Object.values(kinds).reduce((a, b) => a + b, 0)).toBe(130);
    // Counted apart from the parser (a plain script over the file).
    expect(kinds).toEqual({ number: 73, percent: 14, nd: 20, nc: 1, text: 21, empty: 1 });
  });

  it('links the computed rows of 3.1 and 3.2 to their indicator, and no other', () => {
    const linked = table.rows.filter((r) => r.indicatorKey).map((r) => [r.key, r.indicatorKey]);
    expect(linked).toEqual(Object.entries(conventionIndicatorKeys));
    expect(row('3.1.2-2').indicatorKey).toBe('firstAppointmentsWithin2Weeks');
    expect(row('3.2.2-1').indicatorKey).toBe('globalSupportPerAdvisor');
    expect(row('2.2-1').indicatorKey).toBeNull();
  });

  it('reads the same table at the head of the whole seed file (the annex follows it)', () => {
    const whole = parseConventionTable(data('pdi-2020-annex.txt'));
    expect(whole).toEqual(table);
  });

  it('refuses a file without the table', () => {
    expect(() => parseConventionTable('ANNEXE - PLAN PAUVRETE\n')).toThrow(/tableau des indicateurs/);
  });

  it('classifies values typed in Parcours the same way', () => {
    expect(classifyConventionValue(' 1 234 ')).toMatchObject({
      kind: 'number',
      number: 1234,
      printed: '1 234',
    });
    expect(classifyConventionValue('12,5 %')).toMatchObject({ kind: 'percent', number: 12.5 });
    expect(classifyConventionValue('nd').kind).toBe('nd');
    expect(classifyConventionValue('/').kind).toBe('text');
  });
});
