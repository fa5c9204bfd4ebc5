/**
 * Streaming reader of the CAF/MSA XML flux: VRSB (beneficiaries, NATFLUX=D) and the contact block
 * of VIRS (instruction, NATFLUX=I). See shared/formats/caf-flux.md and vrsb0801.xsd.
 *
 * Bytes are decoded as the XML declaration says, fed to saxes chunk by chunk, and each household is
 * yielded as soon as its block closes: only the current household is kept in memory. Bad input never
 * throws; it ends up in the summary's errors, each with its element path.
 */
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { normalizeTime, parseIsoDate } from '../../domain/dates';
import type {
  FluxAddress,
  FluxContacts,
  FluxHeader,
  FluxHousehold,
  FluxPerson,
  HouseholdRole,
  RightsStatusCode,
} from '../../domain/flux';
import { normalizeNir } from '../../domain/nir';
import {
  type ChunkDecoder,
  createDecoder,
  hexByte,
  SNIFF_BYTES,
  sniffXmlEncoding,
  toBuffer,
} from './decoding';
import {
  type Checked,
  checkClaimNumber,
  checkConsent,
  checkFlag,
  checkInteger,
  checkOrganism,
  checkRightsStatus,
  checkRole,
  checkSex,
  MISSING,
} from './field-values';
import { ClaimNumberRegistry, DEFAULT_MAX_ERRORS, type FluxParseResult, ParseReport } from './parse-report';

export interface ParseFluxXmlOptions {
  /** Errors listed in the summary (default 1000); further ones are only counted. */
  maxErrors?: number;
}

/**
 * Parses a CAF/MSA XML flux. Yields the valid households one by one; returns the summary. The file
 * is to be rejected whole when `summary.errors` is not empty (a household with an error is not
 * yielded; after a well-formedness or encoding error nothing more is).
 */
