import {
  dataInclusionPublics,
  dataInclusionServiceTypes,
  dataInclusionThematiques,
} from '@parcours/contracts';
import {
  clean,
  dataInclusionName,
  emailOrNull,
  frenchDate,
  frenchNumber,
  osmOpeningHours,
  phoneOrNull,
  shorten,
} from './open-data-text';

/**
 * The catalogue as data·inclusion v1 (schema 1.0.8): one structure per operator of an exported
 * action (plus the département itself for actions without an operator), one service per action
 * that is not annulée, its sessions described in its text. Catalogue facts only: no person, no
 * agent, no referral. Deterministic: same rows, same bytes (items sorted by id, keys in a fixed
 * order). Field by field: docs/open-data.md.
 */

export interface OpenDataStructureRow {
  id: string;
  kind: string;
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  communeCode: string | null;
  communeName: string | null;
  postalCodes: readonly string[];
  openingHours: unknown;
  updatedAt: Date;
}

export interface OpenDataSessionRow {
  label: string;
  startsOn: string;
  endsOn: string;
  place: string | null;
  communeName: string | null;
  capacity: number;
  weeklyHours: number | null;
}

export interface OpenDataActionRow {
  id: string;
  code: string;
  title: string;
  axis: number;
  status: string;
  grouping: string | null;
  objectives: string | null;
  description: string | null;
  publicDescription: string | null;
  targetMinAge: number | null;
  targetMaxAge: number | null;
  targetSex: string | null;
  publics: readonly string[];
  thematiques: readonly string[];
  serviceType: string | null;
  weeklyHours: number | null;
  weeks: number | null;
  phases: unknown;
  startsOn: string | null;
  endsOn: string | null;
  updatedAt: Date;
  /** Operators' structure ids. */
  operatorIds: readonly string[];
  /** INSEE codes of the communes served, already expanded from pôles; empty: the whole département. */
  communeCodes: readonly string[];
  /** Sessions not cancelled. */
  sessions: readonly OpenDataSessionRow[];
}

export interface OpenDataDepartment {
  code: string;
  name: string;
}

/** Fields in the schema's order; absent facts are null, never guessed. */
export interface DataInclusionStructure {
  source: string;
  id: string;
  nom: string;
  date_maj: string;
  siret: string | null;
  description: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  telephone: string | null;
  courriel: string | null;
  site_web: string | null;
  lien_source: string | null;
  horaires_accueil: string | null;
  accessibilite_lieu: string | null;
  reseaux_porteurs: string[] | null;
}

export interface DataInclusionService {
  source: string;
  id: string;
  structure_id: string;
  nom: string;
  description: string;
  date_maj: string;
  type: string | null;
  thematiques: string[] | null;
  publics: string[] | null;
  publics_precisions: string | null;
  conditions_acces: string | null;
  frais: 'gratuit' | 'payant' | null;
  frais_precisions: string | null;
  modes_accueil: string[] | null;
  zone_eligibilite: string[] | null;
  volume_horaire_hebdomadaire: number | null;
  nombre_semaines: number | null;
  mobilisable_par: string[] | null;
  modes_mobilisation: string[] | null;
  mobilisation_precisions: string | null;
  lien_mobilisation: string | null;
  contact_nom_prenom: null;
  courriel: string | null;
  telephone: string | null;
  horaires_accueil: string | null;
  adresse: string | null;
  complement_adresse: string | null;
  code_postal: string | null;
  code_insee: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  lien_source: string | null;
}

export interface DataInclusionExport {
  structures: DataInclusionStructure[];
  services: DataInclusionService[];
}

/** The producer's identifier, as data·inclusion names départements' sources: `cd13`. */
export const dataInclusionSource = (departmentCode: string) => `cd${departmentCode.toLowerCase()}`;
/** Local id of the département's own structure (actions without an operator). */
export const DEPARTMENT_STRUCTURE = 'departement';

