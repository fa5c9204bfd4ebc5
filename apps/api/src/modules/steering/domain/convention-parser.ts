import {
  type ConventionClassifiedValue,
  type ConventionColumnKind,
  classifyConventionValue,
  type PlanPauvreteIndicatorKey,
} from '@parcours/contracts';

/**
 * Reads the convention's indicator table (seed 004, first table: tab-separated, one header line,
 * then axis lines « 1. … », section lines « 1.1. … » and indicator rows whose first cell names the
 * objective « 1.1.1 … » or is blank when the row belongs to the objective above). Values are kept
 * as printed with their kind; nothing is reconciled.
 */

export interface ConventionColumnDef {
  kind: ConventionColumnKind;
  year: number;
}

export interface ParsedConventionRow {
  /** Stable key: the objective's reference (or the section's) and the row's rank in it: « 3.1.1-2 ». */
  key: string;
  position: number;
  axis: number;
  /** As printed: « 1. Enfants et jeunes ». */
  axisText: string;
  section: string;
  /** As printed: « 1.1. Prévention sortie sèche de l'ASE ». */
  sectionText: string;
  objectiveRef: string | null;
  /** The objective cell as printed on its first row (« 3.1.1. Instruire et orienter … »). */
  objectiveText: string | null;
  /** True on the row that prints the objective (the first of its group). */
  objectiveFirst: boolean;
  label: string;
  definition: string | null;
  departmentComment: string | null;
  indicatorKey: PlanPauvreteIndicatorKey | null;
  /** One per column, in the header's order: the column (`column`, `year`) and the value as printed. */
  values: (ConventionClassifiedValue & { column: ConventionColumnKind; year: number })[];
}

export interface ParsedConventionTable {
  columns: ConventionColumnDef[];
  rows: ParsedConventionRow[];
}

/** The rows Parcours computes (INDICATORS.md): the seed's key → the indicator's key. */
export const conventionIndicatorKeys: Record<string, PlanPauvreteIndicatorKey> = {
  '3.1.1-1': 'newEntrants',
  '3.1.1-2': 'newEntrantsOrientedWithin1Month',
  '3.1.2-1': 'firstAppointmentsSet',
  '3.1.2-2': 'firstAppointmentsWithin2Weeks',
  '3.1.3-1': 'firstContracts',
  '3.1.3-2': 'firstContractsWithin2Months',
  '3.2.1-1': 'activityGuaranteeOriented',
  '3.2.1-2': 'activityGuaranteeInProgress',
  '3.2.2-1': 'globalSupportPerAdvisor',
  '3.2.2-2': 'globalSupportStartDelayDays',
};

const clean = (s: string | undefined) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const orNull = (s: string) => (s === '' ? null : s);

/** « Situation au 31 déc. 2018 », « Rappel de l'objectif fixé pour 2020 » → the column. */
export function columnOf(header: string): ConventionColumnDef | null {
  const year = header.match(/(\d{4})\s*$/);
  if (!year) return null;
  if (/^Situation/i.test(header)) return { kind: 'situation', year: Number(year[1]) };
  if (/objectif/i.test(header)) return { kind: 'objective', year: Number(year[1]) };
  return null;
}

const refOf = (text: string) => text.match(/^(\d+(?:\.\d+)*)\.?\s/)?.[1] ?? null;

export function parseConventionTable(text: string): ParsedConventionTable {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => /^Objectifs\tIndicateurs\t/.test(l));
  if (start < 0)
    throw new Error(
      'Le fichier ne contient pas le tableau des indicateurs (ligne « Objectifs  Indicateurs … »).',
    );
  const header = lines[start]!.split('\t').map(clean);
  const columns: ConventionColumnDef[] = [];
  const valueIndexes: number[] = [];
  header.forEach((h, i) => {
    const column = i >= 4 ? columnOf(h) : null;
    if (column) {
      columns.push(column);
      valueIndexes.push(i);
    }
  });
  if (columns.length === 0) throw new Error('Le tableau des indicateurs n’a aucune colonne de valeurs.');

  const rows: ParsedConventionRow[] = [];
  let axis: { n: number; text: string } | null = null;
  let section: { ref: string; text: string } | null = null;
  let objective: { ref: string; text: string } | null = null;
  const ranks = new Map<string, number>();
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || /^ANNEXE /.test(line)) break;
    const cells = line.split('\t').map(clean);
    const first = cells[0]!;
    const rest = cells.slice(1).filter((c) => c !== '');
    const ref = refOf(first);
    if (rest.length === 0 && ref) {
      // A heading line: « 1. Enfants et jeunes » (axis) or « 1.1. … » / « 2.1 … » (section).
      if (!ref.includes('.')) {
        axis = { n: Number(ref), text: first };
        section = null;
      } else section = { ref, text: first };
      objective = null;
      continue;
    }
    if (!axis || !section)
      throw new Error(
        `Ligne ${i + 1} : indicateur hors d’un axe et d’une section (« ${first || cells[1]} »).`,
      );
    let objectiveFirst = false;
    if (first !== '') {
      if (!ref) throw new Error(`Ligne ${i + 1} : objectif sans référence (« ${first} »).`);
      objective = { ref, text: first };
      objectiveFirst = true;
    }
    const group = objective?.ref ?? section.ref;
    const rank = (ranks.get(group) ?? 0) + 1;
    ranks.set(group, rank);
    const key = `${group}-${rank}`;
    rows.push({
      key,
      position: rows.length + 1,
      axis: axis.n,
      axisText: axis.text,
      section: section.ref,
      sectionText: section.text,
      objectiveRef: objective?.ref ?? null,
      objectiveText: objective?.text ?? null,
      objectiveFirst,
      label: cells[1] ?? '',
      definition: orNull(cells[2] ?? ''),
      departmentComment: orNull(cells[3] ?? ''),
      indicatorKey: conventionIndicatorKeys[key] ?? null,
      values: columns.map((c, j) => ({
        column: c.kind,
        year: c.year,
        ...classifyConventionValue(cells[valueIndexes[j]!] ?? ''),
      })),
    });
  }
  return { columns, rows };
}

/** « 1.1.1 Préservation du lien de référence » → its words after the reference. */
export const withoutRef = (text: string) => text.replace(/^\d+(?:\.\d+)*\.?\s+/, '');
