import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import { analyzeAfterBulk, HISTORY_TABLES } from '../../../platform/db/analyze';
import { parisToday } from '../../../platform/time';
import { type HistoryKind, historyKinds, type Numbered, parseLine } from '../domain/lines';
import { type Collected, emptyCollected, type Plan } from '../domain/plan';
import { emptyCounts, type HistoryReport, REJECTED_LINES_KEPT, type RejectedLine } from '../domain/report';
import {
  appliedRunWithHash,
  identitiesOf,
  loadSnapshot,
  openMembersOf,
  otherSourceRightsStart,
  personsByExternalId,
  personsByNir,
  type Snapshot,
} from '../infra/history-repo';
import { writePlan } from '../infra/history-writer';
import { ndjsonLines } from '../infra/ndjson-reader';
import { summaryMessage } from './format-report';
import { type RejectDetail, resolveReferences } from './resolve';

export type { HistoryReport, HistoryRun, KindCounts, RejectedLine } from '../domain/report';
export { parisToday };

export interface HistoryImportActor {
  accountId: string;
  role: string;
  departmentCode: string;
}

export interface ImportHistoryOptions {
  fileName: string;
  /** null for the command line. */
  actor: HistoryImportActor | null;
  /** Apply the valid lines even when some are rejected (default: all or nothing). */
  applyValidLines?: boolean;
  request?: { ip: string; id: string } | null;
}

const isKind = (k: string | null): k is HistoryKind =>
  k !== null && (historyKinds as readonly string[]).includes(k);

/**
 * Imports a history file (shared/formats/history.md).
 *
 * Pass 1 streams the file line by line, hashing it and checking each line on its own; the valid
 * lines are kept in memory (about 0.5 KB each: a few million lines fit in a default Node heap).
 * Pass 2 checks references (lines may come in any order) and, unless a line is rejected and
 * `applyValidLines` is off, writes everything in one transaction. A file already applied (same
 * sha256) changes nothing. Every run is recorded in `history_import_run`.
 */