/** Networks the structure kinds of Parcours belong to (data·inclusion `ReseauPorteur`). */
const networks: Record<string, string> = {
  plie: 'plie',
  mission_locale: 'mission-locale',
  france_travail: 'france-travail',
  cap_emploi: 'cap-emploi-reseau-cheops',
  ccas: 'ccas-cias',
  mds: 'maisons-des-solidarites',
  insertion_hub_office: 'departements',
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const known = (values: readonly string[], vocabulary: readonly string[]) =>
  [...new Set(values.filter((v) => vocabulary.includes(v)))].sort();

/** The Paris calendar date of a modification (injected: the domain knows no time zone library). */
export type DateOf = (instant: Date) => string;

export function mapStructure(
  row: OpenDataStructureRow,
  department: OpenDataDepartment,
  dateOf: DateOf = isoDay,
): DataInclusionStructure {
  const source = dataInclusionSource(department.code);
  const network = networks[row.kind];
  return {
    source,
    id: `${source}--${row.id}`,
    nom: dataInclusionName(row.name, 'Structure'),
    date_maj: dateOf(row.updatedAt),
    siret: null,
    description: null,
    adresse: clean(row.address)?.replace(/\n/g, ', ') ?? null,
    complement_adresse: null,
    code_postal:
      row.postalCodes.length === 1 && /^\d{5}$/.test(row.postalCodes[0]!) ? row.postalCodes[0]! : null,
    code_insee: row.communeCode && /^\w{5}$/.test(row.communeCode) ? row.communeCode : null,
    commune: clean(row.communeName),
    latitude: null,
    longitude: null,
    telephone: phoneOrNull(row.phone),
    courriel: emailOrNull(row.email),
    site_web: null,
    lien_source: null,
    horaires_accueil: osmOpeningHours(row.openingHours),
    accessibilite_lieu: null,
    reseaux_porteurs: network ? [network] : null,
  };
}

/** The département as the structure offering the actions that name no operator. */
export function departmentStructure(department: OpenDataDepartment, dateMaj: string): DataInclusionStructure {
  const source = dataInclusionSource(department.code);
  return {
    source,
    id: `${source}--${DEPARTMENT_STRUCTURE}`,
    nom: dataInclusionName(`Conseil départemental (${department.name})`, 'Département'),
    date_maj: dateMaj,
    siret: null,
    description: "Programme départemental d'insertion : actions financées par le Département.",
    adresse: null,
    complement_adresse: null,
    code_postal: null,
    code_insee: null,
    commune: null,
    latitude: null,
    longitude: null,
    telephone: null,
    courriel: null,
    site_web: null,
    lien_source: null,
    horaires_accueil: null,
    accessibilite_lieu: null,
    reseaux_porteurs: ['departements'],
  };
}

function publicsOf(action: OpenDataActionRow): string[] | null {
  let publics = known(action.publics, dataInclusionPublics);
  // `tous-publics` may not be used with other values.
  if (publics.length > 1) publics = publics.filter((p) => p !== 'tous-publics');
  return publics.length ? publics : null;
}

function publicsPrecisions(action: OpenDataActionRow): string | null {
  const parts: string[] = [];
  const written = clean(action.publicDescription);
  if (written) parts.push(written);
  const { targetMinAge: min, targetMaxAge: max } = action;
  if (min !== null && max !== null) parts.push(`De ${min} à ${max} ans`);
  else if (min !== null) parts.push(`À partir de ${min} ans`);
  else if (max !== null) parts.push(`Jusqu’à ${max} ans`);
  if (action.targetSex === 'F') parts.push('Femmes');
  if (action.targetSex === 'M') parts.push('Hommes');
  return parts.length ? shorten(parts.join('. '), 2000) : null;
}

function phasesText(phases: unknown): string | null {
  if (!Array.isArray(phases)) return null;
  const lines = phases
    .map((p: { label?: unknown; description?: unknown; hours?: unknown }) => {
      const label = typeof p?.label === 'string' ? clean(p.label) : null;
      const desc = typeof p?.description === 'string' ? clean(p.description) : null;
      const hours = typeof p?.hours === 'number' ? ` (${frenchNumber(p.hours)} h)` : '';
      if (!label && !desc) return null;
      return `- ${[label ? `${label}${hours}` : null, desc].filter(Boolean).join(' : ')}`;
    })
    .filter((l): l is string => l !== null);
  return lines.length ? `Déroulement :\n${lines.join('\n')}` : null;
}

function sessionsText(sessions: readonly OpenDataSessionRow[]): string | null {
  if (!sessions.length) return null;
  const lines = [...sessions]
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.label.localeCompare(b.label))
    .map((s) => {
      const where = [clean(s.place), clean(s.communeName)].filter(Boolean).join(', ');
      const hours = s.weeklyHours !== null ? `, ${frenchNumber(s.weeklyHours)} h par semaine` : '';
      return `- ${clean(s.label) ?? 'Session'} : du ${frenchDate(s.startsOn)} au ${frenchDate(s.endsOn)}${where ? `, ${where}` : ''}, ${s.capacity} place${s.capacity > 1 ? 's' : ''}${hours}`;
    });
  return `Sessions :\n${lines.join('\n')}`;
}

