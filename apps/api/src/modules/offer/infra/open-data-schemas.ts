import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The data·inclusion v1 JSON Schemas (1.0.8, Licence Ouverte 2.0, gip-inclusion/data-inclusion-schema),
 * copied in apps/api/data/data-inclusion-v1/ so the repository works on its own. They declare no
 * `$schema`: draft-07, Ajv's default. Formats (date, email, uri) through ajv-formats.
 */
export const DATA_INCLUSION_SCHEMA_DIR = path.resolve(
  import.meta.dirname,
  '../../../../data/data-inclusion-v1',
);

export type DataInclusionKind = 'structure' | 'service';

let validators: Record<DataInclusionKind, ValidateFunction> | null = null;

function compile(): Record<DataInclusionKind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const load = (kind: DataInclusionKind) =>
    ajv.compile(
      JSON.parse(fs.readFileSync(path.join(DATA_INCLUSION_SCHEMA_DIR, `${kind}.schema.json`), 'utf8')),
    );
  return { structure: load('structure'), service: load('service') };
}

/** Problems of one item, in French: "services[3] (cd13--1-2) : /nom doit contenir au moins 3 caractères". */
export interface SchemaProblem {
  item: string;
  message: string;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${at} : champ obligatoire absent (${String(p.missingProperty)})`;
    case 'minLength':
      return `${at} : au moins ${String(p.limit)} caractères attendus`;
    case 'maxLength':
      return `${at} : au plus ${String(p.limit)} caractères attendus`;
    case 'enum':
      return `${at} : valeur hors du vocabulaire data·inclusion`;
    case 'format':
      return `${at} : format ${String(p.format)} invalide`;
    case 'pattern':
      return `${at} : valeur invalide (motif ${String(p.pattern)})`;
    case 'type':
      return `${at} : type ${String(p.type)} attendu`;
    default:
      return `${at} : ${e.message ?? 'invalide'} (${e.keyword})`;
  }
}

/** Validates every item against its schema; the problems found (empty: valid). */
export function validateDataInclusion(kind: DataInclusionKind, items: readonly unknown[]): SchemaProblem[] {
  validators ??= compile();
  const validate = validators[kind];
  const problems: SchemaProblem[] = [];
  items.forEach((item, i) => {
    if (validate(item)) return;
    const id = (item as { id?: unknown })?.id;
    const label = `${kind === 'structure' ? 'structures' : 'services'}[${i}]${typeof id === 'string' ? ` (${id})` : ''}`;
    // anyOf branches repeat the same fault: one line per distinct message.
    for (const message of new Set((validate.errors ?? []).map(describe)))
      problems.push({ item: label, message });
  });
  return problems;
}
