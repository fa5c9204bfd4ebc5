import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  calendarDate,
  duplicateDecisionSchema,
  duplicateSuspectSchema,
  type FluxReport,
  type FluxRun,
  fluxRunSchema,
  ftBatchSchema,
  personFileSchema,
  personSearchQuerySchema,
  personSummarySchema,
} from '@parcours/contracts';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { auditPersonList } from '../../../platform/audit/list-read';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { decideDuplicate, listDuplicates } from '../application/duplicates';
import { createBatch, exportBatchCsv, importAcknowledgement } from '../application/france-travail';
import { importFlux } from '../application/import-flux';
import { getPersonFile } from '../application/person-file';
import { searchPersons } from '../application/search';

const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });

const fluxImportQuery = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    format: z.enum(['xml', 'csv']).optional(),
    natFlux: z.enum(['D', 'I']).optional(),
    typeFlux: z.enum(['I', 'M', 'R']).optional(),
    createdOn: calendarDate.optional(),
    force: z.enum(['true', 'false']).optional(),
    /** 'apply-valid': apply the valid households of a file whose other households are refused. */
    policy: z.enum(['reject', 'apply-valid']).optional(),
  })
  .transform((q) => ({
    ...q,
    format: q.format ?? (q.fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xml'),
  }))
  .superRefine((q, ctx) => {
    if (q.format === 'csv') {
      for (const key of ['natFlux', 'typeFlux', 'createdOn'] as const) {
        if (!q[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'Obligatoire pour un fichier CSV.' });
      }
    }
  });

const ackReportSchema = z.object({
  lines: z.number(),
  registered: z.number(),
  rejected: z.number(),
  unknown: z.number(),
  unchanged: z.number(),
  repeated: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string().nullable(), reason: z.string() })),
  message: z.string(),
});

