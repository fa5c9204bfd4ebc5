/**
 * Streaming reader of the CSV equivalent of the CAF flux (caf-flux.md, "CSV equivalent"): one row
 * per person, `;`, UTF-8, a header row. The rows of a household (same NUMDEMRSA) follow each other;
 * each household is yielded when the next one starts. Bad input never throws: errors name the line
 * (`ligne 12`) and the column.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parseIsoDate } from '../../domain/dates';
import type { FluxAddress, FluxContacts, FluxHeader, FluxHousehold, FluxPerson } from '../../domain/flux';
import { normalizeNir } from '../../domain/nir';
import { type ChunkDecoder, createDecoder, hexByte, toBuffer } from './decoding';
import {
  type Checked,
  checkClaimNumber,
  checkFlag,
  checkInteger,
  checkOrganism,
  checkRightsStatus,
  checkRole,
  checkSex,
  MISSING,
} from './field-values';
import { ClaimNumberRegistry, DEFAULT_MAX_ERRORS, type FluxParseResult, ParseReport } from './parse-report';

/** What the XML header gives and a CSV file does not: given on the command line or the upload form. */
export interface CsvFluxArgs {
  natFlux: 'D' | 'I';
  typeFlux: 'I' | 'M' | 'R';
  /** DTCREAFLUX, YYYY-MM-DD (DD/MM/YYYY accepted). */
  createdOn: string;
  application?: string | null;
}

export interface ParseFluxCsvOptions {
  /** Errors listed in the summary (default 1000); further ones are only counted. */
  maxErrors?: number;
}

