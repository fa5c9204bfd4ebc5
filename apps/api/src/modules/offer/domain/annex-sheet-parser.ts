import { clean, parseEuros } from './annex-text';

/** The "ANNEXES B" sheets of the new actions: heading, texts, operator, dates, multi-year budget, indicators. */
export interface AnnexPhase {
  label: string;
  description: string;
  weeks?: number;
  hours?: number;
}

export interface AnnexIndicator {
  label: string;
  /** Target by year as printed ("80%", "/"), only the years with a value. */
  targets: Record<string, string>;
}

export interface AnnexSheetYear {
  year: number;
  amountCents: number | null;
  text: string;
}

export interface AnnexSheet {
  /** The code as printed on the sheet ("3.3", "3-9"). */
  code: string;
  axis: number;
  heading: string;
  kind: 'socle' | 'hors_socle';
  title: string;
  context: string | null;
  description: string | null;
  objectives: string | null;
  startText: string | null;
  startsOn: string | null;
  endsOn: string | null;
  durationText: string | null;
  partnersText: string | null;
  publicText: string | null;
  minAge: number | null;
  maxAge: number | null;
  sex: 'F' | 'M' | null;
  operators: string[];
  lots: { lot: string; territory: string; operator: string }[];
  yearly: AnnexSheetYear[];
  totalCents: number | null;
  totalText: string | null;
  indicators: AnnexIndicator[];
  phases: AnnexPhase[];
  weeklyHours: number | null;
  weeks: number | null;
}

const SHEET_HEADING = /^AXE (\d)\b.*?FICHE (HORS SOCLE|SOCLE) ([\d]+[.-]\d+)/i;
const FIELD = /^([^:]{3,60}?)\s*:\s*(.*)$/;

const months: Record<string, string> = {
  janvier: '01',
  février: '02',
  fevrier: '02',
  mars: '03',
  avril: '04',
  mai: '05',
  juin: '06',
  juillet: '07',
  août: '08',
  aout: '08',
  septembre: '09',
  octobre: '10',
  novembre: '11',
  décembre: '12',
  decembre: '12',
};