/** The service's description: the catalogue's texts, its phases and sessions, its place in the programme. */
export function serviceDescription(action: OpenDataActionRow, operatorNames: readonly string[]): string {
  const period =
    action.startsOn && action.endsOn
      ? `Période : du ${frenchDate(action.startsOn)} au ${frenchDate(action.endsOn)}.`
      : action.startsOn
        ? `À partir du ${frenchDate(action.startsOn)}.`
        : null;
  const objectives = clean(action.objectives);
  const parts = [
    clean(action.description),
    objectives ? `Objectifs : ${objectives}` : null,
    phasesText(action.phases),
    period,
    sessionsText(action.sessions),
    operatorNames.length > 1 ? `Opérateurs : ${operatorNames.join(' ; ')}.` : null,
    `Action ${action.code} du programme départemental d'insertion, axe ${action.axis}${
      clean(action.grouping) ? ` (${clean(action.grouping)})` : ''
    }.`,
  ].filter((p): p is string => p !== null);
  return shorten(parts.join('\n\n'), 10000);
}

/**
 * One service per action not annulée. Its structure is its first operator (by structure id), or
 * the département when the catalogue names none; the other operators are named in the text.
 */
export function mapService(
  action: OpenDataActionRow,
  operators: readonly OpenDataStructureRow[],
  department: OpenDataDepartment,
  dateOf: DateOf = isoDay,
): DataInclusionService {
  const source = dataInclusionSource(department.code);
  const sorted = [...operators].sort(byId);
  const lead = sorted[0];
  const withPlace = action.sessions.some((s) => clean(s.place) || clean(s.communeName));
  const zone = [...new Set(action.communeCodes.filter((c) => /^\w{5}$/.test(c)))].sort();
  return {
    source,
    id: `${source}--${action.code}`,
    structure_id: `${source}--${lead ? lead.id : DEPARTMENT_STRUCTURE}`,
    nom: dataInclusionName(action.title, `Action ${action.code}`),
    description: serviceDescription(
      action,
      sorted.map((o) => clean(o.name) ?? o.id),
    ),
    date_maj: dateOf(action.updatedAt),
    type:
      action.serviceType && (dataInclusionServiceTypes as readonly string[]).includes(action.serviceType)
        ? action.serviceType
        : null,
    thematiques: known(action.thematiques, dataInclusionThematiques).length
      ? known(action.thematiques, dataInclusionThematiques)
      : null,
    publics: publicsOf(action),
    publics_precisions: publicsPrecisions(action),
    conditions_acces: null,
    frais: 'gratuit',
    frais_precisions:
      "Sans frais pour les participants : action financée par le programme départemental d'insertion.",
    modes_accueil: withPlace ? ['en-presentiel'] : null,
    zone_eligibilite: zone.length ? zone : [department.code],
    volume_horaire_hebdomadaire: action.weeklyHours,
    nombre_semaines: action.weeks,
    mobilisable_par: ['professionnels'],
    modes_mobilisation: null,
    mobilisation_precisions: 'Sur prescription du référent de parcours (fiche de liaison).',
    lien_mobilisation: null,
    contact_nom_prenom: null,
    courriel: lead ? emailOrNull(lead.email) : null,
    telephone: lead ? phoneOrNull(lead.phone) : null,
    horaires_accueil: null,
    adresse: null,
    complement_adresse: null,
    code_postal: null,
    code_insee: null,
    commune: null,
    latitude: null,
    longitude: null,
    lien_source: null,
  };
}

/** The whole export: services of the actions not annulée, the structures they name, sorted by id. */
export function mapDataInclusion(
  actions: readonly OpenDataActionRow[],
  structures: readonly OpenDataStructureRow[],
  department: OpenDataDepartment,
  dateOf: DateOf = isoDay,
): DataInclusionExport {
  const byStructure = new Map(structures.map((s) => [s.id, s]));
  const services: DataInclusionService[] = [];
  const used = new Map<string, DataInclusionStructure>();
  let departmentDate: string | null = null;
  for (const action of actions) {
    if (action.status === 'annulee') continue;
    const operators = action.operatorIds
      .map((id) => byStructure.get(id))
      .filter((s): s is OpenDataStructureRow => s !== undefined);
    const service = mapService(action, operators, department, dateOf);
    services.push(service);
    for (const o of operators) if (!used.has(o.id)) used.set(o.id, mapStructure(o, department, dateOf));
    if (operators.length === 0 && (departmentDate === null || service.date_maj > departmentDate))
      departmentDate = service.date_maj;
  }
  const out = [...used.values()];
  if (departmentDate) out.push(departmentStructure(department, departmentDate));
  return { structures: out.sort(byId), services: services.sort(byId) };
}

/** The bytes of a file of the export: the same rows give the same bytes. */
export const exportJson = (items: readonly object[]) => `${JSON.stringify(items, null, 2)}\n`;