export async function* parseFluxXml(
  input: Readable | AsyncIterable<Buffer> | Iterable<Buffer>,
  opts: ParseFluxXmlOptions = {},
): AsyncGenerator<FluxHousehold, FluxParseResult> {
  const reader = new FluxXmlReader(opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  let decoder: ChunkDecoder | null = null;
  let head: Buffer | null = null;
  let bytes = 0;
  for await (const raw of input as AsyncIterable<unknown>) {
    const chunk = toBuffer(raw);
    if (chunk.length === 0) continue;
    bytes += chunk.length;
    if (decoder) {
      reader.feed(decoder, chunk);
    } else {
      // The encoding comes from the first bytes: gather them until the XML declaration is complete.
      head = head ? Buffer.concat([head, chunk]) : chunk;
      const sniff = sniffXmlEncoding(head, false);
      if (sniff === 'more' && head.length < SNIFF_BYTES) continue;
      if (sniff !== 'more' && 'error' in sniff) {
        reader.fileError(sniff.error);
        break;
      }
      decoder = createDecoder(sniff === 'more' ? 'utf-8' : sniff.encoding);
      reader.feed(decoder, sniff === 'more' ? head : head.subarray(sniff.skip));
      head = null;
    }
    yield* reader.takeReady();
    if (reader.stopped) break;
  }
  if (!reader.stopped) {
    if (bytes === 0) {
      reader.fileError('fichier vide (0 octet)');
    } else {
      if (!decoder && head) {
        const sniff = sniffXmlEncoding(head, true);
        if (sniff !== 'more' && 'error' in sniff) reader.fileError(sniff.error);
        else {
          decoder = createDecoder(sniff === 'more' ? 'utf-8' : sniff.encoding);
          reader.feed(decoder, sniff === 'more' ? head : head.subarray(sniff.skip));
        }
      }
      if (decoder) reader.finish(decoder);
    }
  }
  yield* reader.takeReady();
  return reader.report.result();
}

// ---------------------------------------------------------------------------------------------
// What Parcours reads, as a tree of rules following the XSD. Any element absent from a rule's
// children is skipped with its whole subtree and counted in `skippedElements`.

type Setter = (r: FluxXmlReader, value: string) => void;
type Hook = (r: FluxXmlReader) => void;

interface NodeHooks {
  open?: Hook;
  close?: Hook;
  /** VIRS: unknown children are searched too (for NUMDEMRSA…) rather than skipped, except `skip`. */
  scan?: boolean;
  skip?: ReadonlySet<string>;
}

/** One class for leaves and nodes: saxes calls us per element, and same-shaped objects stay fast. */
class Rule {
  constructor(
    /** Node: the children read, by name; null for a leaf. */
    readonly children: ReadonlyMap<string, Rule> | null,
    /** Leaf: called with the trimmed text when the element is not empty. */
    readonly set: Setter | null,
    /** Leaf: xsd maxLength of a string (0: none). */
    readonly max: number,
    /** Leaf: xsd totalDigits of an integer, zero padding allowed (0: not an integer). */
    readonly digits: number,
    readonly open: Hook | null,
    readonly close: Hook | null,
    readonly scan: boolean,
    readonly skip: ReadonlySet<string> | null,
  ) {}
}

function leaf(set: Setter, limits: { max?: number; digits?: number } = {}): Rule {
  return new Rule(null, set, limits.max ?? 0, limits.digits ?? 0, null, null, false, null);
}

function node(children: Record<string, Rule>, hooks: NodeHooks = {}): Rule {
  return new Rule(
    new Map(Object.entries(children)),
    null,
    0,
    0,
    hooks.open ?? null,
    hooks.close ?? null,
    hooks.scan ?? false,
    hooks.skip ?? null,
  );
}

/** Elements the XSD lets repeat: their paths carry a 1-based index, e.g. `Personne[2]`. */
const REPEATED = new Set([
  'InfosFoyerRSA',
  'InfoDemandeRSA',
  'Personne',
  'Prestations',
  'Rattachement',
  'Activite',
  'RessourcesMensuelles',
  'DetailRessourcesMensuelles',
  'Asf',
  'CreanceAlimentaire',
  'Derogation',
  'Adresse',
  'SuspensionDroit',
  'SuspensionVersement',
  'DetailCalculDroitRSA',
  'ConditionAdministrative',
  'ReductionRSA',
  'Evenement',
  'ControleAdministratif',
  'Anomalie',
  'ModesContacts',
]);

const householdOf = (r: FluxXmlReader): HouseholdDraft => r.household!;
const personOf = (r: FluxXmlReader): PersonDraft => r.person!;

const identificationFlux = node(
  {
    APPLIEME: leaf((r, v) => (r.head.application = v), { max: 3 }),
    TYPEFLUX: leaf((r, v) => (r.head.typeFlux = r.checked(checkTypeFlux(v))), { max: 1 }),
    NATFLUX: leaf((r, v) => (r.head.natFlux = r.checked(checkNatFlux(v))), { max: 1 }),
    DTCREAFLUX: leaf((r, v) => (r.head.createdOn = r.date(v))),
    HEUCREAFLUX: leaf((r, v) => (r.head.createdAtTime = r.time(v))),
    DTREF: leaf((r, v) => (r.head.referenceDate = r.date(v))),
  },
  { open: (r) => r.openHeader(), close: (r) => r.closeHeader() },
);

const organisme = node({
  FONORG: leaf((r, v) => (householdOf(r).organism = r.checked(checkOrganism(v))), { max: 3 }),
  NUMORG: leaf((r, v) => (householdOf(r).organismNumber = v), { max: 3 }),
  MATRICULE: leaf((r, v) => (householdOf(r).matricule = v), { digits: 15 }),
});

const demandeRsa = node({
  DTDEMRSA: leaf((r, v) => (householdOf(r).claimDate = r.date(v))),
  NUMDEMRSA: leaf((r, v) => (householdOf(r).claimNumber = r.checked(checkClaimNumber(v))), { max: 11 }),
});

const identification = node({
  QUAL: leaf((r, v) => (personOf(r).title = v), { max: 3 }),
  NOM: leaf((r, v) => (personOf(r).usualName = v), { max: 28 }),
  NOMNAI: leaf((r, v) => (personOf(r).birthName = v), { max: 28 }),
  PRENOM: leaf((r, v) => (personOf(r).firstName = v), { max: 32 }),
  PRENOM2: leaf((r, v) => (personOf(r).firstName2 = v), { max: 15 }),
  PRENOM3: leaf((r, v) => (personOf(r).firstName3 = v), { max: 15 }),
  NOMCOMNAI: leaf((r, v) => (personOf(r).birthPlace = v), { max: 26 }),
  DTNAI: leaf((r, v) => (personOf(r).birthDate = r.date(v))),
  RGNAI: leaf((r, v) => (personOf(r).birthRank = v), { digits: 1 }),
  NIR: leaf((r, v) => (personOf(r).nir = r.nir(v)), { max: 15 }),
  SEXE: leaf((r, v) => (personOf(r).sex = r.checked(checkSex(v, false))), { max: 1 }),
});

const prestations = node(
  {
    NATPREST: leaf((r, v) => (personOf(r).benefit.nature = v), { max: 3 }),
    ROLEPERS: leaf((r, v) => (personOf(r).benefit.role = v), { max: 3 }),
  },
  { open: (r) => r.openBenefit(), close: (r) => r.closeBenefit() },
);

const personne = node(
  {
    Identification: identification,
    Prestations: prestations,
    DossierPoleEmploi: node({
      IDASSEDIC: leaf((r, v) => (personOf(r).franceTravailId = v), { max: 8 }),
    }),
    MontantCalculDroitRSAPersonne: node({
      TOPPERSDRODEVORSA: leaf((r, v) => (personOf(r).subjectToDuties = r.checked(checkFlag(v, true)))),
      TOPPERSENTDRODEVORSA: leaf((r, v) => (personOf(r).entersDuties = r.checked(checkFlag(v, true)))),
    }),
  },
  { open: (r) => r.openPerson(), close: (r) => r.closePerson() },
);

const adresse = node(
  {
    TroncCommunAdresse: node({
      RGADR: leaf((r, v) => (r.address!.rank = r.checked(checkInteger(v, 2))), { digits: 2 }),
    }),
    AdresseDetailleeFrance: node({
      COMPLADR: leaf((r, v) => (r.address!.value.complement = v), { max: 38 }),
      NUMVOIE: leaf((r, v) => (r.address!.value.streetNumber = v), { max: 6 }),
      LIBTYPEVOIE: leaf((r, v) => (r.address!.value.streetType = v), { max: 30 }),
      NOMVOIE: leaf((r, v) => (r.address!.value.streetName = v), { max: 32 }),
      LIEUDIST: leaf((r, v) => (r.address!.value.locality = v), { max: 38 }),
      NUMCOM: leaf((r, v) => (r.address!.value.inseeCode = v), { max: 5 }),
      CODEPOS: leaf((r, v) => (r.address!.value.postalCode = v), { digits: 5 }),
      NOMCOM: leaf((r, v) => (r.address!.value.communeName = v), { max: 32 }),
    }),
    // Its lines (LIBLIGxADR) are not read: only the fact that the household lives abroad.
    AdresseHorsFrance: node({}, { open: (r) => (r.address!.value.abroad = true) }),
  },
  { open: (r) => r.openAddress(), close: (r) => r.closeAddress() },
);

const situationDossier = node({
  EtatDossierRSA: node({
    ETATDOSRSA: leaf((r, v) => (householdOf(r).rightsStatus = r.checked(checkRightsStatus(v))), { max: 1 }),
  }),
  Refus: node(
    {
      DTREFURSA: leaf((r, v) => (householdOf(r).refusal!.date = r.date(v))),
      MOTIREFURSA: leaf((r, v) => (householdOf(r).refusal!.reason = v), { max: 3 }),
    },
    { open: (r) => (householdOf(r).refusal = { reason: null, date: null }) },
  ),
  SuspensionDroit: node(
    {
      MOTISUSDRORSA: leaf((r, v) => (r.suspension!.reason = v), { max: 2 }),
      DDSUSDRORSA: leaf((r, v) => (r.suspension!.from = r.date(v))),
    },
    { open: (r) => r.openSuspension(), close: (r) => r.closeSuspension('right', 'MOTISUSDRORSA') },
  ),
  SuspensionVersement: node(
    {
      MOTISUSVERSRSA: leaf((r, v) => (r.suspension!.reason = v), { max: 2 }),
      DDSUSVERSRSA: leaf((r, v) => (r.suspension!.from = r.date(v))),
    },
    { open: (r) => r.openSuspension(), close: (r) => r.closeSuspension('payment', 'MOTISUSVERSRSA') },
  ),
  FinDroit: node(
    {
      MOTICLORSA: leaf((r, v) => (householdOf(r).closure!.reason = v), { max: 3 }),
      DTCLORSA: leaf((r, v) => (householdOf(r).closure!.date = r.date(v))),
    },
    { open: (r) => (householdOf(r).closure = { reason: null, date: null }) },
  ),
});

const infosFoyerRsa = node(
  {
    IdentificationRSA: node({ Organisme: organisme, DemandeRSA: demandeRsa }),
    Personne: personne,
    DonneesAdministratives: node({
      SituationFamille: node({
        SITFAM: leaf((r, v) => (householdOf(r).familySituation = v), { max: 3 }),
        DDSITFAM: leaf((r, v) => (householdOf(r).familySituationSince = r.date(v))),
      }),
      Adresse: adresse,
    }),
    PrestationRSA: node({ SituationDossierRSA: situationDossier }),
    Anomalie: node({ LIBANO: leaf((r, v) => householdOf(r).anomalies.push(v), { max: 200 }) }),
  },
  { open: (r) => r.openHousehold(false), close: (r) => r.closeHousehold() },
);

/** A VIRS block: its identifiers are searched wherever they are (outside persons). */
const infoDemandeRsa = node(
  {
    NUMDEMRSA: leaf((r, v) => r.firstClaimNumber(v), { max: 11 }),
    DTDEMRSA: leaf((r, v) => (householdOf(r).claimDate ??= r.date(v))),
    FONORG: leaf((r, v) => (householdOf(r).organism ??= r.checked(checkOrganism(v))), { max: 3 }),
    NUMORG: leaf((r, v) => (householdOf(r).organismNumber ??= v), { max: 3 }),
    MATRICULE: leaf((r, v) => (householdOf(r).matricule ??= v), { digits: 15 }),
    ModesContacts: node(
      {
        NUMTEL: leaf((r, v) => (r.contact!.phone = v), { max: 20 }),
        AUTORUTITEL: leaf((r, v) => (r.contact!.phoneConsent = r.checked(checkConsent(v))), { max: 1 }),
        ADRELEC: leaf((r, v) => (r.contact!.email = v), { max: 100 }),
        AUTORUTIADRELEC: leaf((r, v) => (r.contact!.emailConsent = r.checked(checkConsent(v))), { max: 1 }),
        NATTEL: leaf(() => {}, { max: 1 }),
      },
      { open: (r) => r.openContact(), close: (r) => r.closeContact() },
    ),
  },
  {
    scan: true,
    skip: new Set(['Personne', 'Rattachement']),
    open: (r) => r.openHousehold(true),
    close: (r) => r.closeHousehold(),
  },
);

const racine = node({
  IdentificationFlux: identificationFlux,
  InfosFoyerRSA: infosFoyerRsa,
  InfoDemandeRSA: infoDemandeRsa,
  TransmissionFlux: node(
    {
      NBTOTDOSRSATRANSM: leaf(
        (r, v) => {
          const count = r.checked(checkInteger(v, 8));
          if (count !== null) r.report.declaredHouseholds = Number(count);
        },
        { digits: 8 },
      ),
    },
    { open: (r) => (r.transmissionSeen = true) },
  ),
});

function checkTypeFlux(raw: string): Checked<FluxHeader['typeFlux']> {
  return raw === 'I' || raw === 'M' || raw === 'R'
    ? { value: raw }
    : { error: `TYPEFLUX invalide : « ${raw} » (attendu I, M ou R)` };
}

function checkNatFlux(raw: string): Checked<FluxHeader['natFlux']> {
  return raw === 'D' || raw === 'I'
    ? { value: raw }
    : { error: `NATFLUX invalide : « ${raw} » (attendu D ou I)` };
}

// ---------------------------------------------------------------------------------------------

/** An open element. Frames are reused by depth: a file has millions of elements, its depth is ~10. */
class Frame {
  name = '';
  /** 1-based rank among same-named siblings, for repeatable elements; 0 otherwise. */
  index = 0;
  /** null inside a skipped subtree. */
  rule: Rule | null = null;
  /** An unknown element searched through in a VIRS block. */
  scanned = false;
  hasChildren = false;
  text = '';
  siblings: Map<string, number> | null = null;

  reset(name: string, index: number, rule: Rule | null, scanned: boolean): void {
    this.name = name;
    this.index = index;
    this.rule = rule;
    this.scanned = scanned;
    this.hasChildren = false;
    this.text = '';
    this.siblings = null;
  }
}

/** Past this, a value's text is no longer accumulated (the XSD's longest is 200). */
const MAX_TEXT = 4096;

interface HeaderDraft {
  application: string | null;
  typeFlux: FluxHeader['typeFlux'] | null;
  natFlux: FluxHeader['natFlux'] | null;
  createdOn: string | null;
  createdAtTime: string | null;
  referenceDate: string | null;
  failed: string[];
}

interface HouseholdDraft {
  path: string;
  /** 1-based rank of the block in the file. */
  rank: number;
  virs: boolean;
  invalid: boolean;
  /** Fields already reported as invalid: not reported again as missing. */
  failed: string[];
  organism: string | null;
  organismNumber: string | null;
  matricule: string | null;
  claimNumber: string | null;
  claimDate: string | null;
  familySituation: string | null;
  familySituationSince: string | null;
  address: FluxAddress | null;
  rightsStatus: RightsStatusCode | null;
  closure: { reason: string | null; date: string | null } | null;
  refusal: { reason: string | null; date: string | null } | null;
  rightSuspensions: { reason: string; from: string | null }[];
  paymentSuspensions: { reason: string; from: string | null }[];
  members: FluxPerson[];
  /** Paths of the first DEM and CJT, to report a second one. */
  applicantPath: string | null;
  spousePath: string | null;
  contacts: FluxContacts | null;
  anomalies: string[];
}

interface PersonDraft {
  path: string;
  failed: string[];
  title: string | null;
  usualName: string | null;
  birthName: string | null;
  firstName: string | null;
  firstName2: string | null;
  firstName3: string | null;
  birthPlace: string | null;
  birthDate: string | null;
  birthRank: string | null;
  nir: string | null;
  sex: 'M' | 'F' | null;
  /** The Prestations block being read. */
  benefit: { nature: string | null; role: string | null };
  rsaBlockSeen: boolean;
  role: HouseholdRole | null;
  franceTravailId: string | null;
  subjectToDuties: boolean | null;
  entersDuties: boolean | null;
}

const PERSON_REQUIRED = [
  ['birthName', 'Identification/NOMNAI'],
  ['firstName', 'Identification/PRENOM'],
  ['birthDate', 'Identification/DTNAI'],
  ['sex', 'Identification/SEXE'],
] as const;

const SAXES_MESSAGES: [RegExp, string][] = [
  [/^unclosed tag: (.*)$/, 'balise $1 non fermée'],
  [/^unmatched closing tag: (.*?)\.?$/, 'balise fermante $1 sans balise ouvrante correspondante'],
  [/^unexpected close tag\.?$/, 'balise fermante inattendue'],
  [/^unexpected end\.?$/, 'fin de fichier inattendue'],
  [/^document must contain a root element\.?$/, 'aucun élément racine'],
  [/^documents may contain only one root\.?$/, 'plusieurs éléments racine'],
  [/^text data outside of root node\.?$/, "texte en dehors de l'élément racine"],
  [/^disallowed character\.?$/, 'caractère interdit'],
  [/^undefined entity\.?$/, 'entité non définie'],
  [/^disallowed character in tag name\.?$/, 'caractère interdit dans un nom de balise'],
  [/^unclosed comment\.?$/, 'commentaire non fermé'],
];

function frenchSaxesMessage(message: string): string {
  const text = message.replace(/^\d+:\d+: /, '');
  for (const [pattern, french] of SAXES_MESSAGES)
    if (pattern.test(text)) return text.replace(pattern, french);
  return text;
}

/** Reacts to saxes events; exposed to the rules above (not exported from the module). */
class FluxXmlReader {
  readonly report: ParseReport;
  stopped = false;
  head: HeaderDraft = emptyHeader();
  household: HouseholdDraft | null = null;
  person: PersonDraft | null = null;
  address: { rank: string | null; value: FluxAddress } | null = null;
  suspension: { reason: string | null; from: string | null } | null = null;
  contact: FluxContacts | null = null;
  transmissionSeen = false;

  private readonly parser = new SaxesParser({ position: true });
  /** frames[0..depth-1] are the open elements, outermost first. */
  private readonly frames: Frame[] = [];
  private depth = 0;
  private ready: FluxHousehold[] = [];
  private readonly claims = new ClaimNumberRegistry();
  private sawRoot = false;
  private headerSeen = false;
  private closing = false;
  /** The element closed last: saxes closes the open element before reporting a wrong close tag. */
  private lastClosedName = '';
  private lastClosedIndex = 0;
  private lastClosedHousehold = false;
  private natFluxMismatchReported = false;

  constructor(maxErrors: number) {
    this.report = new ParseReport(maxErrors);
    this.parser.on('opentag', (tag) => this.onOpen(tag.name));
    this.parser.on('closetag', () => this.onClose());
    this.parser.on('text', (text) => this.onText(text));
    this.parser.on('cdata', (text) => this.onText(text));
    this.parser.on('error', (err) => this.onXmlError(err.message));
  }

  /** Households completed since the last call. */
  takeReady(): FluxHousehold[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  feed(decoder: ChunkDecoder, chunk: Buffer): void {
    this.write(decoder, decoder.write(chunk));
  }

  finish(decoder: ChunkDecoder): void {
    this.write(decoder, decoder.end());
    if (this.stopped) return;
    this.closing = true;
    this.parser.close();
    if (!this.stopped) this.checkEnd();
  }

  fileError(reason: string): void {
    this.report.error('fichier', null, reason);
    this.stop();
  }

  private write(decoder: ChunkDecoder, decoded: { text: string; invalidByte?: number }): void {
    if (this.stopped) return;
    if (decoded.text.length > 0) this.parser.write(decoded.text);
    if (decoded.invalidByte === undefined || this.stopped) return;
    // saxes has consumed the valid prefix: its position is the character before the bad byte.
    const where = `ligne ${this.parser.line}, colonne ${this.parser.column + 1}`;
    this.report.error(
      this.path() || 'fichier',
      null,
      `encodage invalide : octet ${hexByte(decoded.invalidByte)} incorrect en ${decoder.encoding} (${where})`,
    );
    this.stop();
  }

  private stop(): void {
    this.stopped = true;
  }

  private onXmlError(message: string): void {
    if (this.stopped) return;
    let french = frenchSaxesMessage(message);
    let place = this.path() || 'fichier';
    const where = `ligne ${this.parser.line}, colonne ${this.parser.column}`;
    if (/^unexpected close tag/.test(message.replace(/^\d+:\d+: /, '')) && this.lastClosedName) {
      const name = this.lastClosedName;
      place = `${place}/${this.lastClosedIndex ? `${name}[${this.lastClosedIndex}]` : name}`;
      french = `balise fermante inattendue (</${name}> attendue)`;
      // A household "closed" by a wrong close tag is not complete: it is not handed out.
      if (this.lastClosedHousehold && this.ready[this.ready.length - 1]?.path === place) this.ready.pop();
    }
    if (!this.sawRoot && this.closing) this.report.error('fichier', null, 'fichier vide : aucun élément XML');
    else if (this.closing) this.report.error(place, null, `fichier tronqué (${where}) : ${french}`);
    else this.report.error(place, null, `XML mal formé (${where}) : ${french}`);
    this.stop();
  }

  private onOpen(name: string): void {
    if (this.stopped) return;
    const parent = this.top();
    if (!parent) {
      // A second root is reported by saxes itself.
      if (this.sawRoot) return;
      this.sawRoot = true;
      if (name !== 'Racine') {
        this.report.error(name, null, `élément racine inattendu : « ${name} » (attendu Racine)`);
        this.stop();
        return;
      }
      this.push(name, 0, racine, false);
      return;
    }
    parent.hasChildren = true;
    let index = 0;
    if (REPEATED.has(name)) {
      parent.siblings ??= new Map();
      index = (parent.siblings.get(name) ?? 0) + 1;
      parent.siblings.set(name, index);
    }
    let rule: Rule | null = null;
    let scanned = false;
    const parentRule = parent.rule;
    if (parentRule !== null) {
      rule = parentRule.children?.get(name) ?? null;
      if (rule === null && parentRule.scan && !parentRule.skip?.has(name)) {
        rule = parentRule;
        scanned = true;
      } else if (rule === null) this.report.skip(name);
    }
    this.push(name, index, rule, scanned);
    if (rule?.open && !scanned) rule.open(this);
  }

  private onText(text: string): void {
    if (this.stopped) return;
    const frame = this.top();
    if (frame?.rule?.set && frame.text.length <= MAX_TEXT) frame.text += text;
  }

  private onClose(): void {
    if (this.stopped) return;
    const frame = this.top();
    if (!frame) return;
    const rule = frame.rule;
    if (rule?.set) this.closeLeaf(frame, rule.set, rule);
    else if (rule !== null) {
      if (!frame.scanned) rule.close?.(this);
      else if (!frame.hasChildren) this.report.skip(frame.name);
    }
    this.depth--;
    this.lastClosedName = frame.name;
    this.lastClosedIndex = frame.index;
    this.lastClosedHousehold = rule === infosFoyerRsa || rule === infoDemandeRsa;
  }

  private closeLeaf(frame: Frame, set: Setter, rule: Rule): void {
    const value = frame.text.trim();
    if (value === '') return;
    if (frame.text.length > MAX_TEXT) {
      this.fieldError(`valeur trop longue : plus de ${MAX_TEXT} caractères`);
      return;
    }
    if (rule.max > 0 && value.length > rule.max) {
      this.fieldError(`valeur trop longue : ${value.length} caractères (au plus ${rule.max})`);
      return;
    }
    if (rule.digits > 0 && this.checked(checkInteger(value, rule.digits)) === null) return;
    set(this, value);
  }

  private top(): Frame | undefined {
    return this.depth > 0 ? this.frames[this.depth - 1] : undefined;
  }

  private push(name: string, index: number, rule: Rule | null, scanned: boolean): void {
    let frame = this.frames[this.depth];
    if (!frame) {
      frame = new Frame();
      this.frames.push(frame);
    }
    frame.reset(name, index, rule, scanned);
    this.depth++;
  }

  /** Element path of the current element, e.g. `Racine/InfosFoyerRSA[3]/Personne[1]/Identification/DTNAI`. */
  path(): string {
    let path = '';
    for (let d = 0; d < this.depth; d++) {
      const frame = this.frames[d]!;
      if (path) path += '/';
      path += frame.index ? `${frame.name}[${frame.index}]` : frame.name;
    }
    return path;
  }

  // --- value checks, reporting at the current element ------------------------------------------

  /** Reports an invalid value of the current element and marks its household invalid. */
  fieldError(reason: string): void {
    const field = this.top()?.name ?? null;
    this.report.error(this.path(), field, reason);
    if (field) (this.person ?? this.household ?? this.head).failed.push(field);
    if (this.household) this.household.invalid = true;
  }

  checked<T>(result: Checked<T>): T | null {
    if ('error' in result) {
      this.fieldError(result.error);
      return null;
    }
    return result.value;
  }

  date(value: string): string | null {
    const result = parseIsoDate(value, { isoOnly: true });
    return this.checked('error' in result ? result : { value: result.date });
  }

  time(value: string): string | null {
    const time = normalizeTime(value);
    return this.checked(
      time === null ? { error: `heure invalide : « ${value} » (attendu HH:MM:SS)` } : { value: time },
    );
  }

  nir(value: string): string | null {
    const result = normalizeNir(value);
    return this.checked('error' in result ? result : { value: result.nir13 });
  }

  /** Reports a missing field at the place it should be, unless it was already reported invalid. */
  private missing(place: string, failed: string[], reason = MISSING, field = lastSegment(place)): void {
    if (failed.includes(field)) return;
    this.report.error(place, field, reason);
    if (this.household) this.household.invalid = true;
  }

  // --- header --------------------------------------------------------------------------------

  openHeader(): void {
    this.headerSeen = true;
    this.head = emptyHeader();
  }

  closeHeader(): void {
    const h = this.head;
    const base = this.path();
    const missing = (field: string) => this.missing(`${base}/${field}`, h.failed);
    if (!h.application) missing('APPLIEME');
    if (!h.typeFlux) missing('TYPEFLUX');
    if (!h.natFlux) missing('NATFLUX');
    if (!h.createdOn) missing('DTCREAFLUX');
    if (h.failed.length > 0 || !h.application || !h.typeFlux || !h.natFlux || !h.createdOn) return;
    this.report.header = {
      application: h.application,
      typeFlux: h.typeFlux,
      natFlux: h.natFlux,
      createdOn: h.createdOn,
      createdAtTime: h.createdAtTime ?? '00:00:00',
      referenceDate: h.referenceDate,
    };
  }

  // --- households ----------------------------------------------------------------------------

  openHousehold(virs: boolean): void {
    const path = this.path();
    this.report.households++;
    this.household = {
      path,
      rank: this.report.households,
      virs,
      invalid: false,
      failed: [],
      organism: null,
      organismNumber: null,
      matricule: null,
      claimNumber: null,
      claimDate: null,
      familySituation: null,
      familySituationSince: null,
      address: null,
      rightsStatus: null,
      closure: null,
      refusal: null,
      rightSuspensions: [],
      paymentSuspensions: [],
      members: [],
      applicantPath: null,
      spousePath: null,
      contacts: virs ? { phone: null, phoneConsent: null, email: null, emailConsent: null } : null,
      anomalies: [],
    };
    if (!this.headerSeen) {
      this.report.error(
        'Racine/IdentificationFlux',
        'IdentificationFlux',
        'bloc IdentificationFlux absent avant les dossiers',
      );
      this.headerSeen = true;
      this.household.invalid = true;
    }
    const natFlux = this.report.header?.natFlux;
    if (natFlux && (natFlux === 'I') !== virs && !this.natFluxMismatchReported) {
      this.natFluxMismatchReported = true;
      const name = virs ? 'InfoDemandeRSA' : 'InfosFoyerRSA';
      const kind = natFlux === 'I' ? "flux d'instruction (NATFLUX=I)" : 'flux bénéficiaires (NATFLUX=D)';
      this.report.error(path, name, `bloc ${name} inattendu dans un ${kind}`);
      this.household.invalid = true;
    }
  }

  /** VIRS: the first NUMDEMRSA found in the block is the household's. */
  firstClaimNumber(value: string): void {
    const h = householdOf(this);
    if (h.claimNumber !== null || h.failed.includes('NUMDEMRSA')) return;
    h.claimNumber = this.checked(checkClaimNumber(value));
  }

  closeHousehold(): void {
    const h = householdOf(this);
    this.household = null;
    const missing = (relative: string) => this.missingIn(h, `${h.path}/${relative}`);
    if (h.virs) {
      if (h.claimNumber === null)
        this.missing(h.path, h.failed, 'NUMDEMRSA absent du bloc InfoDemandeRSA', 'NUMDEMRSA');
    } else {
      if (h.organism === null) missing('IdentificationRSA/Organisme/FONORG');
      if (h.organismNumber === null) missing('IdentificationRSA/Organisme/NUMORG');
      if (h.claimNumber === null) missing('IdentificationRSA/DemandeRSA/NUMDEMRSA');
      if (h.rightsStatus === null) missing('PrestationRSA/SituationDossierRSA/EtatDossierRSA/ETATDOSRSA');
      if (h.members.length === 0 && !h.invalid) {
        this.report.error(`${h.path}/Personne`, 'Personne', 'foyer sans aucune Personne');
        h.invalid = true;
      }
    }
    if (h.claimNumber !== null) {
      const before = this.claims.firstSeen(h.claimNumber, h.rank);
      if (before !== null) {
        const block = h.virs ? 'InfoDemandeRSA' : 'InfosFoyerRSA';
        const place = h.virs ? h.path : `${h.path}/IdentificationRSA/DemandeRSA/NUMDEMRSA`;
        this.report.error(
          place,
          'NUMDEMRSA',
          `NUMDEMRSA ${h.claimNumber} déjà présent dans ${block}[${before}]`,
        );
        h.invalid = true;
      }
    }
    if (h.invalid || h.claimNumber === null) return;
    this.ready.push({
      path: h.path,
      organism: h.organism ?? 'CAF',
      organismNumber: h.organismNumber ?? '',
      matricule: h.matricule,
      claimNumber: h.claimNumber,
      claimDate: h.claimDate,
      familySituation: h.familySituation,
      familySituationSince: h.familySituationSince,
      address: h.address,
      // A VIRS block says nothing of the rights: 'Z' (undefined).
      rightsStatus: h.rightsStatus ?? 'Z',
      closure: h.closure,
      refusal: h.refusal,
      rightSuspensions: h.rightSuspensions,
      paymentSuspensions: h.paymentSuspensions,
      members: h.members,
      contacts: h.contacts,
      anomalies: h.anomalies,
    });
  }

  private missingIn(h: HouseholdDraft, place: string): void {
    this.missing(place, h.failed);
    h.invalid = true;
  }

  // --- persons -------------------------------------------------------------------------------

  openPerson(): void {
    this.person = {
      path: this.path(),
      failed: [],
      title: null,
      usualName: null,
      birthName: null,
      firstName: null,
      firstName2: null,
      firstName3: null,
      birthPlace: null,
      birthDate: null,
      birthRank: null,
      nir: null,
      sex: null,
      benefit: { nature: null, role: null },
      rsaBlockSeen: false,
      role: null,
      franceTravailId: null,
      subjectToDuties: null,
      entersDuties: null,
    };
  }

  openBenefit(): void {
    personOf(this).benefit = { nature: null, role: null };
  }

  /** ROLEPERS counts only in the Prestations block whose NATPREST is RSA (the other is PFA). */
  closeBenefit(): void {
    const p = personOf(this);
    if (p.benefit.nature !== 'RSA' || p.rsaBlockSeen) return;
    p.rsaBlockSeen = true;
    const place = `${this.path()}/ROLEPERS`;
    if (p.benefit.role === null) {
      this.missing(place, p.failed);
      return;
    }
    const role = checkRole(p.benefit.role);
    if ('error' in role) {
      this.report.error(place, 'ROLEPERS', role.error);
      householdOf(this).invalid = true;
      return;
    }
    p.role = role.value;
    const h = householdOf(this);
    const first = role.value === 'DEM' ? h.applicantPath : role.value === 'CJT' ? h.spousePath : null;
    if (first !== null) {
      const who = role.value === 'DEM' ? 'demandeur (DEM)' : 'conjoint (CJT)';
      this.report.error(place, 'ROLEPERS', `deuxième ${who} dans le foyer, après ${lastSegment(first)}`);
      h.invalid = true;
    } else if (role.value === 'DEM') h.applicantPath = p.path;
    else if (role.value === 'CJT') h.spousePath = p.path;
  }

  closePerson(): void {
    const p = personOf(this);
    const h = householdOf(this);
    this.person = null;
    this.report.persons++;
    for (const [key, relative] of PERSON_REQUIRED)
      if (p[key] === null) this.missing(`${p.path}/${relative}`, p.failed);
    if (!p.rsaBlockSeen) {
      this.report.error(
        `${p.path}/Prestations`,
        'ROLEPERS',
        'ROLEPERS absent : aucun bloc Prestations avec NATPREST RSA',
      );
      h.invalid = true;
    }
    if (h.invalid || p.failed.length > 0) return;
    h.members.push({
      path: p.path,
      title: p.title,
      usualName: p.usualName,
      birthName: p.birthName!,
      firstName: p.firstName!,
      firstName2: p.firstName2,
      firstName3: p.firstName3,
      birthPlace: p.birthPlace,
      birthDate: p.birthDate!,
      birthRank: p.birthRank,
      nir: p.nir,
      sex: p.sex!,
      role: p.role!,
      franceTravailId: p.franceTravailId,
      subjectToDuties: p.subjectToDuties ?? false,
      entersDuties: p.entersDuties ?? false,
    });
  }

  // --- addresses, suspensions, contacts ------------------------------------------------------

  openAddress(): void {
    this.address = {
      rank: null,
      value: {
        streetNumber: null,
        streetType: null,
        streetName: null,
        complement: null,
        locality: null,
        inseeCode: null,
        postalCode: null,
        communeName: null,
        abroad: false,
      },
    };
  }

  /** The current address is the one of rank 01 (02 and 03 are previous ones). */
  closeAddress(): void {
    const address = this.address!;
    this.address = null;
    const h = householdOf(this);
    if (address.rank !== null && Number(address.rank) === 1 && h.address === null) h.address = address.value;
  }

  openSuspension(): void {
    this.suspension = { reason: null, from: null };
  }

  closeSuspension(kind: 'right' | 'payment', reasonField: string): void {
    const suspension = this.suspension!;
    this.suspension = null;
    const h = householdOf(this);
    if (suspension.reason === null) {
      this.missingIn(h, `${this.path()}/${reasonField}`);
      return;
    }
    const list = kind === 'right' ? h.rightSuspensions : h.paymentSuspensions;
    list.push({ reason: suspension.reason, from: suspension.from });
  }

  openContact(): void {
    this.contact = { phone: null, phoneConsent: null, email: null, emailConsent: null };
  }

  /** Several ModesContacts may come: the first phone and the first e-mail are kept, each with its consent. */
  closeContact(): void {
    const block = this.contact!;
    this.contact = null;
    const contacts = householdOf(this).contacts!;
    if (block.phone !== null && contacts.phone === null) {
      contacts.phone = block.phone;
      contacts.phoneConsent = block.phoneConsent;
    }
    if (block.email !== null && contacts.email === null) {
      contacts.email = block.email;
      contacts.emailConsent = block.emailConsent;
    }
  }

  // --- end of file ---------------------------------------------------------------------------

  private checkEnd(): void {
    const report = this.report;
    if (!this.headerSeen) {
      report.error('Racine/IdentificationFlux', 'IdentificationFlux', 'bloc IdentificationFlux absent');
    }
    const place = 'Racine/TransmissionFlux/NBTOTDOSRSATRANSM';
    // VRSB requires TransmissionFlux; in VIRS the count is checked only when given.
    const virs = report.header ? report.header.natFlux === 'I' : this.head.natFlux === 'I';
    if (!this.transmissionSeen) {
      if (!virs) report.error('Racine/TransmissionFlux', 'TransmissionFlux', 'bloc TransmissionFlux absent');
    } else if (report.declaredHouseholds === null) {
      if (!virs) this.missing(place, []);
    } else if (report.declaredHouseholds !== report.households) {
      const block = virs ? 'InfoDemandeRSA' : 'InfosFoyerRSA';
      report.error(
        place,
        'NBTOTDOSRSATRANSM',
        `NBTOTDOSRSATRANSM annonce ${report.declaredHouseholds} dossiers mais le fichier contient ${report.households} blocs ${block}`,
      );
    }
  }
}

function emptyHeader(): HeaderDraft {
  return {
    application: null,
    typeFlux: null,
    natFlux: null,
    createdOn: null,
    createdAtTime: null,
    referenceDate: null,
    failed: [],
  };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
