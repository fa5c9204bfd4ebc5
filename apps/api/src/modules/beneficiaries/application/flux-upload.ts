import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FluxImportQuery, FluxProgress } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { insertUploadRun, markRunFailed } from '../infra/flux-run-repo';
import { importFlux } from './import-flux';

type Progress = NonNullable<FluxProgress['progress']>;

/**
 * The flux uploads of this process. Embedded engine: the import's transaction holds the only
 * connection, so every route that reads the database (the session check first) waits for the end
 * of the file. The screen follows the progress through a capability URL answered from memory: a
 * random token per run, given only to the agent who sent the file, which reveals counts and
 * nothing else.
 */
export class FluxUploads {
  private readonly progress = new Map<string, Progress>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly ctx: AppContext) {}

  /** The progress of a run applied by this process, null once it is over (or elsewhere). */
  progressOfRun(runId: string): Progress | null {
    return this.progress.get(runId) ?? null;
  }

  /** What the capability URL answers. */
  progressOfToken(token: string): FluxProgress {
    const runId = this.tokens.get(token);
    if (!runId) throw notFound('Import');
    const p = this.progress.get(runId) ?? null;
    return { running: p !== null, progress: p };
  }

  /**
   * Streams the upload to a temporary file (never held in memory, refused past the size limit),
   * creates the run and applies the file after the answer: the screen polls the run.
   */
  async start(actor: RequestActor, request: RequestInfo, q: FluxImportQuery, stream: NodeJS.ReadableStream) {
    const { ctx } = this;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-flux-'));
    const file = path.join(dir, 'upload');
    let size = 0;
    const limit = ctx.config.fluxMaxBytes;
    const guard = new Transform({
      transform(chunk: Buffer, _e, cb) {
        size += chunk.length;
        if (size > limit)
          cb(
            new DomainError(
              'too_large',
              'PAYLOAD_TOO_LARGE',
              `Le fichier dépasse la taille maximale autorisée (${Math.round(limit / 1048576)} Mo). Rien n'a été importé.`,
            ),
          );
        else cb(null, chunk);
      },
    });
    try {
      await pipeline(stream, guard, fs.createWriteStream(file));
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    const runId = await insertUploadRun(ctx.db, {
      departmentCode: actor.departmentCode,
      fileName: q.fileName,
      format: q.format,
      sizeBytes: size,
      actorAccountId: actor.accountId,
    });
    this.progress.set(runId, { bytesRead: 0, totalBytes: size, households: 0 });
    const progressToken = randomBytes(24).toString('base64url');
    this.tokens.set(progressToken, runId);
    // Runs after the answer: the screen polls the run for progress and the report.
    void importFlux(ctx, {
      filePath: file,
      fileName: q.fileName,
      format: q.format,
      csv:
        q.format === 'csv'
          ? { natFlux: q.natFlux!, typeFlux: q.typeFlux!, createdOn: q.createdOn! }
          : undefined,
      actor,
      request,
      force: q.force === 'true',
      policy: q.policy ?? ctx.config.fluxPartialPolicy,
      runId,
      onProgress: (p) => this.progress.set(runId, p),
    })
      .catch(async (err) => {
        ctx.log.error({ err, runId }, 'flux import failed');
        await markRunFailed(ctx, runId).catch(() => undefined);
      })
      .finally(() => {
        this.progress.delete(runId);
        // Kept a little: the screen's last poll learns that the run is over.
        setTimeout(() => this.tokens.delete(progressToken), 60_000).unref();
        fs.rmSync(dir, { recursive: true, force: true });
      });
    return {
      runId,
      progressUrl: `/api/flux/progress/${progressToken}`,
      // The screen tells the agent that other work waits for the end of the file.
      embedded: ctx.engine === 'pglite',
    };
  }
}
