import { createHash } from 'node:crypto';
import {
  type CafFile,
  type CafLines,
  cafFileInputSchema,
  cafLineQuerySchema,
  cafLineWorkflow,
  roleScopeKind,
} from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { frenchDate } from '../../../platform/timeline/registry';
import { unitOfWork } from '../../../platform/use-case';
import { assertTransition } from '../../../platform/workflow/transition';
import { personScope } from '../../beneficiaries';
import { cafTransmissionEvents } from '../domain/caf-timeline-events';
import { cafFileContent, cafFileName } from '../domain/caf-transmission';
import { cafFilesOf, cafLinesIn, pendingFileRows } from '../infra/caf-repo';

/**
 * The daily file sent to the CAF (docs/caf-transmission.md). It covers the whole département: only
 * département roles build, download and acknowledge it; the queue is read within one's scope.
 */
export function requireDepartmentRole(actor: RequestActor) {
  if (roleScopeKind[actor.role] !== 'department')
    throw forbidden(
      'Le fichier de transmission à la CAF couvre tout le département : il est réservé aux rôles départementaux.',
    );
}

/** The lines in the reader's scope (pending by default), one audited list read. */
export async function cafLineQueue(
  ctx: AppContext,
  actor: RequestActor,
  query: unknown,
  request: RequestInfo,
): Promise<CafLines> {
  const q = cafLineQuerySchema.parse(query);
  const items = await cafLinesIn(ctx.db, actor.departmentCode, personScope(actor), q.status);
  await recordPersonList(
    ctx,
    actor,
    request,
    'sanctions.caf_lines',
    { status: q.status },
    items.map((i) => i.personId),
  );
  return { items };
}

export async function listCafFiles(ctx: AppContext, actor: RequestActor): Promise<{ items: CafFile[] }> {
  requireDepartmentRole(actor);
  const files = await cafFilesOf(ctx.db, actor.departmentCode);
  return { items: files.map((f) => ({ ...f, created: false })) };
}

export async function cafFileById(ctx: AppContext, actor: RequestActor, id: string): Promise<CafFile> {
  const [file] = await cafFilesOf(ctx.db, actor.departmentCode, id);
  if (!file) throw notFound('Fichier de transmission à la CAF');
  return { ...file, created: false };
}

/**
 * The file of a day: every line waiting whose effective date is not after that day, in one file,
 * stored with its content hash. Idempotent: the same day again answers the file already built
 * (`created: false`); a line is never in two files unless the CAF rejected it in the first.
 */
export async function generateCafFile(
  ctx: AppContext,
  actor: RequestActor,
  input: unknown,
  request: RequestInfo,
): Promise<CafFile> {
  requireDepartmentRole(actor);
  const { date } = cafFileInputSchema.parse(input);
  if (date > parisToday()) throw invalid('date', 'La date ne peut pas être postérieure à aujourd’hui.');
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const existing = await trx
      .selectFrom('caf_transmission_file')
      .select('id')
      .where('department_code', '=', actor.departmentCode)
      .where('file_date', '=', date)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    const rows = await pendingFileRows(trx, actor.departmentCode, date);
    if (rows.length === 0)
      throw conflict(`Aucune ligne à transmettre à la CAF jusqu’au ${frenchDate(date)} : pas de fichier.`);
    for (const _ of rows) assertTransition(cafLineWorkflow, 'pending', 'transmitted', actor.role);
    const content = cafFileContent(rows);
    const file = await trx
      .insertInto('caf_transmission_file')
      .values({
        department_code: actor.departmentCode,
        file_date: date,
        file_name: cafFileName(actor.departmentCode, date),
        content,
        content_hash: createHash('sha256').update(content, 'utf8').digest('hex'),
        line_count: rows.length,
        generated_by: actor.accountId,
      })
      // Two agents at once: the second waits for the first and finds its file.
      .onConflict((oc) => oc.columns(['department_code', 'file_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!file) throw conflict('Le fichier de ce jour vient d’être généré : rechargez la page.');
    await trx
      .insertInto('caf_transmission_file_line')
      .values(
        rows.map((r, i) => ({
          department_code: actor.departmentCode,
          file_id: file.id,
          line_id: r.lineId,
          position: i + 1,
        })),
      )
      .execute();
    await trx
      .updateTable('caf_transmission_line')
      .set((eb) => ({
        status: 'transmitted',
        file_id: file.id,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where(
        'id',
        'in',
        rows.map((r) => r.lineId),
      )
      .execute();
    for (const r of rows)
      await cafTransmissionEvents.append(trx, {
        departmentCode: actor.departmentCode,
        personId: r.personId,
        occurredOn: parisToday(),
        type: 'caf_line_transmitted',
        data: { kind: r.kind, fileDate: date, effectiveOn: r.effectiveOn, lineId: r.lineId },
        actorAccountId: actor.accountId,
      });
    await audit({
      action: 'caf.file_generated',
      targetType: 'caf_transmission_file',
      targetId: file.id,
      personIds: [...new Set(rows.map((r) => r.personId))],
      details: { date, lines: rows.length },
    });
    return { id: file.id, created: true };
  });
  const file = await cafFileById(ctx, actor, id.id);
  return { ...file, created: id.created };
}

/** The file's text as it was generated (its hash unchanged); the download lists persons: audited. */
export async function downloadCafFile(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<{ fileName: string; content: string }> {
  requireDepartmentRole(actor);
  const file = await ctx.db
    .selectFrom('caf_transmission_file')
    .select(['id', 'file_name', 'content', 'file_date'])
    .where('department_code', '=', actor.departmentCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('Fichier de transmission à la CAF');
  const persons = await ctx.db
    .selectFrom('caf_transmission_file_line as fl')
    .innerJoin('caf_transmission_line as l', 'l.id', 'fl.line_id')
    .select('l.person_id')
    .where('fl.file_id', '=', id)
    .execute();
  await ctx.audit.record({
    actor,
    action: 'caf.file_downloaded',
    targetType: 'caf_transmission_file',
    targetId: id,
    personIds: [...new Set(persons.map((p) => p.person_id))],
    details: { list: 'sanctions.caf_file', date: String(file.file_date).slice(0, 10), count: persons.length },
    request,
  });
  return { fileName: file.file_name, content: file.content };
}