/** The precise dates of a sheet's "Date de mise en place" ("du 01/09/2020 au 31/08/2021", "1er juin 2020"). */
export function datesIn(text: string): string[] {
  const found: string[] = [];
  const re = /(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})/gi;
  for (const m of text.matchAll(re)) {
    if (m[1]) found.push(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1].padStart(2, '0')}`);
    else {
      const month = months[m[5]!.toLowerCase()];
      if (month) found.push(`${m[6]}-${month}-${m[4]!.padStart(2, '0')}`);
    }
  }
  return found;
}

/** Ages and sex of a target public ("femmes entre 25-35 ans", "de 18 à 25 ans", "sénior + 50 ans"). */
export function targetOf(text: string | null): {
  minAge: number | null;
  maxAge: number | null;
  sex: 'F' | 'M' | null;
} {
  if (!text) return { minAge: null, maxAge: null, sex: null };
  const range = text.match(/(\d{2})\s*(?:-|à|et)\s*(\d{2})\s*ans/);
  const over = text.match(/\+\s*(\d{2})\s*ans/);
  const under = text.match(/moins de (\d{2})\s*ans/);
  const sex = /\bfemmes?\b|féminin/i.test(text) && !/\bhommes?\b/i.test(text) ? 'F' : null;
  if (range) return { minAge: Number(range[1]), maxAge: Number(range[2]), sex };
  if (over) return { minAge: Number(over[1]), maxAge: null, sex };
  if (under) return { minAge: null, maxAge: Number(under[1]) - 1, sex };
  return { minAge: null, maxAge: null, sex };
}

export function parseSheets(rows: string[]): AnnexSheet[] {
  const starts = rows.map((r, i) => (SHEET_HEADING.test(r.trim()) ? i : -1)).filter((i) => i >= 0);
  return starts.map((at, n) => parseSheet(rows.slice(at, starts[n + 1] ?? rows.length)));
}

function parseSheet(rows: string[]): AnnexSheet {
  const heading = clean(rows[0]);
  const [, axis, kind, code] = heading.match(SHEET_HEADING)!;
  let i = 1;
  const titleParts: string[] = [];
  while (i < rows.length && !/^ACTION (NOUVELLE|POURSUIVIE|RENFORCEE)/.test(rows[i]!.trim())) {
    if (rows[i]!.trim() !== '') titleParts.push(clean(rows[i]));
    i++;
  }
  const body = rows.slice(i + 1);
  const sections = new Map<string, string[]>();
  const fields = new Map<string, string>();
  const yearly: AnnexSheetYear[] = [];
  const indicators: AnnexIndicator[] = [];
  const lots: AnnexSheet['lots'] = [];
  let totalText: string | null = null;
  let section = '';
  let indicatorYears: string[] | null = null;
  const publicLines: string[] = [];
  let publicMode = false;
  for (const raw of body) {
    const line = raw.trim();
    if (line === '') {
      indicatorYears = null;
      continue;
    }
    if (/^Indicateur\t/.test(raw)) {
      indicatorYears = raw.split('\t').slice(1).map(clean);
      continue;
    }
    if (indicatorYears) {
      const cells = raw.split('\t');
      const targets: Record<string, string> = {};
      indicatorYears.forEach((y, k) => {
        const v = clean(cells[k + 1]);
        if (v) targets[y] = v;
      });
      indicators.push({ label: clean(cells[0]), targets });
      continue;
    }
    const year = line.match(/^(20\d\d)\s*:\s*(.*)$/);
    if (year) {
      yearly.push({ year: Number(year[1]), amountCents: parseEuros(year[2]), text: clean(year[2]) });
      continue;
    }
    const total = line.match(/^Total\s*:\s*(.*)$/);
    if (total) {
      totalText = clean(total[1]);
      continue;
    }
    const lot = line.match(/^-\s*(Lot \d+)\s*:\s*(.*)\s[-–]\s(.+)$/);
    if (lot) {
      lots.push({ lot: lot[1]!, territory: clean(lot[2]), operator: clean(lot[3]) });
      continue;
    }
    const field = line.match(FIELD);
    if (field && !/^[-|]/.test(line)) {
      const name = field[1]!.trim();
      const value = clean(field[2]);
      if (/^(Contexte|Description de l'action|Objectifs|Lien avec|Thème|Partenaires)/.test(name)) {
        section = name;
        sections.set(section, value ? [value] : []);
        publicMode = false;
        continue;
      }
      if (/^Public cible/.test(name)) {
        publicLines.push(...(value ? [value] : []));
        publicMode = value === '';
        continue;
      }
      if (!fields.has(name)) fields.set(name, value);
      if (/^(Date de mise en place|Durée de l'action|Budget)/.test(name)) {
        section = '';
        continue;
      }
    }
    if (publicMode) {
      if (line.startsWith('-')) {
        publicLines.push(clean(line.replace(/^-\s*/, '')));
        continue;
      }
      publicMode = false;
    }
    if (section) sections.get(section)?.push(clean(line));
  }
  const join = (name: RegExp) => {
    for (const [k, v] of sections) if (name.test(k) && v.length > 0) return v.join('\n');
    return null;
  };
  const field = (name: RegExp) => {
    for (const [k, v] of fields) if (name.test(k)) return v || null;
    return null;
  };
  const publicText = publicLines.length > 0 ? publicLines.join(' ; ') : null;
  const partnersText = join(/^Partenaires/) ?? field(/^Partenaires/);
  const startText = field(/^Date de mise en place/);
  const dates = startText ? datesIn(startText) : [];
  const description = join(/^Description de l'action/);
  const operators = operatorsOf(partnersText, lots);
  const phases = phasesOf(description);
  const weeks = weeksOf(description) ?? weeksOf(field(/^Durée$/));
  return {
    code: code!,
    axis: Number(axis),
    heading,
    kind: kind!.toUpperCase() === 'SOCLE' ? 'socle' : 'hors_socle',
    title: titleParts.join(' '),
    context: join(/^Contexte/),
    description,
    objectives: join(/^Objectifs/),
    startText,
    startsOn: dates[0] ?? null,
    endsOn: dates[1] ?? null,
    durationText: field(/^Durée de l'action/),
    partnersText,
    publicText,
    ...targetOf(publicText),
    operators,
    lots,
    yearly,
    totalCents: totalText === null ? null : parseEuros(totalText),
    totalText,
    indicators,
    phases,
    weeklyHours: null,
    weeks,
  };
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Opérateur : X", "L'action est portée par (l'association) X", and each lot's operator. */
function operatorsOf(partners: string | null, lots: AnnexSheet['lots']): string[] {
  const names = new Set<string>();
  for (const l of lots) names.add(capitalize(l.operator));
  for (const line of (partners ?? '').split('\n')) {
    const op = line.match(/Opérateur\s*:\s*(.+)$/);
    if (op) names.add(capitalize(clean(op[1]).replace(/\.$/, '')));
    const by = line.match(/portée par (?:l'association |l’association )?(.+)$/i);
    if (by) names.add(capitalize(clean(by[1]).replace(/\.$/, '')));
  }
  return [...names];
}

/** Phases listed in a sheet's description ("- 1 : Accueil … (5 semaines) : …", "Phase 1 : …"). */
function phasesOf(description: string | null): AnnexPhase[] {
  if (!description) return [];
  const phases: AnnexPhase[] = [];
  for (const line of description.split('\n')) {
    const m = line.match(/^-?\s*(?:Phase\s*)?(\d)\s*:\s*(.+)$/i) ?? line.match(/^(Phase \d)\s+(.+)$/i);
    if (!m) continue;
    const text = m[2]!.trim();
    const weeks = text.match(/\((\d+) semaines\)/);
    const hours = text.match(/\((\d+) heures\)|(\d+) heures maximum/);
    phases.push({
      label: /^Phase/i.test(m[1]!) ? capitalize(m[1]!) : `Phase ${m[1]}`,
      description: text,
      ...(weeks ? { weeks: Number(weeks[1]) } : {}),
      ...(hours ? { hours: Number(hours[1] ?? hours[2]) } : {}),
    });
  }
  return phases;
}

/** The length of a session when the sheet states one ("sessions de 11 semaines", "Durée : 4 semaines"). */
function weeksOf(description: string | null): number | null {
  if (!description) return null;
  const m =
    description.match(/sessions? (?:d'environ |de )(\d+) semaines/) ?? description.match(/^(\d+) semaines/);
  return m ? Number(m[1]) : null;
}
