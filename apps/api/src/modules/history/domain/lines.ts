import { type HistoryKind, historyKinds } from '@parcours/contracts';
import { z } from 'zod';

/**
 * The lines of a history file (shared/formats/history.md), one Zod schema per `kind`.
 * Unknown fields are stripped (z.object default); every message is French because it ends up in
 * the report an administrator reads.
 */

/** The kinds are shared with the web (the report counts them): they live in the contracts. */
export { type HistoryKind, historyKinds };

export const bodyTypes = [
  'france-travail',
  'mds',
  'lieu-accueil',
  'ccas',
  'plie',
  'mission-locale',
  'cap-emploi',
  'operator',
  'medical-team',
] as const;
export type BodyType = (typeof bodyTypes)[number];

/** The file's body types → `structure.kind` (contracts' StructureKind). */
export const structureKindOfBodyType: Record<BodyType, string> = {
  'france-travail': 'france_travail',
  mds: 'mds',
  'lieu-accueil': 'lieu_accueil',
  ccas: 'ccas',
  plie: 'plie',
  'mission-locale': 'mission_locale',
  'cap-emploi': 'cap_emploi',
  operator: 'operator',
  'medical-team': 'medical_team',
};

export const householdRoles = ['DEM', 'CJT', 'ENF', 'AUT'] as const;
export const pathways = ['professional', 'socio-professional', 'social'] as const;
export const programmes = ['accompagnement-global', 'garantie-activite-departementale'] as const;
export const appointmentPurposes = ['orientation', 'accompaniment', 'contract', 'other'] as const;
export const appointmentStatuses = ['planned', 'seen', 'noshow', 'excused', 'cancelled'] as const;
export const hoursRegimes = ['standard', 'reduced', 'exempt'] as const;

/** A real calendar date 'YYYY-MM-DD' (2026-02-31 is not), within a sane range. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const DATE_MESSAGE = 'date invalide (date réelle au format AAAA-MM-JJ attendue)';

// Source systems often export numeric ids: accept them, keep them as text.
const id = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .refine((v) => v.length > 0 && v.length <= 100, {
    message: 'identifiant vide ou trop long (100 caractères au plus)',
  });
const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, { message: 'valeur vide' })
    .max(max, { message: `texte trop long (${max} caractères au plus)` });
const date = z.string().refine(isRealDate, { message: DATE_MESSAGE });
const optionalDate = date.nullish().transform((v) => v ?? null);
const insee = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { message: 'code INSEE invalide (5 caractères)' });

const NIR_SHAPE = /^[1-478][0-9]{2}(0[1-9]|1[0-2]|[2-9][0-9])([0-9]{2}|2A|2B)[0-9]{6}$/;

/**
 * A NIR as Parcours stores it: 13 characters. 15 characters are accepted when the key checks
 * (97 − number mod 97, with 2A → 19 and 2B → 18 for the computation; caf-flux.md).
 * Returns null when invalid.
 */
export function normalizeNir(raw: string): string | null {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  const body = value.slice(0, 13);
  if (!NIR_SHAPE.test(body)) return null;
  if (value.length === 13) return body;
  if (value.length !== 15 || !/^[0-9]{2}$/.test(value.slice(13))) return null;
  const numeric = body.replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(numeric) % 97n);
  return key === BigInt(value.slice(13)) ? body : null;
}

const nir = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === '') return null;
    const normalized = normalizeNir(v);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: 'NIR invalide (13 caractères, ou 15 avec une clé exacte)',
      });
      return z.NEVER;
    }
    return normalized;
  });

const kindField = <K extends HistoryKind>(k: K) => z.literal(k);

export const hubLineSchema = z.object({
  kind: kindField('hub'),
  id,
  name: text(),
  communes: z.array(insee),
});

export const bodyLineSchema = z.object({
  kind: kindField('body'),
  id,
  name: text(),
  type: z.enum(bodyTypes),
  hub: id,
});

export const referentLineSchema = z
  .object({
    kind: kindField('referent'),
    id,
    bodyId: id,
    lastName: text(),
    firstName: text(),
    globalSupportPair: z.boolean(),
    activeFrom: date,
    activeTo: optionalDate,
  })
  .refine((r) => r.activeTo === null || r.activeTo >= r.activeFrom, {
    message: 'la fin d’activité précède son début',
    path: ['activeTo'],
  });

export const personLineSchema = z.object({
  kind: kindField('person'),
  id,
  householdNumber: id,
  role: z.enum(householdRoles),
  nir,
  birthName: text(),
  lastName: text()
    .nullish()
    .transform((v) => v ?? null),
  firstName: text(),
  birthDate: date,
  sex: z.enum(['F', 'M']),
  commune: insee,
});

export const rightsLineSchema = z.object({
  kind: kindField('rights'),
  personId: id,
  date,
  status: z.enum(['open', 'closed']),
  subjectToDuties: z.boolean(),
});

export const orientationLineSchema = z.object({
  kind: kindField('orientation'),
  personId: id,
  date,
  pathway: z.enum(pathways),
  bodyId: id,
  programme: z
    .enum(programmes)
    .nullish()
    .transform((v) => v ?? null),
});

