import type { FtBatch } from '@parcours/contracts';
import { sql } from 'kysely';
import { personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { beneficiaryEvents } from '../domain/timeline-events';
import { insertTimelineRows } from '../infra/timeline-rows';

/** Columns of the registration file sent to France Travail (documented in docs/formats/france-travail.md). */
export const EXPORT_COLUMNS = [
  'id_inscription',
  'nir',
  'nom_naissance',
  'nom_usage',
  'prenom',
  'date_naissance',
  'sexe',
  'role',
  'organisme',
  'numero_dossier',
  'code_insee',
  'code_postal',
  'commune',
  'adresse',
  'telephone',
  'email',
  'date_entree',
] as const;

/** Puts every pending registration in a new batch, ready to be exported. */
export async function createBatch(ctx: AppContext, actor: RequestActor, request: RequestInfo) {
  return unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    // A person linked as a duplicate of another is registered once, through the survivor: a
    // registration a later flux queued for the other record waits with the link's.
    await sql`UPDATE ft_registration r SET state = 'duplicate', updated_at = now()
      FROM person p WHERE p.id = r.person_id AND p.duplicate_of IS NOT NULL
        AND r.department_code = ${actor.departmentCode} AND r.state = 'pending'`.execute(trx);
    const pending = await trx
      .selectFrom('ft_registration')
      .select(['id', 'person_id'])
      .where('department_code', '=', actor.departmentCode)
      .where('state', '=', 'pending')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('person as p')
              .select('p.id')
              .whereRef('p.id', '=', 'ft_registration.person_id')
              .where('p.duplicate_of', 'is not', null),
          ),
        ),
      )
      .forUpdate()
      .execute();
    if (pending.length === 0) {
      throw new DomainError('conflict', 'CONFLICT', 'Aucune inscription en attente : pas de lot à créer.');
    }
    const batch = await trx
      .insertInto('ft_batch')
      .values({
        department_code: actor.departmentCode,
        created_by: actor.accountId,
        row_count: pending.length,
        status: 'exported',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('ft_registration')
      .set({ state: 'exported', batch_id: batch.id, updated_at: new Date() })
      .where(
        'id',
        'in',
        pending.map((p) => p.id),
      )
      .execute();
    const today = parisToday();
    await insertTimelineRows(
      trx,
      pending.map((p) =>
        beneficiaryEvents.row({
          departmentCode: actor.departmentCode,
          personId: p.person_id,
          occurredOn: today,
          type: 'france_travail',
          data: { state: 'exported', batchId: batch.id },
          actorAccountId: actor.accountId,
          source: 'agent',
        }),
      ),
    );
    await audit({
      action: 'france_travail.batch_created',
      targetType: 'ft_batch',
      targetId: batch.id,
      details: { rows: pending.length },
    });
    return batch;
  });
}

export function toBatch(b: {
  id: string;
  created_at: Date;
  row_count: number;
  status: string;
  acknowledged_at: Date | null;
}): FtBatch {
  return {
    id: b.id,
    createdAt: new Date(b.created_at).toISOString(),
    rowCount: b.row_count,
    status: b.status as FtBatch['status'],
    acknowledgedAt: b.acknowledged_at ? new Date(b.acknowledged_at).toISOString() : null,
  };
}

/** The latest batches of the département. */
export async function listBatches(ctx: AppContext, actor: RequestActor): Promise<FtBatch[]> {
  const rows = await ctx.db
    .selectFrom('ft_batch')
    .selectAll()
    .where('department_code', '=', actor.departmentCode)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toBatch);
}

export const CSV_BOM = '\uFEFF';

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * The batch as a CSV file (UTF-8, `;`), streamed row by row. It opens with a byte order mark:
 * without it Excel reads the file as Windows-1252 and garbles every accent.
 */
export async function* exportBatchCsv(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  request: RequestInfo,
) {
  const batch = await ctx.db
    .selectFrom('ft_batch')
    .select('id')
    .where('id', '=', batchId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!batch) throw notFound('Lot');
  const listed = await ctx.db
    .selectFrom('ft_registration')
    .select('person_id')
    .where('batch_id', '=', batchId)
    .execute();
  await ctx.audit.record({
    actor,
    action: 'france_travail.batch_exported',
    targetType: 'ft_batch',
    targetId: batchId,
    ...personListTrace(
      'france_travail.export',
      { batchId },
      listed.map((r) => r.person_id),
    ),
    request,
  });
  yield `${CSV_BOM}${EXPORT_COLUMNS.join(';')}\n`;
  const rows = await ctx.db
    .selectFrom('ft_registration as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('entry_spell as e', 'e.id', 'r.entry_spell_id')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('contact as tel', (j) =>
      j.onRef('tel.household_id', '=', 'h.id').on('tel.kind', '=', 'phone').on('tel.consent', '=', 'A'),
    )
    .leftJoin('contact as mail', (j) =>
      j.onRef('mail.household_id', '=', 'h.id').on('mail.kind', '=', 'email').on('mail.consent', '=', 'A'),
    )
    .select([
      'r.id',
      'p.nir',
      'p.birth_name',
      'p.usual_name',
      'p.first_name',
      'p.birth_date',
      'p.sex',
      'p.household_role',
      'h.organism',
      'h.claim_number',
      'h.commune_code',
      'h.postal_code',
      'h.commune_name',
      'h.street_number',
      'h.street_type',
      'h.street_name',
      'tel.value as phone',
      'mail.value as email',
      'e.entry_date',
    ])
    .where('r.batch_id', '=', batchId)
    .orderBy('p.birth_name')
    .execute();
  for (const r of rows) {
    const address = [r.street_number, r.street_type, r.street_name].filter(Boolean).join(' ');
    yield `${[
      r.id,
      r.nir,
      r.birth_name,
      r.usual_name,
      r.first_name,
      r.birth_date,
      r.sex,
      r.household_role,
      r.organism,
      r.claim_number,
      r.commune_code,
      r.postal_code,
      r.commune_name,
      address,
      r.phone,
      r.email,
      r.entry_date,
    ]
      .map(csvCell)
      .join(';')}\n`;
  }
}

/** The whole CSV file of a batch (a few thousand lines at most). */
export async function batchCsv(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  request: RequestInfo,
): Promise<string> {
  const lines: string[] = [];
  for await (const line of exportBatchCsv(ctx, actor, batchId, request)) lines.push(line);
  return lines.join('');
}