export const CSV_COLUMNS = [
  'NUMORG',
  'FONORG',
  'MATRICULE',
  'NUMDEMRSA',
  'DTDEMRSA',
  'ETATDOSRSA',
  'DTCLORSA',
  'MOTICLORSA',
  'NUMCOM',
  'CODEPOS',
  'NOMCOM',
  'NUMVOIE',
  'LIBTYPEVOIE',
  'NOMVOIE',
  'NIR',
  'QUAL',
  'NOM',
  'NOMNAI',
  'PRENOM',
  'DTNAI',
  'RGNAI',
  'SEXE',
  'ROLEPERS',
  'TOPPERSDRODEVORSA',
  'NUMTEL',
  'ADRELEC',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** Columns that describe the household: every row of a household must repeat the same values. */
const HOUSEHOLD_COLUMNS: readonly Column[] = [
  'NUMORG',
  'FONORG',
  'MATRICULE',
  'DTDEMRSA',
  'ETATDOSRSA',
  'DTCLORSA',
  'MOTICLORSA',
  'NUMCOM',
  'CODEPOS',
  'NOMCOM',
  'NUMVOIE',
  'LIBTYPEVOIE',
  'NOMVOIE',
];

/** A CSV row is a handful of short fields: a longer one is a broken file, not data to buffer. */
const MAX_RECORD_CHARS = 64 * 1024;
const MAX_FIELD_CHARS = 200;

/**
 * Parses a CSV flux. Yields the valid households one by one; returns the summary. The file is to be
 * rejected whole when `summary.errors` is not empty.
 */
export async function* parseFluxCsv(
  input: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  args: CsvFluxArgs,
  opts: ParseFluxCsvOptions = {},
): AsyncGenerator<FluxHousehold, FluxParseResult> {
  const report = new ParseReport(opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  report.header = checkArgs(args, report);
  const reader = new CsvRowReader(report);
  const parser = parse({
    delimiter: ';',
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const feeding = new AbortController();
  const source = feedParser(input, parser, feeding.signal);
  // Keeps an early failure of the feeding from being an unhandled rejection; awaited below.
  source.catch(() => {});
  let stoppedEarly = true;
  try {
    for await (const { info, record } of parser as AsyncIterable<{
      info: { lines: number };
      record: string[];
    }>) {
      reader.row(info.lines, record);
      yield* reader.takeReady();
    }
    stoppedEarly = false;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    report.error(`ligne ${csvErrorLine(err)}`, null, csvErrorReason(err));
    reader.stop();
  } finally {
    if (stoppedEarly) feeding.abort();
  }
  const fed = await source.catch((err: unknown) => {
    if (feeding.signal.aborted) return null;
    throw err;
  });
  if (fed?.bytes === 0) report.error('fichier', null, 'fichier vide (0 octet)');
  else if (fed && fed.invalidByte !== undefined) {
    report.error(
      `ligne ${fed.lines}`,
      null,
      `encodage invalide : octet ${hexByte(fed.invalidByte)} incorrect en UTF-8 (attendu un fichier UTF-8)`,
    );
    reader.stop();
  }
  reader.end(fed !== null && fed.bytes > 0);
  yield* reader.takeReady();
  return report.result();
}

interface Fed {
  bytes: number;
  /** Line of the first invalid byte, when there is one. */
  lines: number;
  invalidByte?: number;
}

/** Decodes the input (strict UTF-8, BOM stripped) into the CSV parser, stopping at the first invalid byte. */
async function feedParser(
  input: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  parser: Writable,
  signal: AbortSignal,
): Promise<Fed> {
  const decoder: ChunkDecoder = createDecoder('utf-8');
  let bytes = 0;
  let lines = 1;
  let first = true;
  const write = async (decoded: string): Promise<void> => {
    let text = decoded;
    if (text.length === 0) return;
    // The byte-order mark may come split over several chunks: strip it once decoded.
    if (first) {
      first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (!parser.write(text)) await once(parser, 'drain', { signal });
  };
  try {
    for await (const raw of input as AsyncIterable<unknown>) {
      const chunk = toBuffer(raw);
      bytes += chunk.length;
      const decoded = decoder.write(chunk);
      if (decoded.invalidByte !== undefined) return await stopAt(decoded.text, decoded.invalidByte);
      await write(decoded.text);
      if (signal.aborted) return { bytes, lines };
    }
    const rest = decoder.end();
    if (rest.invalidByte !== undefined) return await stopAt(rest.text, rest.invalidByte);
    await write(rest.text);
    return { bytes, lines };
  } finally {
    // After a CSV syntax error the parser is already destroyed.
    if (!parser.destroyed && !parser.writableEnded) parser.end();
  }

  /** The complete lines before the bad byte are still read; the broken line is not. */
  async function stopAt(text: string, invalidByte: number): Promise<Fed> {
    const lastNewline = text.lastIndexOf('\n');
    await write(text.slice(0, lastNewline + 1));
    return { bytes, lines, invalidByte };
  }
}

function csvErrorLine(err: CsvError): number {
  const lines = (err as CsvError & { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : 0;
}

function csvErrorReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'CSV invalide : guillemet ouvert jamais fermé';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'CSV invalide : caractère inattendu après un guillemet fermant';
    case 'CSV_MAX_RECORD_SIZE':
      return `CSV invalide : ligne de plus de ${MAX_RECORD_CHARS} caractères`;
    default:
      return `CSV invalide : ${err.message}`;
  }
}

function checkArgs(args: CsvFluxArgs, report: ParseReport): FluxHeader | null {
  let ok = true;
  const fail = (field: string, reason: string) => {
    report.error('paramètres', field, reason);
    ok = false;
  };
  if (args.natFlux !== 'D' && args.natFlux !== 'I') {
    fail('NATFLUX', `NATFLUX invalide : « ${String(args.natFlux)} » (attendu D ou I)`);
  }
  if (args.typeFlux !== 'I' && args.typeFlux !== 'M' && args.typeFlux !== 'R') {
    fail('TYPEFLUX', `TYPEFLUX invalide : « ${String(args.typeFlux)} » (attendu I, M ou R)`);
  }
  const createdOn = parseIsoDate(String(args.createdOn ?? ''));
  if ('error' in createdOn) fail('DTCREAFLUX', createdOn.error);
  if (!ok || 'error' in createdOn) return null;
  return {
    application: args.application?.trim() || null,
    typeFlux: args.typeFlux,
    natFlux: args.natFlux,
    createdOn: createdOn.date,
    createdAtTime: '00:00:00',
    referenceDate: null,
  };
}

interface HouseholdGroup {
  claimNumber: string;
  firstLine: number;
  lastLine: number;
  invalid: boolean;
  /** Household column values of the first row, to check the next rows repeat them. */
  values: Map<Column, string>;
  household: FluxHousehold | null;
  applicantLine: number | null;
  spouseLine: number | null;
}

class CsvRowReader {
  private columns: Map<Column, number> | null = null;
  private unknownColumns: { name: string; index: number }[] = [];
  private width = 0;
  private headerNames: string[] = [];
  private headerRead = false;
  private stopped = false;
  private group: HouseholdGroup | null = null;
  private ready: FluxHousehold[] = [];
  private readonly claims = new ClaimNumberRegistry();

  constructor(private readonly report: ParseReport) {}

  takeReady(): FluxHousehold[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  stop(): void {
    this.stopped = true;
    this.group = null;
  }

  end(hadBytes: boolean): void {
    if (this.stopped) return;
    if (!this.headerRead) {
      if (hadBytes) this.report.error('fichier', null, "fichier vide : aucune ligne d'en-tête");
      return;
    }
    this.closeGroup();
  }

  row(line: number, record: string[]): void {
    if (this.stopped) return;
    if (!this.headerRead) {
      this.headerRead = true;
      this.readHeader(line, record);
      return;
    }
    if (!this.columns) return;
    const columns = this.columns;
    const get = (column: Column): string => record[columns.get(column)!]?.trim() ?? '';
    const place = `ligne ${line}`;
    const claimNumber = get('NUMDEMRSA');
    if (claimNumber === '') {
      this.closeGroup();
      this.report.persons++;
      this.report.error(place, 'NUMDEMRSA', MISSING);
      return;
    }
    if (this.group?.claimNumber !== claimNumber) this.openGroup(claimNumber, line);
    const group = this.group!;
    group.lastLine = line;
    this.report.persons++;
    const error = (column: string, reason: string) => {
      this.report.error(place, column, reason);
      group.invalid = true;
    };
    if (record.length !== this.width) {
      // Values are no longer under their column: nothing else of the row can be trusted.
      const column =
        record.length < this.width ? this.headerName(record.length) : `colonne ${this.width + 1}`;
      error(column, `colonnes décalées : ${record.length} champs au lieu de ${this.width}`);
      return;
    }
    for (const { name, index } of this.unknownColumns) if (record[index]?.trim()) this.report.skip(name);
    for (const column of columns.keys()) {
      const value = get(column);
      if (value.length > MAX_FIELD_CHARS) error(column, `valeur trop longue : ${value.length} caractères`);
    }
    if (group.values.size === 0) this.readHousehold(group, get, error);
    else this.checkSameHousehold(group, get, error);
    this.readPerson(group, line, get, error);
  }

  private readHeader(line: number, record: string[]): void {
    const names = record.map((name) => name.trim().toUpperCase());
    const columns = new Map<Column, number>();
    const place = `ligne ${line}`;
    let ok = true;
    names.forEach((name, index) => {
      if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
        if (name) this.unknownColumns.push({ name, index });
        return;
      }
      if (columns.has(name as Column)) {
        this.report.error(place, name, `colonne en double dans l'en-tête : ${name}`);
        ok = false;
      }
      columns.set(name as Column, index);
    });
    for (const column of CSV_COLUMNS) {
      if (!columns.has(column)) {
        this.report.error(place, column, `colonne obligatoire absente de l'en-tête : ${column}`);
        ok = false;
      }
    }
    this.width = record.length;
    this.headerNames = names;
    // Without every column no row can be read: the rows are not reported one by one.
    if (ok) this.columns = columns;
    else this.stop();
  }

  private headerName(index: number): string {
    return this.headerNames[index] || `colonne ${index + 1}`;
  }

  private openGroup(claimNumber: string, line: number): void {
    this.closeGroup();
    const group: HouseholdGroup = {
      claimNumber,
      firstLine: line,
      lastLine: line,
      invalid: false,
      values: new Map(),
      household: null,
      applicantLine: null,
      spouseLine: null,
    };
    this.group = group;
    this.report.households++;
    const checked = checkClaimNumber(claimNumber);
    if ('error' in checked) {
      this.report.error(`ligne ${line}`, 'NUMDEMRSA', checked.error);
      group.invalid = true;
    }
    const before = this.claims.firstSeen(claimNumber, line);
    if (before !== null) {
      this.report.error(
        `ligne ${line}`,
        'NUMDEMRSA',
        `NUMDEMRSA ${claimNumber} déjà vu ligne ${before} : les lignes d'un même dossier doivent se suivre`,
      );
      group.invalid = true;
    }
  }

  private closeGroup(): void {
    const group = this.group;
    this.group = null;
    if (!group || group.invalid || !group.household) return;
    const household = group.household;
    household.path =
      group.firstLine === group.lastLine
        ? `ligne ${group.firstLine}`
        : `lignes ${group.firstLine}-${group.lastLine}`;
    this.ready.push(household);
  }

  private readHousehold(
    group: HouseholdGroup,
    get: (column: Column) => string,
    error: (column: string, reason: string) => void,
  ): void {
    for (const column of HOUSEHOLD_COLUMNS) group.values.set(column, get(column));
    const value = <T>(column: Column, check: (raw: string) => Checked<T>, required: boolean): T | null => {
      const raw = get(column);
      if (raw === '') {
        if (required) error(column, MISSING);
        return null;
      }
      const result = check(raw);
      if ('error' in result) {
        error(column, result.error);
        return null;
      }
      return result.value;
    };
    const text = (raw: string): Checked<string> => ({ value: raw });
    const date = (raw: string): Checked<string> => {
      const result = parseIsoDate(raw);
      return 'error' in result ? result : { value: result.date };
    };
    const organism = value('FONORG', checkOrganism, true);
    const organismNumber = value('NUMORG', text, true);
    const rightsStatus = value('ETATDOSRSA', checkRightsStatus, true);
    const claimDate = value('DTDEMRSA', date, false);
    const closureDate = value('DTCLORSA', date, false);
    const closureReason = value('MOTICLORSA', text, false);
    const address: FluxAddress = {
      streetNumber: get('NUMVOIE') || null,
      streetType: get('LIBTYPEVOIE') || null,
      streetName: get('NOMVOIE') || null,
      complement: null,
      locality: null,
      inseeCode: get('NUMCOM') || null,
      postalCode: get('CODEPOS') || null,
      communeName: get('NOMCOM') || null,
      abroad: false,
    };
    const hasAddress = Object.values(address).some((v) => v !== null && v !== false);
    if (organism === null || organismNumber === null || rightsStatus === null) return;
    group.household = {
      path: '',
      organism,
      organismNumber,
      matricule: get('MATRICULE') || null,
      claimNumber: group.claimNumber,
      claimDate,
      familySituation: null,
      familySituationSince: null,
      address: hasAddress ? address : null,
      rightsStatus,
      closure:
        closureDate !== null || closureReason !== null ? { reason: closureReason, date: closureDate } : null,
      refusal: null,
      rightSuspensions: [],
      paymentSuspensions: [],
      members: [],
      contacts: null,
      anomalies: [],
    };
  }

  private checkSameHousehold(
    group: HouseholdGroup,
    get: (column: Column) => string,
    error: (column: string, reason: string) => void,
  ): void {
    for (const column of HOUSEHOLD_COLUMNS) {
      const first = group.values.get(column) ?? '';
      const value = get(column);
      if (value !== first) {
        error(
          column,
          `valeur différente de la ligne ${group.firstLine} pour le même dossier : « ${value} » au lieu de « ${first} »`,
        );
      }
    }
  }

  private readPerson(
    group: HouseholdGroup,
    line: number,
    get: (column: Column) => string,
    error: (column: string, reason: string) => void,
  ): void {
    let ok = true;
    const value = <T>(column: Column, check: (raw: string) => Checked<T>, required: boolean): T | null => {
      const raw = get(column);
      if (raw === '') {
        if (required) {
          error(column, MISSING);
          ok = false;
        }
        return null;
      }
      const result = check(raw);
      if ('error' in result) {
        error(column, result.error);
        ok = false;
        return null;
      }
      return result.value;
    };
    const text = (raw: string): Checked<string> => ({ value: raw });
    const birthName = value('NOMNAI', text, true);
    const firstName = value('PRENOM', text, true);
    const birthDate = value(
      'DTNAI',
      (raw) => {
        const result = parseIsoDate(raw);
        return 'error' in result ? result : { value: result.date };
      },
      true,
    );
    const birthRank = value('RGNAI', (raw) => checkInteger(raw, 1), false);
    const nir = value(
      'NIR',
      (raw) => {
        const result = normalizeNir(raw);
        return 'error' in result ? result : { value: result.nir13 };
      },
      false,
    );
    const sex = value('SEXE', (raw) => checkSex(raw, true), true);
    const role = value('ROLEPERS', (raw) => checkRole(raw.toUpperCase()), true);
    const duties = value('TOPPERSDRODEVORSA', (raw) => checkFlag(raw, false), false);
    if (role === 'DEM' || role === 'CJT') {
      const first = role === 'DEM' ? group.applicantLine : group.spouseLine;
      if (first !== null) {
        const who = role === 'DEM' ? 'demandeur (DEM)' : 'conjoint (CJT)';
        error('ROLEPERS', `deuxième ${who} dans le foyer, après la ligne ${first}`);
        ok = false;
      } else if (role === 'DEM') group.applicantLine = line;
      else group.spouseLine = line;
    }
    const household = group.household;
    if (!household) return;
    const phone = get('NUMTEL') || null;
    const email = get('ADRELEC') || null;
    if (phone !== null || email !== null) {
      household.contacts ??= { phone: null, phoneConsent: null, email: null, emailConsent: null };
      const contacts: FluxContacts = household.contacts;
      contacts.phone ??= phone;
      contacts.email ??= email;
    }
    if (
      !ok ||
      birthName === null ||
      firstName === null ||
      birthDate === null ||
      sex === null ||
      role === null
    )
      return;
    const person: FluxPerson = {
      path: `ligne ${line}`,
      title: get('QUAL') || null,
      usualName: get('NOM') || null,
      birthName,
      firstName,
      firstName2: null,
      firstName3: null,
      birthPlace: null,
      birthDate,
      birthRank,
      nir,
      sex,
      role,
      franceTravailId: null,
      subjectToDuties: duties ?? false,
      entersDuties: false,
    };
    household.members.push(person);
  }
}
