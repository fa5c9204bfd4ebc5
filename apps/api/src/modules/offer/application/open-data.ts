import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../../platform/context';
import { unprocessable } from '../../../platform/errors';
import { parisDate } from '../../../platform/time';
import { type DataInclusionExport, exportJson, mapDataInclusion } from '../domain/open-data';
import { readOpenDataRows } from '../infra/open-data-repo';
import { validateDataInclusion } from '../infra/open-data-schemas';

/** The two files of the export, as served and as written: the same bytes. */
export interface DataInclusionFiles extends DataInclusionExport {
  structuresJson: string;
  servicesJson: string;
}

export const DATA_INCLUSION_FILES = ['structures.json', 'services.json'] as const;

/** At most this many problems are named in the refusal. */
const SHOWN_PROBLEMS = 10;

/**
 * Refuses an export with an item out of the data·inclusion schemas: a French message and the
 * first problems as fields ("services[3] (cd13--1-2)" : "/nom : au moins 3 caractères attendus").
 */
export function assertValidExport(data: DataInclusionExport): void {
  const problems = [
    ...validateDataInclusion('structure', data.structures),
    ...validateDataInclusion('service', data.services),
  ];
  if (problems.length === 0) return;
  const more = problems.length > SHOWN_PROBLEMS ? ` ; les ${SHOWN_PROBLEMS} premiers :` : ' :';
  throw unprocessable(
    `Export data·inclusion refusé : ${problems.length} problème(s) au regard du schéma data·inclusion 1.0.8, rien n’a été écrit${more}`,
    'VALIDATION_ERROR',
    problems.slice(0, SHOWN_PROBLEMS).map((p) => ({ path: p.item, code: 'invalid', message: p.message })),
  );
}

/**
 * The catalogue of the configured département as data·inclusion v1 arrays, validated against the
 * schemas: an item that does not validate stops the export (nothing is written nor served).
 * Public data only (see domain/open-data.ts): no actor, nothing to audit.
 */
export async function buildDataInclusionExport(ctx: AppContext): Promise<DataInclusionFiles> {
  const departmentCode = ctx.config.departmentCode;
  const rows = await readOpenDataRows(ctx.db, departmentCode);
  const data = mapDataInclusion(rows.actions, rows.structures, rows.department, parisDate);
  assertValidExport(data);
  return { ...data, structuresJson: exportJson(data.structures), servicesJson: exportJson(data.services) };
}

/** Writes DIR/structures.json and DIR/services.json (the directory is created if needed). */
export async function writeDataInclusionExport(
  ctx: AppContext,
  dir: string,
): Promise<{ structures: number; services: number; files: string[] }> {
  const files = await buildDataInclusionExport(ctx);
  fs.mkdirSync(dir, { recursive: true });
  const written = DATA_INCLUSION_FILES.map((name) => path.join(dir, name));
  fs.writeFileSync(written[0]!, files.structuresJson, 'utf8');
  fs.writeFileSync(written[1]!, files.servicesJson, 'utf8');
  return { structures: files.structures.length, services: files.services.length, files: written };
}