export async function registerBeneficiariesModule(app: TypedApp, ctx: AppContext) {
  const progress = new Map<string, { bytesRead: number; totalBytes: number; households: number }>();
  // Embedded engine: the import's transaction holds the only connection, so every route that reads
  // the database (the session check first) waits for the end of the file. The screen follows the
  // progress through a capability URL answered from memory: a random token per run, given only to
  // the agent who sent the file, which reveals counts and nothing else.
  const progressTokens = new Map<string, string>();

  // Uploads are streamed to a temporary file, never held in memory.
  app.addContentTypeParser(
    ['application/octet-stream', 'application/xml', 'text/xml'],
    (_req, payload, done) => done(null, payload),
  );
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/flux/imports',
    {
      config: { access: { permission: 'flux.import' } },
      schema: { tags: ['flux'], querystring: fluxImportQuery },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const q = req.query;
      const stream = req.body as NodeJS.ReadableStream | undefined;
      if (!stream || typeof (stream as NodeJS.ReadableStream).pipe !== 'function') {
        throw new DomainError(
          'invalid',
          'VALIDATION_ERROR',
          'Envoyez le fichier brut (Content-Type: application/octet-stream).',
        );
      }
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
      const run = await ctx.db
        .insertInto('flux_run')
        .values({
          department_code: actor.departmentCode,
          file_name: q.fileName,
          format: q.format,
          content_hash: '',
          size_bytes: size,
          status: 'running',
          report: '{}',
          actor_account_id: actor.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      progress.set(run.id, { bytesRead: 0, totalBytes: size, households: 0 });
      const progressToken = randomBytes(24).toString('base64url');
      progressTokens.set(progressToken, run.id);
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
        request: requestOf(req),
        force: q.force === 'true',
        policy: q.policy ?? ctx.config.fluxPartialPolicy,
        runId: run.id,
        onProgress: (p) => progress.set(run.id, p),
      })
        .catch(async (err) => {
          ctx.log.error({ err, runId: run.id }, 'flux import failed');
          await ctx.db
            .updateTable('flux_run')
            .set({
              status: 'rejected',
              finished_at: new Date(),
              report: JSON.stringify({ message: 'Erreur inattendue : rien n’a été appliqué.' }),
            })
            .where('id', '=', run.id)
            .execute()
            .catch(() => undefined);
        })
        .finally(() => {
          progress.delete(run.id);
          // Kept a little: the screen's last poll learns that the run is over.
          setTimeout(() => progressTokens.delete(progressToken), 60_000).unref();
          fs.rmSync(dir, { recursive: true, force: true });
        });
      return reply.status(202).send({
        runId: run.id,
        progressUrl: `/api/flux/progress/${progressToken}`,
        // The screen tells the agent that other work waits for the end of the file.
        embedded: ctx.engine === 'pglite',
      });
    },
  );

  app.get(
    '/api/flux/progress/:token',
    {
      config: {
        access: {
          public: true,
          reason:
            "progression d'un import (jeton aléatoire remis à l'agent qui l'a envoyé, aucune donnée personnelle) : doit répondre sans la base embarquée, occupée par l'import",
        },
      },
      schema: {
        tags: ['flux'],
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, { message: 'Jeton invalide.' }) }),
        response: {
          200: z.object({
            running: z.boolean(),
            progress: z
              .object({ bytesRead: z.number(), totalBytes: z.number(), households: z.number() })
              .nullable(),
          }),
        },
      },
    },
    async (req) => {
      const runId = progressTokens.get(req.params.token);
      if (!runId) throw notFound('Import');
      const p = progress.get(runId) ?? null;
      return { running: p !== null, progress: p };
    },
  );

  const runQuery = () =>
    ctx.db
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
  type RunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;
  const toRun = (r: RunRow) => {
    const report = r.report as Record<string, unknown> | null;
    return {
      id: r.id,
      fileName: r.file_name,
      status: r.status as FluxRun['status'],
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
      actorName: r.display_name,
      progress: r.status === 'running' ? (progress.get(r.id) ?? null) : null,
      report: report && 'runId' in report ? (report as never) : null,
    };
  };

  // A report names persons (new entrants, identity conflicts): showing it is a bulk read of them.
  // Reports naming nobody (a run in progress, polled by the screen) leave no trace.
  const auditFluxReports = async (req: FastifyRequest, runs: ReturnType<typeof toRun>[]) => {
    const ids = runs.flatMap((r) => {
      const report = r.report as FluxReport | null;
      return [
        ...(report?.newEntrantSamples ?? []).map((e) => e.personId),
        ...(report?.identityConflicts ?? []).map((c) => c.existing.personId),
      ];
    });
    if (ids.length === 0) return;
    await auditPersonList(
      ctx,
      req,
      'flux.report',
      runs.length === 1 ? { runId: runs[0]!.id } : { reports: runs.length },
      ids,
    );
  };

  app.get(
    '/api/flux/runs',
    {
      config: { access: { permission: 'flux.import' } },
      schema: { tags: ['flux'], response: { 200: z.object({ items: z.array(fluxRunSchema) }) } },
    },
    async (req) => {
      const rows = await runQuery()
        .where('r.department_code', '=', actorOf(req).departmentCode)
        .orderBy('r.started_at', 'desc')
        .limit(50)
        .execute();
      const items = rows.map(toRun);
      await auditFluxReports(req, items);
      return { items };
    },
  );

  app.get(
    '/api/flux/runs/:id',
    {
      config: { access: { permission: 'flux.import' } },
      schema: { tags: ['flux'], params: idParams, response: { 200: fluxRunSchema } },
    },
    async (req) => {
      const row = await runQuery()
        .where('r.id', '=', req.params.id)
        .where('r.department_code', '=', actorOf(req).departmentCode)
        .executeTakeFirst();
      if (!row) throw notFound('Import');
      const run = toRun(row);
      await auditFluxReports(req, [run]);
      return run;
    },
  );

  // ---- Persons ----------------------------------------------------------------------------------
  app.get(
    '/api/persons/search',
    {
      config: { access: { permission: 'person.search' } },
      schema: {
        tags: ['persons'],
        querystring: personSearchQuerySchema,
        response: { 200: z.object({ items: z.array(personSummarySchema) }) },
      },
    },
    async (req) => {
      const items = await searchPersons(ctx.db, actorOf(req), req.query.q, req.query.limit);
      await auditPersonList(
        ctx,
        req,
        'persons.search',
        { q: req.query.q },
        items.map((p) => p.id),
      );
      return { items };
    },
  );

  app.get(
    '/api/persons/:id',
    {
      config: { access: { permission: 'person.read' } },
      schema: { tags: ['persons'], params: idParams, response: { 200: personFileSchema } },
    },
    async (req) => getPersonFile(ctx, actorOf(req), req.params.id, requestOf(req)),
  );

  // ---- Duplicates -------------------------------------------------------------------------------
  app.get(
    '/api/duplicates',
    {
      config: { access: { permission: 'duplicates.review' } },
      schema: {
        tags: ['persons'],
        querystring: z.object({ status: z.enum(['open', 'linked', 'dismissed']).default('open') }),
        response: { 200: z.object({ items: z.array(duplicateSuspectSchema) }) },
      },
    },
    async (req) => {
      const items = await listDuplicates(ctx, actorOf(req), req.query.status);
      await auditPersonList(
        ctx,
        req,
        'duplicates',
        { status: req.query.status },
        items.flatMap((d) => d.persons.map((p) => p.id)),
      );
      return { items };
    },
  );

  app.post(
    '/api/duplicates/:id/decision',
    {
      config: { access: { permission: 'duplicates.review' } },
      schema: {
        tags: ['persons'],
        params: idParams,
        body: duplicateDecisionSchema,
        response: { 200: duplicateSuspectSchema },
      },
    },
    async (req) => decideDuplicate(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  // ---- France Travail registration ------------------------------------------------------------------
  const ft = { access: { permission: 'ft.manage' as const } };
  const registrationSchema = z.object({
    id: z.uuid(),
    personId: z.uuid(),
    name: z.string(),
    birthDate: z.string(),
    role: z.string().nullable(),
    entryDate: z.string(),
    state: z.enum(['pending', 'exported', 'registered', 'rejected']),
    ftIdentifier: z.string().nullable(),
    reason: z.string().nullable(),
    batchId: z.uuid().nullable(),
  });

  app.get(
    '/api/france-travail/registrations',
    {
      config: ft,
      schema: {
        tags: ['france-travail'],
        querystring: z.object({
          state: z.enum(['pending', 'exported', 'registered', 'rejected']).default('pending'),
        }),
        response: {
          200: z.object({
            items: z.array(registrationSchema),
            counts: z.object({
              pending: z.number(),
              exported: z.number(),
              registered: z.number(),
              rejected: z.number(),
            }),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await ctx.db
        .selectFrom('ft_registration as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .innerJoin('entry_spell as e', 'e.id', 'r.entry_spell_id')
        .select([
          'r.id',
          'r.person_id',
          'p.first_name',
          'p.usual_name',
          'p.birth_name',
          'p.birth_date',
          'p.household_role',
          'e.entry_date',
          'r.state',
          'r.ft_identifier',
          'r.reason',
          'r.batch_id',
        ])
        .where('r.department_code', '=', actor.departmentCode)
        .where('r.state', '=', req.query.state)
        .orderBy('e.entry_date', 'desc')
        .limit(500)
        .execute();
      const counts = await ctx.db
        .selectFrom('ft_registration')
        .select(['state', sql<number>`count(*)::int`.as('n')])
        .where('department_code', '=', actor.departmentCode)
        .groupBy('state')
        .execute();
      const byState = { pending: 0, exported: 0, registered: 0, rejected: 0 };
      for (const c of counts) byState[c.state as keyof typeof byState] = Number(c.n);
      await auditPersonList(
        ctx,
        req,
        'france_travail.registrations',
        { state: req.query.state },
        rows.map((r) => r.person_id),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          personId: r.person_id,
          name: `${r.first_name} ${r.usual_name ?? r.birth_name}`,
          birthDate: r.birth_date,
          role: r.household_role,
          entryDate: r.entry_date,
          state: r.state as 'pending',
          ftIdentifier: r.ft_identifier,
          reason: r.reason,
          batchId: r.batch_id,
        })),
        counts: byState,
      };
    },
  );

  const toBatch = (b: {
    id: string;
    created_at: Date;
    row_count: number;
    status: string;
    acknowledged_at: Date | null;
  }) => ({
    id: b.id,
    createdAt: new Date(b.created_at).toISOString(),
    rowCount: b.row_count,
    status: b.status as 'exported' | 'acknowledged',
    acknowledgedAt: b.acknowledged_at ? new Date(b.acknowledged_at).toISOString() : null,
  });

  app.post(
    '/api/france-travail/batches',
    { config: ft, schema: { tags: ['france-travail'], response: { 201: ftBatchSchema } } },
    async (req, reply) =>
      reply.status(201).send(toBatch(await createBatch(ctx, actorOf(req), requestOf(req)))),
  );

  app.get(
    '/api/france-travail/batches',
    {
      config: ft,
      schema: { tags: ['france-travail'], response: { 200: z.object({ items: z.array(ftBatchSchema) }) } },
    },
    async (req) => {
      const rows = await ctx.db
        .selectFrom('ft_batch')
        .selectAll()
        .where('department_code', '=', actorOf(req).departmentCode)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      return { items: rows.map(toBatch) };
    },
  );

  app.get(
    '/api/france-travail/batches/:id/export.csv',
    { config: ft, schema: { tags: ['france-travail'], params: idParams } },
    async (req, reply) => {
      const lines: string[] = [];
      for await (const line of exportBatchCsv(ctx, actorOf(req), req.params.id, requestOf(req)))
        lines.push(line);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="inscriptions-france-travail-${req.params.id.slice(0, 8)}.csv"`,
        )
        .send(lines.join(''));
    },
  );

  app.post(
    '/api/france-travail/acknowledgements',
    {
      config: ft,
      schema: { tags: ['france-travail'], response: { 200: ackReportSchema } },
    },
    async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body))
        throw new DomainError(
          'invalid',
          'VALIDATION_ERROR',
          'Envoyez le fichier CSV (Content-Type: text/csv).',
        );
      const report = await importAcknowledgement(ctx, actorOf(req), body, requestOf(req));
      if (report.errors.length > 0) {
        throw new DomainError(
          'invalid',
          'VALIDATION_ERROR',
          report.message,
          report.errors.map((e) => ({
            path: `ligne ${e.line}`,
            code: 'invalid',
            message: e.field ? `${e.field} : ${e.reason}` : e.reason,
          })),
        );
      }
      return reply.send(report);
    },
  );
}