export const referentAssignmentLineSchema = z
  .object({
    kind: kindField('referentAssignment'),
    personId: id,
    referentId: id,
    from: date,
    to: optionalDate,
  })
  .refine((r) => r.to === null || r.to >= r.from, {
    message: 'la fin de l’affectation précède son début',
    path: ['to'],
  });

export const appointmentLineSchema = z.object({
  kind: kindField('appointment'),
  personId: id,
  date,
  bodyId: id,
  purpose: z.enum(appointmentPurposes),
  status: z.enum(appointmentStatuses),
});

export const contractLineSchema = z
  .object({
    kind: kindField('contract'),
    personId: id,
    signedOn: date,
    start: date,
    end: date,
    weeklyHours: z
      .number({ message: 'nombre attendu' })
      .min(0, { message: 'nombre d’heures négatif' })
      .max(48, { message: 'plus de 48 heures par semaine' }),
    hoursRegime: z.enum(hoursRegimes),
  })
  .refine((c) => c.end >= c.start, { message: 'la fin du contrat précède son début', path: ['end'] });

export const lineSchemas = {
  hub: hubLineSchema,
  body: bodyLineSchema,
  referent: referentLineSchema,
  person: personLineSchema,
  rights: rightsLineSchema,
  orientation: orientationLineSchema,
  referentAssignment: referentAssignmentLineSchema,
  appointment: appointmentLineSchema,
  contract: contractLineSchema,
} as const;

export type HubLine = z.infer<typeof hubLineSchema>;
export type BodyLine = z.infer<typeof bodyLineSchema>;
export type ReferentLine = z.infer<typeof referentLineSchema>;
export type PersonLine = z.infer<typeof personLineSchema>;
export type RightsLine = z.infer<typeof rightsLineSchema>;
export type OrientationLine = z.infer<typeof orientationLineSchema>;
export type ReferentAssignmentLine = z.infer<typeof referentAssignmentLineSchema>;
export type AppointmentLine = z.infer<typeof appointmentLineSchema>;
export type ContractLine = z.infer<typeof contractLineSchema>;
export type HistoryLine =
  | HubLine
  | BodyLine
  | ReferentLine
  | PersonLine
  | RightsLine
  | OrientationLine
  | ReferentAssignmentLine
  | AppointmentLine
  | ContractLine;

/** A valid line with its place in the file (1-based), for the report. */
export type Numbered<T> = T & { line: number };

export type ParseResult =
  | { ok: true; value: HistoryLine }
  /** `id`: the line's own id when readable, so lines pointing at a rejected person follow it. */
  | { ok: false; kind: string | null; reason: string; id?: string; field?: string | null };

const isKind = (k: unknown): k is HistoryKind =>
  typeof k === 'string' && (historyKinds as readonly string[]).includes(k);

const expectedLabel: Record<string, string> = {
  string: 'texte',
  number: 'nombre',
  boolean: 'booléen (true ou false)',
  array: 'liste',
  object: 'objet',
};

const show = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** One French sentence per Zod issue: « field » : what is wrong. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  const at = field ? `« ${field} » : ` : '';
  // A NIR is not repeated in a report that is stored and shown.
  const value = (v: unknown) => (field === 'nir' ? 'masqué' : show(v));
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return field ? `champ « ${field} » manquant` : 'valeur manquante';
      if (issue.input === null) return `${at}valeur obligatoire (null refusé)`;
      return `${at}${expectedLabel[issue.expected] ?? issue.expected} attendu, reçu « ${value(issue.input)} »`;
    case 'invalid_value':
      return `${at}valeur « ${value(issue.input)} » invalide (valeurs admises : ${issue.values.map(String).join(', ')})`;
    case 'invalid_union':
      return `${at}valeur « ${value(issue.input)} » invalide`;
    case 'invalid_format':
      return `${at}${issue.message}`;
    default: {
      const shown = issue.input !== undefined && typeof issue.input !== 'object' && field !== 'nir';
      return `${at}${issue.message}${shown ? ` (« ${show(issue.input)} »)` : ''}`;
    }
  }
}

/** Parses one text line of the file. Never throws. */
export function parseLine(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, kind: null, reason: 'ligne illisible : JSON invalide' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, kind: null, reason: 'ligne illisible : un objet JSON est attendu' };
  }
  const kind = (raw as { kind?: unknown }).kind;
  if (kind === undefined || kind === null)
    return { ok: false, kind: null, reason: 'champ « kind » manquant', field: 'kind' };
  if (!isKind(kind)) {
    return {
      ok: false,
      kind: typeof kind === 'string' ? kind : null,
      field: 'kind',
      reason: `type de ligne inconnu : « ${show(kind)} » (attendus : ${historyKinds.join(', ')})`,
    };
  }
  const parsed = lineSchemas[kind].safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.slice(0, 3).map(describeIssue);
  if (parsed.error.issues.length > 3) reasons.push(`et ${parsed.error.issues.length - 3} autre(s) erreur(s)`);
  const ownId = (raw as { id?: unknown }).id;
  const firstPath = parsed.error.issues[0]?.path ?? [];
  return {
    ok: false,
    kind,
    reason: reasons.join(' ; '),
    field: firstPath.length ? firstPath.map(String).join('.') : null,
    ...(typeof ownId === 'string' || typeof ownId === 'number' ? { id: String(ownId).trim() } : {}),
  };
}
