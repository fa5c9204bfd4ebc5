/**
 * Writes a CAF flux in the XML the parser reads: VRSB (NATFLUX=D) with the blocks the XSD requires
 * around what Parcours reads, or the VIRS contact blocks (NATFLUX=I). For tests and the demo
 * generator: households are streamed, whatever their number.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import type { FluxHeader, FluxHousehold, FluxPerson } from '../../domain/flux';

export interface WriteFluxXmlOptions {
  /** Default windows-1252, as the CNAF sends; characters it lacks are written as `&#x…;`. */
  encoding?: 'utf-8' | 'windows-1252';
  /** IDEPARTE when a household has no address to take it from (default '000'). */
  department?: string;
  /** Bytes gathered before a chunk is handed out (default 64 KiB). */
  chunkSize?: number;
  /** Indent every element on its own line (default false: one line per household, as sent). */
  pretty?: boolean;
}

/** The file as a stream of byte chunks: `Readable.from(fluxXmlChunks(…))`, or straight into the parser. */
export async function* fluxXmlChunks(
  header: FluxHeader,
  households: Iterable<FluxHousehold> | AsyncIterable<FluxHousehold>,
  opts: WriteFluxXmlOptions = {},
): AsyncGenerator<Buffer> {
  const encoding = opts.encoding ?? 'windows-1252';
  const chunkSize = opts.chunkSize ?? 64 * 1024;
  const xml = new XmlText(encoding === 'windows-1252', opts.pretty ?? false);
  xml.raw(`<?xml version="1.0" encoding="${encoding}"?>\n`);
  xml.open('Racine');
  xml.open('IdentificationFlux');
  xml.leaf('APPLIEME', header.application ?? 'CRI');
  xml.leaf('NUMVERSIONAPPLIEME', '4200');
  xml.leaf('TYPEFLUX', header.typeFlux);
  xml.leaf('NATFLUX', header.natFlux);
  xml.leaf('DTCREAFLUX', header.createdOn);
  // Real files carry fractions of a second; the parser drops them.
  xml.leaf('HEUCREAFLUX', `${header.createdAtTime}.0000`);
  xml.leaf('DTREF', header.referenceDate);
  xml.close();
  let count = 0;
  let withAnomalies = 0;
  for await (const household of households) {
    count++;
    if (household.anomalies.length > 0) withAnomalies++;
    if (header.natFlux === 'I') writeInstruction(xml, household);
    else writeHousehold(xml, household, header, opts.department ?? '000');
    if (xml.length >= chunkSize) yield xml.take();
  }
  xml.open('TransmissionFlux');
  xml.leaf('NBTOTDOSRSATRANSM', String(count).padStart(8, '0'));
  xml.leaf('NBTOTDOSRSATRANSMANO', String(withAnomalies).padStart(8, '0'));
  xml.close();
  xml.close();
  yield xml.take();
}