export async function importHistory(
  ctx: AppContext,
  input: Readable | AsyncIterable<Buffer | string>,
  opts: ImportHistoryOptions,
): Promise<HistoryReport> {
  const started = new Date();
  const dep = opts.actor?.departmentCode ?? ctx.config.departmentCode;
  const applyValidLines = opts.applyValidLines ?? false;
  const counts = emptyCounts();
  const rejected: RejectedLine[] = [];
  const reject = (line: number, kind: string | null, reason: string, more: RejectDetail = {}) => {
    if (isKind(kind)) {
      counts[kind].rejected++;
      if (more.conflict) counts[kind].conflict++;
    }
    rejected.push({
      line,
      kind,
      field: more.field ?? null,
      ...(more.conflict ? { code: 'conflict' as const } : {}),
      reason,
    });
  };

  // ---- Pass 1: each line on its own ---------------------------------------------------------------
  const reader = ndjsonLines(input as AsyncIterable<Buffer | string>);
  const collected: Collected = emptyCollected();
  let lines = 0;
  for await (const { line, text } of reader.lines) {
    lines++;
    const parsed = parseLine(text);
    if (parsed.ok) {
      const value = parsed.value as Numbered<typeof parsed.value>;
      value.line = line;
      counts[value.kind].read++;
      (collected[value.kind] as (typeof value)[]).push(value);
    } else {
      if (isKind(parsed.kind)) counts[parsed.kind].read++;
      if (parsed.kind === 'person' && parsed.id) collected.rejectedPersons.set(parsed.id, line);
      reject(line, parsed.kind, parsed.reason, { field: parsed.field ?? null });
    }
  }
  const contentHash = reader.digest();
  if (lines === 0) reject(0, null, 'fichier vide : aucune ligne à importer');

  const report = (status: HistoryReport['status'], extra: Partial<HistoryReport> = {}): HistoryReport => {
    const finished = new Date();
    const sorted = rejected.sort((a, b) => a.line - b.line);
    const r: HistoryReport = {
      runId: null,
      fileName: opts.fileName,
      contentHash,
      sizeBytes: reader.bytes(),
      status,
      message: '',
      applyValidLines,
      lines,
      counts,
      derived: {
        householdsCreated: 0,
        householdsUpdated: 0,
        rightsPeriods: 0,
        entrySpells: 0,
        timelineEvents: 0,
      },
      rejectedTotal: sorted.length,
      rejected: sorted.slice(0, REJECTED_LINES_KEPT),
      warnings: [],
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      previousRun: null,
      ...extra,
    };
    r.message = summaryMessage(r);
    return r;
  };

  const previous = await appliedRunWithHash(ctx.db, dep, contentHash);
  if (previous) {
    return report('already_imported', {
      previousRun: { id: previous.id, startedAt: new Date(previous.started_at).toISOString() },
    });
  }

  const run = await ctx.db
    .insertInto('history_import_run')
    .values({
      department_code: dep,
      file_name: opts.fileName,
      content_hash: contentHash,
      status: 'running',
      report: '{}',
      actor_account_id: opts.actor?.accountId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finish = async (r: HistoryReport) => {
    await ctx.db
      .updateTable('history_import_run')
      .set({ status: 'rejected', report: JSON.stringify(r), finished_at: new Date() })
      .where('id', '=', run.id)
      .execute();
    return r;
  };

  // ---- Pass 2 and writing, in one transaction -----------------------------------------------------
  let result: HistoryReport;
  try {
    result = await ctx.db.transaction().execute(async (trx) => {
      // One import at a time per département: the second one sees the first one's rows.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`history-import:${dep}`}))`.execute(trx);
      const again = await appliedRunWithHash(trx, dep, contentHash);
      if (again) {
        const previousRun = { id: again.id, startedAt: new Date(again.started_at).toISOString() };
        return report('already_imported', { runId: run.id, previousRun });
      }

      const snap: Snapshot = await loadSnapshot(trx, dep);
      const plan: Plan = await resolveReferences(
        collected,
        snap,
        {
          personsByExternalId: (ids) => personsByExternalId(trx, dep, ids),
          identitiesOf: (ids) => identitiesOf(trx, ids),
          openMembersOf: (claims) => openMembersOf(trx, dep, claims),
          personsByNir: (nirs) => personsByNir(trx, dep, nirs),
          otherSourceRightsStart: (ids) => otherSourceRightsStart(trx, ids),
        },
        reject,
      );
      // An empty file is refused even with applyValidLines: recording it would only block a real one.
      if (rejected.length > 0 && (!applyValidLines || lines === 0))
        return report('rejected', { runId: run.id });

      const outcome = await writePlan(trx, dep, plan, snap, parisToday(), counts);
      const applied = report('applied', {
        runId: run.id,
        derived: outcome.derived,
        warnings: outcome.warnings,
      });
      await trx
        .updateTable('history_import_run')
        .set({ status: 'applied', report: JSON.stringify(applied), finished_at: new Date() })
        .where('id', '=', run.id)
        .execute();
      await ctx.audit.record(
        {
          actor: opts.actor,
          departmentCode: dep,
          action: 'history.imported',
          targetType: 'history_import_run',
          targetId: run.id,
          details: {
            fileName: opts.fileName,
            contentHash,
            counts,
            derived: outcome.derived,
            rejectedLines: applied.rejectedTotal,
          },
          request: opts.request ?? null,
        },
        trx,
      );
      return applied;
    });
  } catch (err) {
    // Rolled back: nothing written. The run says why, and the caller gets the error.
    const reason = err instanceof Error ? err.message : String(err);
    await finish(
      report('rejected', {
        runId: run.id,
        warnings: [`Erreur pendant l’enregistrement, rien n’a été écrit : ${reason}`],
      }),
    );
    throw err;
  }
  if (result.status !== 'applied') await finish(result);
  else await analyzeAfterBulk(ctx.db, lines, HISTORY_TABLES);
  ctx.log.info(
    {
      runId: run.id,
      status: result.status,
      lines,
      rejected: result.rejectedTotal,
      durationMs: result.durationMs,
    },
    'history import',
  );
  return result;
}
