import type { CafFile, CafLine, CafLineKind, CafLineStatus } from '@parcours/contracts';
import { personNameOfRow } from '@parcours/contracts';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { CafFileRow } from '../domain/caf-transmission';

type Db = Kysely<Database>;
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** The lines of the département in the reader's scope (`scope` on `person as p`), oldest first. */
export async function cafLinesIn(
  db: Db,
  departmentCode: string,
  scope: Expression<SqlBool>,
  status: CafLineStatus | 'all',
): Promise<CafLine[]> {
  let q = db
    .selectFrom('caf_transmission_line as l')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .leftJoin('caf_transmission_file as f', 'f.id', 'l.file_id')
    .selectAll('l')
    .select(['p.first_name', 'p.birth_name', 'p.usual_name', 'f.file_date'])
    .where('l.department_code', '=', departmentCode)
    .where(scope);
  if (status !== 'all') q = q.where('l.status', '=', status);
  const rows = await q
    .orderBy('l.effective_on')
    .orderBy('l.created_at')
    .orderBy('l.id')
    .limit(2000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: personNameOfRow(r),
    kind: r.kind as CafLineKind,
    effectiveOn: day(r.effective_on)!,
    caseId: r.case_id,
    sasEnrolmentId: r.sas_enrolment_id,
    cancelsLineId: r.cancels_line_id,
    percent: r.percent,
    months: r.months,
    endReason: r.end_reason,
    status: r.status as CafLineStatus,
    fileId: r.file_id,
    fileDate: day(r.file_date),
    rejectionCount: r.rejection_count,
    lastRejectionReason: r.last_rejection_reason,
    lastRejectedOn: day(r.last_rejected_on),
    withdrawnReason: r.withdrawn_reason,
  }));
}

/** The lines waiting to be sent up to a day, locked, with what the file prints of the person. */
export async function pendingFileRows(
  trx: Db,
  departmentCode: string,
  upTo: string,
): Promise<(CafFileRow & { personId: string })[]> {
  const locked = await trx
    .selectFrom('caf_transmission_line')
    .select('id')
    .where('department_code', '=', departmentCode)
    .where('status', '=', 'pending')
    .where('effective_on', '<=', upTo)
    .forUpdate()
    .execute();
  if (locked.length === 0) return [];
  const rows = await trx
    .selectFrom('caf_transmission_line as l')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .select([
      'l.id',
      'l.person_id',
      'l.kind',
      'l.effective_on',
      'l.percent',
      'l.months',
      'l.end_reason',
      'l.cancels_line_id',
      'p.nir',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'p.birth_date',
      'h.organism',
      'h.matricule',
      'h.claim_number',
    ])
    .where(
      'l.id',
      'in',
      locked.map((l) => l.id),
    )
    .orderBy('l.effective_on')
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    lineId: r.id,
    personId: r.person_id,
    departmentCode,
    organism: r.organism,
    matricule: r.matricule,
    claimNumber: r.claim_number,
    nir: r.nir,
    birthName: r.birth_name,
    usualName: r.usual_name,
    firstName: r.first_name,
    birthDate: day(r.birth_date)!,
    kind: r.kind as CafLineKind,
    effectiveOn: day(r.effective_on)!,
    percent: r.percent,
    months: r.months,
    endReason: r.end_reason,
    cancelsLineId: r.cancels_line_id,
  }));
}

type FileRow = {
  id: string;
  file_date: string;
  file_name: string;
  content_hash: string;
  line_count: number;
  status: string;
  generated_at: Date;
  acknowledged_at: Date | null;
};

const fileColumns = [
  'f.id',
  'f.file_date',
  'f.file_name',
  'f.content_hash',
  'f.line_count',
  'f.status',
  'f.generated_at',
  'f.acknowledged_at',
] as const;

/** The files of the département, the latest first, with the CAF's answers counted. */
export async function cafFilesOf(
  db: Db,
  departmentCode: string,
  id?: string,
): Promise<Omit<CafFile, 'created'>[]> {
  let q = db
    .selectFrom('caf_transmission_file as f')
    .select(fileColumns)
    .select([
      sql<number>`(SELECT count(*) FROM caf_transmission_file_line fl WHERE fl.file_id = f.id AND fl.ack_status = 'accepted')`.as(
        'accepted',
      ),
      sql<number>`(SELECT count(*) FROM caf_transmission_file_line fl WHERE fl.file_id = f.id AND fl.ack_status = 'rejected')`.as(
        'rejected',
      ),
    ])
    .where('f.department_code', '=', departmentCode);
  if (id) q = q.where('f.id', '=', id);
  const rows = await q.orderBy('f.file_date', 'desc').limit(200).execute();
  return rows.map((r) => ({
    ...toFile(r as FileRow),
    accepted: Number(r.accepted),
    rejected: Number(r.rejected),
  }));
}

function toFile(r: FileRow) {
  return {
    id: r.id,
    fileDate: day(r.file_date)!,
    fileName: r.file_name,
    contentHash: r.content_hash,
    lineCount: r.line_count,
    status: r.status as CafFile['status'],
    generatedAt: new Date(r.generated_at).toISOString(),
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  };
}