/** Writes the file to `out` with back-pressure, then ends it. Resolves when everything is flushed. */
export async function writeFluxXml(
  header: FluxHeader,
  households: Iterable<FluxHousehold> | AsyncIterable<FluxHousehold>,
  out: Writable,
  opts: WriteFluxXmlOptions = {},
): Promise<void> {
  for await (const chunk of fluxXmlChunks(header, households, opts)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

function writeHousehold(xml: XmlText, h: FluxHousehold, header: FluxHeader, department: string): void {
  xml.open('InfosFoyerRSA');
  xml.open('IdentificationRSA');
  xml.open('Organisme');
  xml.leaf('FONORG', h.organism);
  xml.leaf('NUMORG', h.organismNumber);
  xml.leaf('MATRICULE', h.matricule);
  xml.close();
  xml.open('Partenaire');
  xml.leaf('TYPEPARTE', 'CG');
  xml.leaf('IDEPARTE', departmentOf(h.address?.inseeCode ?? null) ?? department);
  xml.close();
  xml.open('DemandeRSA');
  xml.leaf('DTDEMRSA', h.claimDate);
  xml.leaf('NUMDEMRSA', h.claimNumber);
  xml.close();
  xml.close();

  for (const person of h.members) writePerson(xml, person, h.claimDate ?? header.createdOn);

  xml.open('DonneesAdministratives');
  xml.open('SituationFamille');
  xml.leaf('SITFAM', h.familySituation);
  xml.leaf('DDSITFAM', h.familySituationSince);
  xml.close();
  // The XSD wants at least one Adresse; a household without one is written without (the parser reads null).
  const a = h.address;
  if (a) {
    xml.open('Adresse');
    xml.open('TroncCommunAdresse');
    xml.leaf('RGADR', '01');
    xml.leaf('PAYS', a.abroad ? null : 'FRA');
    xml.leaf('TYPEADR', 'D');
    xml.leaf('ETATADR', 'CO');
    xml.close();
    const french = [
      a.complement,
      a.streetNumber,
      a.streetType,
      a.streetName,
      a.locality,
      a.inseeCode,
      a.postalCode,
    ];
    if (!a.abroad || french.some((v) => v !== null) || a.communeName !== null) {
      xml.open('AdresseDetailleeFrance');
      xml.leaf('COMPLIDEADR', null);
      xml.leaf('COMPLADR', a.complement);
      xml.leaf('NUMVOIE', a.streetNumber);
      xml.leaf('LIBTYPEVOIE', a.streetType);
      xml.leaf('NOMVOIE', a.streetName);
      xml.leaf('LIEUDIST', a.locality);
      xml.leaf('NUMCOM', a.inseeCode);
      xml.leaf('CODEPOS', a.postalCode);
      xml.leaf('NOMCOM', a.communeName);
      xml.close();
    }
    if (a.abroad) {
      xml.open('AdresseHorsFrance');
      for (let line = 2; line <= 7; line++) xml.leaf(`LIBLIG${line}ADR`, null);
      xml.close();
    }
    xml.close();
  }
  xml.close();

  xml.open('PrestationRSA');
  xml.open('SituationDossierRSA');
  xml.open('EtatDossierRSA');
  xml.leaf('ETATDOSRSA', h.rightsStatus);
  xml.close();
  if (h.refusal) {
    xml.open('Refus');
    xml.leaf('DTREFURSA', h.refusal.date);
    xml.leaf('MOTIREFURSA', h.refusal.reason);
    xml.close();
  }
  for (const s of h.rightSuspensions) {
    xml.open('SuspensionDroit');
    xml.leaf('MOTISUSDRORSA', s.reason);
    xml.leaf('DDSUSDRORSA', s.from);
    xml.close();
  }
  for (const s of h.paymentSuspensions) {
    xml.open('SuspensionVersement');
    xml.leaf('MOTISUSVERSRSA', s.reason);
    xml.leaf('DDSUSVERSRSA', s.from);
    xml.close();
  }
  if (h.closure) {
    xml.open('FinDroit');
    xml.leaf('MOTICLORSA', h.closure.reason);
    xml.leaf('DTCLORSA', h.closure.date);
    xml.close();
  }
  xml.close();
  xml.open('DetailDroitRSA');
  xml.open('TroncCommunDroitRSA');
  xml.leaf('TOPSANSDOMFIXE', '0');
  xml.leaf('NBENFAUTCHA', String(h.members.filter((m) => m.role === 'ENF').length).padStart(2, '0'));
  xml.leaf('ORIDEMRSA', 'DEM');
  xml.leaf('TOPFOYDRODEVORSA', h.members.some((m) => m.subjectToDuties) ? '1' : '0');
  xml.close();
  xml.close();
  xml.close();

  for (const text of h.anomalies) {
    xml.open('Anomalie');
    xml.leaf('LIBANO', text);
    xml.close();
  }
  xml.close();
}

function writePerson(xml: XmlText, p: FluxPerson, attachedOn: string): void {
  xml.open('Personne');
  xml.open('Identification');
  xml.optional('QUAL', p.title);
  xml.leaf('NOM', p.usualName);
  xml.leaf('NOMNAI', p.birthName);
  xml.leaf('PRENOM', p.firstName);
  xml.optional('PRENOM2', p.firstName2);
  xml.optional('PRENOM3', p.firstName3);
  xml.leaf('NOMCOMNAI', p.birthPlace);
  xml.leaf('DTNAI', p.birthDate);
  xml.optional('RGNAI', p.birthRank);
  xml.optional('NIR', p.nir);
  xml.leaf('SEXE', p.sex === 'M' ? '1' : '2');
  xml.close();
  xml.open('DossierCAF');
  xml.leaf('TOPRESPDOS', p.role === 'DEM' ? '1' : '0');
  xml.leaf('DDRATDOS', attachedOn);
  xml.close();
  // Two Prestations blocks, RSA and PFA, as the XSD requires; only the RSA one gives the role.
  for (const nature of ['RSA', 'PFA']) {
    xml.open('Prestations');
    xml.leaf('NATPREST', nature);
    xml.leaf('ROLEPERS', p.role);
    xml.leaf('TOPCHAPERS', '0');
    xml.close();
  }
  if (p.franceTravailId !== null) {
    xml.open('DossierPoleEmploi');
    xml.leaf('IDASSEDIC', p.franceTravailId);
    xml.close();
  }
  xml.open('MontantCalculDroitRSAPersonne');
  xml.leaf('TOPPERSDRODEVORSA', p.subjectToDuties ? '1' : '0');
  xml.leaf('TOPPERSENTDRODEVORSA', p.entersDuties ? '1' : '0');
  xml.close();
  xml.close();
}

/** VIRS: the identifiers and the contact block the instruction flux brings. */
function writeInstruction(xml: XmlText, h: FluxHousehold): void {
  xml.open('InfoDemandeRSA');
  xml.open('IdentificationRSA');
  xml.open('Organisme');
  xml.leaf('FONORG', h.organism);
  xml.leaf('NUMORG', h.organismNumber);
  xml.leaf('MATRICULE', h.matricule);
  xml.close();
  xml.open('DemandeRSA');
  xml.leaf('DTDEMRSA', h.claimDate);
  xml.leaf('NUMDEMRSA', h.claimNumber);
  xml.close();
  xml.close();
  xml.open('DonneesAdministratives');
  const c = h.contacts;
  if (c && (c.phone !== null || c.email !== null)) {
    xml.open('ModesContacts');
    xml.optional('NUMTEL', c.phone);
    if (c.phone !== null)
      xml.leaf('NATTEL', c.phone.startsWith('06') || c.phone.startsWith('07') ? 'P' : 'D');
    xml.optional('AUTORUTITEL', c.phone !== null ? c.phoneConsent : null);
    xml.optional('ADRELEC', c.email);
    xml.optional('AUTORUTIADRELEC', c.email !== null ? c.emailConsent : null);
    xml.close();
  }
  xml.close();
  xml.close();
}

/** IDEPARTE: the département on 3 characters, from the INSEE code (13055 → 013, 97411 → 974). */
function departmentOf(inseeCode: string | null): string | null {
  if (inseeCode?.length !== 5) return null;
  return inseeCode.startsWith('97') || inseeCode.startsWith('98')
    ? inseeCode.slice(0, 3)
    : `0${inseeCode.slice(0, 2)}`;
}

/** windows-1252 beyond ISO-8859-1: the 0x80–0x9F range, as characters → as latin1 byte-characters. */
const CP1252_EXTRA = new Map(
  [...iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252')]
    .map((char, i) => [char, String.fromCharCode(0x80 + i)] as const)
    .filter(([char]) => char !== '\uFFFD'),
);
const CP1252_EXTRA_PATTERN = new RegExp(`[${[...CP1252_EXTRA.keys()].join('')}]`, 'g');

/**
 * The text only holds windows-1252 characters (the others were written as `&#x…;`): Node's native
 * latin1 encoder does the bulk, after the 27 characters of 0x80–0x9F are mapped to their byte.
 */
function encodeCp1252(text: string): Buffer {
  return Buffer.from(
    text.replace(CP1252_EXTRA_PATTERN, (char) => CP1252_EXTRA.get(char)!),
    'latin1',
  );
}

/** Printable ASCII without markup characters: written as it is (the usual case, kept fast). */
const PLAIN = /^[ !"#$%'()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]*$/;

/** Indented XML text gathered into encoded chunks. */
class XmlText {
  private parts: string[] = [];
  private size = 0;
  private readonly stack: string[] = [];

  constructor(
    private readonly cp1252: boolean,
    private readonly pretty: boolean,
  ) {}

  get length(): number {
    return this.size;
  }

  raw(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  open(name: string): void {
    if (this.pretty) this.raw(`${'  '.repeat(this.stack.length)}<${name}>\n`);
    else this.raw(this.stack.length === 0 ? `<${name}>\n` : `<${name}>`);
    this.stack.push(name);
  }

  close(): void {
    const name = this.stack.pop();
    if (this.pretty) this.raw(`${'  '.repeat(this.stack.length)}</${name}>\n`);
    // Compact: a line per top-level block, so that error line numbers still point somewhere useful.
    else this.raw(this.stack.length <= 1 ? `</${name}>\n` : `</${name}>`);
  }

  /** A mandatory element: written empty (`<X />`) when there is no value. */
  leaf(name: string, value: string | null): void {
    const indent = this.pretty ? '  '.repeat(this.stack.length) : '';
    const end = this.pretty ? '\n' : '';
    if (value === null || value === '') this.raw(`${indent}<${name} />${end}`);
    else this.raw(`${indent}<${name}>${this.escape(value)}</${name}>${end}`);
  }

  /** An optional element: left out when there is no value. */
  optional(name: string, value: string | null): void {
    if (value !== null && value !== '') this.leaf(name, value);
  }

  take(): Buffer {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return this.cp1252 ? encodeCp1252(text) : Buffer.from(text, 'utf8');
  }

  private escape(value: string): string {
    if (PLAIN.test(value)) return value;
    let out = '';
    for (const char of value) {
      const code = char.codePointAt(0)!;
      if (char === '&') out += '&amp;';
      else if (char === '<') out += '&lt;';
      else if (char === '>') out += '&gt;';
      else if (
        (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
        code === 0xfffe ||
        code === 0xffff
      ) {
        throw new Error(`caractère interdit en XML (U+${code.toString(16).toUpperCase().padStart(4, '0')})`);
      } else if (this.cp1252 && code >= 0x80 && !(code >= 0xa0 && code <= 0xff) && !CP1252_EXTRA.has(char)) {
        out += `&#x${code.toString(16).toUpperCase()};`;
      } else out += char;
    }
    return out;
  }
}
