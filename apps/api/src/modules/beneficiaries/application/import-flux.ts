import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type FluxReport, plural } from '@parcours/contracts';
import { sql } from 'kysely';
import type { AuditActor } from '../../../platform/audit/audit';
import type { AppContext } from '../../../platform/context';
import { analyzeAfterBulk } from '../../../platform/db/analyze';
import type { FluxFormat, FluxHeader, FluxHousehold, FluxParseSummary } from '../domain/flux';
import { parseFluxCsv } from '../infra/flux/csv-parser';
import { isFileLevelFluxError } from '../infra/flux/parse-report';
import { parseFluxXml } from '../infra/flux/xml-parser';
import {
  appliedRunWithHash,
  appliedRunWithHeader,
  finishRun,
  insertRun,
  lockRun,
  newerAppliedRun,
  setRunFile,
} from '../infra/flux-run-repo';
import { applyContactBatch, applyHouseholdBatch, emptyStats, finishComposition } from './apply-flux';

export interface CsvFluxArgs {
  natFlux: 'D' | 'I';
  typeFlux: 'I' | 'M' | 'R';
  createdOn: string;
  application?: string | null;
}

export interface ImportFluxOptions {
  filePath: string;
  fileName: string;
  format: FluxFormat;
  csv?: CsvFluxArgs;
  actor: AuditActor | null;
  request?: { ip: string; id: string } | null;
  /** Apply a file older than the last applied one, or one already applied under another name. */
  force?: boolean;
  /** 'reject' (default): any rejected household rejects the file. 'apply-valid': apply the others. */
  policy?: 'reject' | 'apply-valid';
  /** A run created beforehand (upload screen), else one is created. */
  runId?: string;
  /** Called as households are applied: bytes of the file behind them, households applied. */
  onProgress?: (p: { bytesRead: number; totalBytes: number; households: number }) => void;
}

/** Households per set-based batch: fewer round trips and plans, bounded memory (~2 batches held). */
const BATCH = 1000;
/**
 * On the embedded engine every statement runs on the Node thread and the transaction holds the
 * only connection: smaller batches, and a turn of the event loop after each, so that the
 * progress is reported (and served) as households are applied rather than at the end.
 */
const BATCH_EMBEDDED = 100;

class Rejected extends Error {}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function parserFor(
  opts: ImportFluxOptions,
  input: NodeJS.ReadableStream,
): AsyncGenerator<FluxHousehold, FluxParseSummary> {
  if (opts.format === 'csv') {
    if (!opts.csv) throw new Error('csv args missing');
    return parseFluxCsv(input as never, opts.csv as never) as AsyncGenerator<FluxHousehold, FluxParseSummary>;
  }
  return parseFluxXml(input as never) as AsyncGenerator<FluxHousehold, FluxParseSummary>;
}

/** The header of an XML file, read from its first bytes without parsing the rest. */
async function peekXmlHeader(filePath: string): Promise<FluxHeader | null> {
  const gen = parseFluxXml(
    fs.createReadStream(filePath, { start: 0, end: 64 * 1024 - 1 }) as never,
  ) as AsyncGenerator<FluxHousehold, FluxParseSummary>;
  let r = await gen.next();
  while (!r.done) r = await gen.next();
  return r.value.header;
}

/**
 * Imports one CAF/MSA file: one transaction, idempotent (content hash), in creation order, with a
 * stored report. A rejected file leaves the database exactly as it was.
 */
