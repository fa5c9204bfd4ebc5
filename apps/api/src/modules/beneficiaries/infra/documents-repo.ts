import type { DocumentContentType, DocumentKind, PersonDocument } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

type Exec = Kysely<Database>;

/** The columns of a document's description (never its bytes). */
function described(exec: Exec) {
  return exec
    .selectFrom('person_document as d')
    .leftJoin('account as up', 'up.id', 'd.uploaded_by')
    .leftJoin('account as wd', 'wd.id', 'd.withdrawn_by')
    .select([
      'd.id',
      'd.person_id',
      'd.kind',
      'd.label',
      'd.file_name',
      'd.content_type',
      'd.size_bytes',
      'd.sha256',
      'd.uploaded_at',
      'up.display_name as uploaded_by_name',
      'd.withdrawn_at',
      'wd.display_name as withdrawn_by_name',
      'd.withdraw_reason',
      'd.version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof described>['executeTakeFirstOrThrow']>>;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toPersonDocument(r: Row): PersonDocument {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind as DocumentKind,
    label: r.label,
    fileName: r.file_name,
    contentType: r.content_type as DocumentContentType,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: iso(r.uploaded_at)!,
    uploadedByName: r.uploaded_by_name ?? null,
    withdrawnAt: iso(r.withdrawn_at),
    withdrawnByName: r.withdrawn_by_name ?? null,
    withdrawReason: r.withdraw_reason,
    version: Number(r.version),
  };
}

/** The documents of a person, newest first (withdrawn ones included, without their bytes). */
export async function listDocuments(exec: Exec, departmentCode: string, personId: string) {
  const rows = await described(exec)
    .where('d.department_code', '=', departmentCode)
    .where('d.person_id', '=', personId)
    .orderBy('d.uploaded_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map(toPersonDocument);
}

/** One document of this person (another person's document is not found through this one). */
export async function findDocument(exec: Exec, departmentCode: string, personId: string, id: string) {
  const row = await described(exec)
    .where('d.department_code', '=', departmentCode)
    .where('d.person_id', '=', personId)
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row ? toPersonDocument(row) : undefined;
}

/** The bytes of a document in use, with what the download needs. */
export async function readDocumentContent(exec: Exec, departmentCode: string, personId: string, id: string) {
  const row = await exec
    .selectFrom('person_document')
    .select(['id', 'kind', 'file_name', 'content_type', 'size_bytes', 'content'])
    .where('department_code', '=', departmentCode)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!row?.content) return undefined;
  // node-postgres answers a Buffer, PGlite a Uint8Array.
  const content = Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content as Uint8Array);
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    fileName: row.file_name,
    contentType: row.content_type as DocumentContentType,
    content,
  };
}

export interface NewDocument {
  departmentCode: string;
  personId: string;
  kind: DocumentKind;
  label: string | null;
  fileName: string;
  contentType: DocumentContentType;
  sha256: string;
  content: Buffer;
  uploadedBy: string | null;
}

export async function insertDocument(exec: Exec, d: NewDocument): Promise<string> {
  const row = await exec
    .insertInto('person_document')
    .values({
      department_code: d.departmentCode,
      person_id: d.personId,
      kind: d.kind,
      label: d.label,
      file_name: d.fileName,
      content_type: d.contentType,
      size_bytes: d.content.length,
      sha256: d.sha256,
      content: d.content,
      uploaded_by: d.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Locks a document of this person for a change: its version and whether it is withdrawn. */
export async function lockDocument(exec: Exec, departmentCode: string, personId: string, id: string) {
  return exec
    .selectFrom('person_document')
    .select(['id', 'kind', 'version', 'withdrawn_at'])
    .where('department_code', '=', departmentCode)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Withdraws a document: the trace stays, the bytes are erased. */
export async function markWithdrawn(exec: Exec, id: string, by: string, reason: string) {
  await exec
    .updateTable('person_document')
    .set((eb) => ({
      withdrawn_at: new Date(),
      withdrawn_by: by,
      withdraw_reason: reason,
      content: null,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}
