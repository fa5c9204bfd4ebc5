import os from 'node:os';
import type { FluxReport } from '@parcours/contracts';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { FluxHeader } from '../domain/flux';

/** The run of an upload, created before the file is read so that the screen can follow it. */
export async function insertUploadRun(
  db: Db,
  run: {
    departmentCode: string;
    fileName: string;
    format: string;
    sizeBytes: number;
    actorAccountId: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('flux_run')
    .values({
      department_code: run.departmentCode,
      file_name: run.fileName,
      format: run.format,
      content_hash: '',
      size_bytes: run.sizeBytes,
      status: 'running',
      report: '{}',
      actor_account_id: run.actorAccountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A run whose import failed unexpectedly: rejected, nothing applied (its transaction rolled back). */
export async function markRunFailed(ctx: AppContext, runId: string): Promise<void> {
  await ctx.db
    .updateTable('flux_run')
    .set({
      status: 'rejected',
      finished_at: new Date(),
      report: JSON.stringify({ message: 'Erreur inattendue : rien n’a été appliqué.' }),
    })
    .where('id', '=', runId)
    .execute();
}

const runQuery = (db: Db) =>
  db
    .selectFrom('flux_run as r')
    .leftJoin('account as a', 'a.id', 'r.actor_account_id')
    .select([
      'r.id',
      'r.file_name',
      'r.status',
      'r.started_at',
      'r.finished_at',
      'r.report',
      'a.display_name',
    ]);
export type FluxRunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;

/** The latest runs of the département, newest first. */
export function latestRuns(db: Db, departmentCode: string, limit = 50): Promise<FluxRunRow[]> {
  return runQuery(db)
    .where('r.department_code', '=', departmentCode)
    .orderBy('r.started_at', 'desc')
    .limit(limit)
    .execute();
}

export function runById(db: Db, departmentCode: string, runId: string): Promise<FluxRunRow | undefined> {
  return runQuery(db)
    .where('r.id', '=', runId)
    .where('r.department_code', '=', departmentCode)
    .executeTakeFirst();
}

/** A run started by the command line (the upload screen creates its run beforehand). */
export async function insertRun(
  db: Db,
  run: {
    departmentCode: string;
    fileName: string;
    format: string;
    contentHash: string;
    sizeBytes: number;
    actorAccountId: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('flux_run')
    .values({
      department_code: run.departmentCode,
      file_name: run.fileName,
      format: run.format,
      content_hash: run.contentHash,
      size_bytes: run.sizeBytes,
      status: 'running',
      report: '{}',
      actor_account_id: run.actorAccountId,
      runner_host: os.hostname(),
      runner_pid: process.pid,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The file's hash and size, and the process that applies it (see markInterruptedFluxRuns). */
export async function setRunFile(db: Db, runId: string, contentHash: string, sizeBytes: number) {
  await db
    .updateTable('flux_run')
    .set({
      content_hash: contentHash,
      size_bytes: sizeBytes,
      runner_host: os.hostname(),
      runner_pid: process.pid,
    })
    .where('id', '=', runId)
    .execute();
}

/** Held until the end of the import's transaction: another instance sees the run alive. */
export async function lockRun(trx: Db, runId: string) {
  await sql`SELECT id FROM flux_run WHERE id = ${runId} FOR UPDATE`.execute(trx);
}

export async function finishRun(db: Db, runId: string, report: FluxReport, header: FluxHeader | null) {
  await db
    .updateTable('flux_run')
    .set({
      status: report.status,
      report: JSON.stringify(report),
      finished_at: new Date(),
      application: header?.application ?? null,
      nat_flux: header?.natFlux ?? null,
      type_flux: header?.typeFlux ?? null,
      flux_created_on: header?.createdOn ?? null,
      flux_created_time: header?.createdAtTime ?? null,
    })
    .where('id', '=', runId)
    .execute();
}

/** The applied run of the same content, if any (a file is applied once). */
export function appliedRunWithHash(db: Db, departmentCode: string, contentHash: string) {
  return db
    .selectFrom('flux_run')
    .select(['finished_at', 'file_name'])
    .where('department_code', '=', departmentCode)
    .where('content_hash', '=', contentHash)
    .where('status', '=', 'applied')
    .executeTakeFirst();
}

/** The applied run of a file with the same header (the CAF's statement of the same moment). */
export function appliedRunWithHeader(db: Db, departmentCode: string, header: FluxHeader) {
  return db
    .selectFrom('flux_run')
    .select(['file_name', 'finished_at'])
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'applied')
    .where('application', 'is not distinct from', header.application)
    .where('nat_flux', '=', header.natFlux)
    .where('type_flux', '=', header.typeFlux)
    .where('flux_created_on', '=', header.createdOn)
    .where('flux_created_time', '=', header.createdAtTime)
    .executeTakeFirst();
}

/** An applied run of the same kind created after this file (files apply in creation order). */
export function newerAppliedRun(db: Db, departmentCode: string, header: FluxHeader) {
  return db
    .selectFrom('flux_run')
    .select(['file_name', 'flux_created_on', 'flux_created_time'])
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'applied')
    .where('nat_flux', '=', header.natFlux)
    .where(
      sql<boolean>`(flux_created_on, flux_created_time) > (${header.createdOn}::date, ${header.createdAtTime})`,
    )
    .orderBy('flux_created_on', 'desc')
    .executeTakeFirst();
}