export async function importFlux(ctx: AppContext, opts: ImportFluxOptions): Promise<FluxReport> {
  const started = Date.now();
  const departmentCode = opts.actor?.departmentCode ?? ctx.config.departmentCode;
  const totalBytes = fs.statSync(opts.filePath).size;
  const contentHash = await hashFile(opts.filePath);
  const runId =
    opts.runId ??
    (await insertRun(ctx.db, {
      departmentCode,
      fileName: opts.fileName,
      format: opts.format,
      contentHash,
      sizeBytes: totalBytes,
      actorAccountId: opts.actor?.accountId ?? null,
    }));
  // A run created by the upload screen learns its hash only now.
  if (opts.runId) await setRunFile(ctx.db, runId, contentHash, totalBytes);

  const stats = emptyStats();
  let header: FluxHeader | null = null;
  let summary: FluxParseSummary | null = null;
  const report = (status: FluxReport['status'], message: string): FluxReport => ({
    runId,
    fileName: opts.fileName,
    format: opts.format,
    status,
    message,
    contentHash,
    header: header && {
      application: header.application,
      natFlux: header.natFlux,
      typeFlux: header.typeFlux,
      createdOn: header.createdOn,
      createdAtTime: header.createdAtTime,
    },
    households: stats.households,
    persons: stats.persons,
    newEntrants: stats.newEntrants,
    newEntrantSamples: stats.newEntrantSamples,
    franceTravailPending: stats.franceTravailPending,
    duplicatesSuspected: stats.duplicatesSuspected,
    contacts: stats.contacts,
    coordinateConflicts: stats.coordinateConflicts,
    members: stats.members,
    identityConflicts: stats.identityConflicts,
    identityConflictCount: stats.identityConflictCount,
    rejected: [...(summary?.errors ?? []), ...stats.errors].slice(0, 1000),
    rejectedCount: (summary?.errors.length ?? 0) + stats.errors.length,
    partialApplyAllowed:
      status === 'rejected' &&
      header !== null &&
      (summary?.errors.length ?? 0) + stats.errors.length > 0 &&
      !(summary?.errors ?? []).some(isFileLevelFluxError),
    anomalies: stats.anomalies,
    skippedElements: summary?.skippedElements ?? {},
    durationMs: Date.now() - started,
  });

  const finish = async (r: FluxReport) => {
    await finishRun(ctx.db, runId, r, header);
    await ctx.audit.record({
      actor: opts.actor,
      departmentCode,
      action: `flux.${r.status}`,
      targetType: 'flux_run',
      targetId: runId,
      details: {
        fileName: opts.fileName,
        households: r.households,
        newEntrants: r.newEntrants,
        rejected: r.rejectedCount,
      },
      request: opts.request ?? null,
    });
    return r;
  };

  const already = await appliedRunWithHash(ctx.db, departmentCode, contentHash);
  if (already) {
    const when = already.finished_at
      ? new Date(already.finished_at).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })
      : '';
    return finish(
      report(
        'duplicate',
        `Ce fichier a déjà été importé (${already.file_name}, le ${when}) : rien n'a changé.`,
      ),
    );
  }

  header =
    opts.format === 'csv' && opts.csv
      ? {
          application: opts.csv.application ?? null,
          natFlux: opts.csv.natFlux,
          typeFlux: opts.csv.typeFlux,
          createdOn: opts.csv.createdOn,
          createdAtTime: '00:00:00',
          referenceDate: null,
        }
      : await peekXmlHeader(opts.filePath);

  if (header && !opts.force) {
    const sameIdentity = await appliedRunWithHeader(ctx.db, departmentCode, header);
    if (sameIdentity) {
      // The content differs (same content was caught above): two files cannot both be the
      // CAF's statement of that moment, and dropping this one silently would lose its facts.
      const applied = sameIdentity.finished_at
        ? new Date(sameIdentity.finished_at).toLocaleString('fr-FR', {
            timeZone: 'Europe/Paris',
            dateStyle: 'short',
            timeStyle: 'short',
          })
        : '';
      return finish(
        report(
          'rejected',
          `Import refusé : un autre fichier de même en-tête (flux ${header.natFlux}/${header.typeFlux} créé le ${header.createdOn} à ${header.createdAtTime}) a déjà été appliqué — ${sameIdentity.file_name}, appliqué le ${applied} — et son contenu est différent. Rien n'a été appliqué. Demandez à la CAF quel fichier fait foi ; forcez l'import seulement s'il complète le premier.`,
        ),
      );
    }
    const newer = await newerAppliedRun(ctx.db, departmentCode, header);
    if (newer) {
      return finish(
        report(
          'rejected',
          `Ce flux du ${header.createdOn} est plus ancien que le dernier flux appliqué (${newer.file_name}, du ${newer.flux_created_on}) : import refusé, rien n'a été appliqué. Les flux s'appliquent dans l'ordre de création ; forcez l'import s'il le faut vraiment.`,
        ),
      );
    }
  }

  let bytesRead = 0;
  let households = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytesRead += chunk.length;
      cb(null, chunk);
    },
  });
  const input = fs.createReadStream(opts.filePath).pipe(counter);
  const policy = opts.policy ?? 'reject';
  const embedded = ctx.engine === 'pglite';
  const batchSize = embedded ? BATCH_EMBEDDED : BATCH;
  let applied = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Held until the end: a start of another instance sees the run alive (markInterruptedRuns).
      await lockRun(trx, runId);
      const date = header?.createdOn;
      let analyzeAt = 2000;
      const leavers = new Map<string, string>();
      const apply = async (batch: FluxHousehold[], bytesAtCut: number) => {
        if (!date || batch.length === 0) return;
        const c = { trx, departmentCode, date, runId, stats, leavers };
        if (header?.natFlux === 'I') await applyContactBatch(c, batch);
        else await applyHouseholdBatch(c, batch);
        applied += batch.length;
        opts.onProgress?.({ bytesRead: bytesAtCut, totalBytes, households: applied });
        if (embedded) await yieldToEventLoop();
        if (stats.households.created >= analyzeAt) {
          // A file that fills (nearly) empty tables: without fresh statistics the planner takes
          // them for tiny and matches each batch by scanning every household (most of the time
          // of a first import of 2 million persons). ANALYZE in the transaction sees its rows.
          analyzeAt *= 4;
          await sql`ANALYZE household, person`.execute(trx);
        }
      };
      // The next batch is parsed while the database applies the previous one (two cores at work);
      // batches still reach the transaction one at a time, in file order.
      let applying: Promise<void> = Promise.resolve();
      const enqueue = async (next: FluxHousehold[]) => {
        await applying;
        applying = apply(next, bytesRead);
        applying.catch(() => {}); // awaited by the next enqueue or below
      };
      const gen = parserFor(opts, input);
      let batch: FluxHousehold[] = [];
      let r: IteratorResult<FluxHousehold, FluxParseSummary>;
      try {
        r = await gen.next();
        while (!r.done) {
          batch.push(r.value);
          households++;
          if (batch.length >= batchSize) {
            await enqueue(batch);
            batch = [];
          }
          r = await gen.next();
        }
        await enqueue(batch);
      } finally {
        await applying.catch(() => {});
      }
      await applying;
      summary = r.value;
      header = summary.header ?? header;
      if (date && header?.natFlux === 'D') {
        await finishComposition({ trx, departmentCode, date, runId, stats, leavers });
      }
      opts.onProgress?.({ bytesRead: totalBytes, totalBytes, households });
      // Every error of the file, found in one pass: the parser's and the households refused when
      // applying; the transaction makes "checked whole before anything is applied" hold.
      const errors = [...summary.errors, ...stats.errors];
      if (!summary.header) throw new Rejected('En-tête du flux (IdentificationFlux) absent ou invalide.');
      if (errors.length > 0 && (policy === 'reject' || errors.some(isFileLevelFluxError))) {
        throw new Rejected(
          `${errors.length} erreur(s) : le fichier est rejeté en entier, rien n'a été appliqué.`,
        );
      }
    });
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    // Nothing applied: no counts, but the errors and identity conflicts stay in the report.
    const { errors, identityConflicts, identityConflictCount } = stats;
    Object.assign(stats, emptyStats(), { errors, identityConflicts, identityConflictCount });
    return finish(report('rejected', err.message));
  }
  await analyzeAfterBulk(ctx.db, households);
  if (households >= 1000) {
    // The search dictionary (ADR 0008): statistics tell common names from rare ones, and a vacuum
    // marks the new pages all-visible so that searches read its index alone (autovacuum would do
    // the same, minutes later).
    await sql`VACUUM (ANALYZE) person_name_token, name_token`.execute(ctx.db);
  }
  const rejected = ((summary as FluxParseSummary | null)?.errors.length ?? 0) + stats.errors.length;
  return finish(
    report(
      'applied',
      rejected > 0
        ? `Fichier appliqué sauf ${plural(rejected, 'enregistrement rejeté', 'enregistrements rejetés')} (voir la liste).`
        : `Fichier appliqué : ${plural(stats.households.created + stats.households.updated, 'foyer créé ou mis à jour', 'foyers créés ou mis à jour')}, ${plural(stats.newEntrants, 'nouvel entrant', 'nouveaux entrants')}.${
            stats.identityConflictCount > 0
              ? ` ${plural(stats.identityConflictCount, "conflit d'identité", "conflits d'identité")} : lignes enregistrées à part, à examiner dans « Doublons ».`
              : ''
          }`,
    ),
  );
}
