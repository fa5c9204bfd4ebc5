import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DOCUMENT_EMPTY,
  DOCUMENT_TOO_LARGE,
  DOCUMENT_WRONG_TYPE,
  type DocumentUploadQuery,
  type DocumentWithdraw,
  MAX_DOCUMENT_BYTES,
  type PersonDocument,
  type PersonDocumentList,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import {
  conflict,
  DomainError,
  invalidFields,
  notFound,
  unprocessable,
  versionConflict,
} from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { documentEvents } from '../domain/document-events';
import {
  attachmentDisposition,
  contentTypeProblem,
  declaredDocumentType,
  detectDocumentType,
  sanitiseFileName,
} from '../domain/document-types';
import {
  findDocument,
  insertDocument,
  listDocuments,
  lockDocument,
  markWithdrawn,
  readDocumentContent,
} from '../infra/documents-repo';
import { requirePerson } from './person-gate';

const tooLarge = () =>
  new DomainError('too_large', 'PAYLOAD_TOO_LARGE', DOCUMENT_TOO_LARGE, [
    { path: 'file', code: 'too_large', message: DOCUMENT_TOO_LARGE },
  ]);
const wrongType = (message: string) =>
  unprocessable(message, 'VALIDATION_ERROR', [{ path: 'file', code: 'wrong_type', message }]);

/** What the HTTP edge hands over of an upload: the raw body and its announced type and length. */
export interface DocumentUpload {
  query: DocumentUploadQuery & { label?: string | null };
  contentType: string | undefined;
  contentLength: string | undefined;
  /** The request body as received (a stream), or nothing. */
  body: unknown;
}

/** Reads the body up to `max` bytes; one byte more and it stops and refuses. */
async function readAtMost(body: unknown, max: number): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) {
    if (body.length > max) throw tooLarge();
    return body;
  }
  if (typeof body === 'string') return readAtMost(Buffer.from(body), max);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function')
    throw wrongType(DOCUMENT_WRONG_TYPE);
  // Stopping early must not destroy the request (its socket answers the refusal).
  const stream = body as Partial<Readable> & AsyncIterable<Buffer | string>;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream.iterator ? stream.iterator({ destroyOnReturn: false }) : stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > max) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

/**
 * POST: a document added to the person's file. The type is proven by the content (PDF, JPEG, PNG
 * signatures) and must be the one announced; 10 MB at most; nothing is stored on a refusal.
 */
export async function uploadDocument(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  upload: DocumentUpload,
  request: RequestInfo,
): Promise<PersonDocument> {
  await requirePerson(ctx, actor, personId, request, 'act');
  const declared = declaredDocumentType(upload.contentType);
  if (!declared) throw wrongType(DOCUMENT_WRONG_TYPE);
  const announced = Number(upload.contentLength);
  if (Number.isFinite(announced) && announced > MAX_DOCUMENT_BYTES) throw tooLarge();
  const content = await readAtMost(upload.body, MAX_DOCUMENT_BYTES);
  if (content.length === 0)
    throw invalidFields([{ path: 'file', code: 'empty', message: DOCUMENT_EMPTY }], DOCUMENT_EMPTY);
  const problem = contentTypeProblem(declared, detectDocumentType(content));
  if (problem) throw wrongType(problem);

  const { kind } = upload.query;
  const label = upload.query.label?.trim() || null;
  const fileName = sanitiseFileName(upload.query.fileName, declared);
  const sha256 = createHash('sha256').update(content).digest('hex');
  return unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const id = await insertDocument(trx, {
      departmentCode: actor.departmentCode,
      personId,
      kind,
      label,
      fileName,
      contentType: declared,
      sha256,
      content,
      uploadedBy: actor.accountId,
    });
    await audit({
      action: 'document.added',
      personId,
      targetType: 'person_document',
      targetId: id,
      details: { kind, sizeBytes: content.length, contentType: declared },
    });
    await timeline(documentEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'document_added',
      data: { documentId: id, kind },
    });
    return (await findDocument(trx, actor.departmentCode, personId, id))!;
  });
}

/** GET: the documents of the file, a reading of the person's file (audited like the file). */
export async function listPersonDocuments(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonDocumentList> {
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request);
  const all = await listDocuments(ctx.db, actor.departmentCode, personId);
  return { items: all.filter((d) => !d.withdrawnAt), withdrawn: all.filter((d) => d.withdrawnAt) };
}

/** GET: one document's file, each download traced (who, which document, when). */
export async function downloadDocument(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  documentId: string,
  request: RequestInfo,
) {
  await requirePerson(ctx, actor, personId, request, 'read');
  const doc = await readDocumentContent(ctx.db, actor.departmentCode, personId, documentId);
  if (!doc) throw notFound('Document');
  // Durable before the bytes leave.
  await ctx.audit.record({
    actor,
    action: 'document.downloaded',
    personId,
    targetType: 'person_document',
    targetId: doc.id,
    request,
    details: { kind: doc.kind },
  });
  return {
    content: doc.content,
    contentType: doc.contentType,
    disposition: attachmentDisposition(doc.fileName),
  };
}

/** POST: a document withdrawn from the file, with the reason; its bytes are erased, its trace kept. */
export async function withdrawDocument(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  documentId: string,
  input: DocumentWithdraw,
  request: RequestInfo,
): Promise<PersonDocument> {
  await requirePerson(ctx, actor, personId, request, 'act');
  return unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await lockDocument(trx, actor.departmentCode, personId, documentId);
    if (!row) throw notFound('Document');
    if (row.withdrawn_at) throw conflict('Ce document a déjà été retiré du dossier.');
    if (Number(row.version) !== input.version) throw versionConflict();
    await markWithdrawn(trx, documentId, actor.accountId, input.reason);
    await audit({
      action: 'document.withdrawn',
      personId,
      targetType: 'person_document',
      targetId: documentId,
      reason: input.reason,
      details: { kind: row.kind },
    });
    await timeline(documentEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'document_withdrawn',
      data: { documentId, kind: row.kind },
    });
    return (await findDocument(trx, actor.departmentCode, personId, documentId))!;
  });
}
