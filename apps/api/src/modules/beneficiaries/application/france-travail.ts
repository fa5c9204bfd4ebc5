import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { AppError, notFound } from '../../../platform/http/errors';

type Request = { ip: string; id: string };

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
export async function createBatch(ctx: AppContext, actor: RequestActor, request: Request) {
  return ctx.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('ft_registration')
      .select(['id', 'person_id'])
      .where('department_code', '=', actor.departmentCode)
      .where('state', '=', 'pending')
      .forUpdate()
      .execute();
    if (pending.length === 0) {
      throw new AppError('CONFLICT', 409, 'Aucune inscription en attente : pas de lot à créer.');
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
    await sql`
      INSERT INTO timeline_event (department_code, person_id, occurred_on, type, data, actor_account_id, source)
      SELECT ${actor.departmentCode}, r.person_id, (now() AT TIME ZONE 'Europe/Paris')::date, 'france_travail',
        jsonb_build_object('state', 'exported', 'batchId', ${batch.id}::text), ${actor.accountId}::uuid, 'agent'
      FROM ft_registration r WHERE r.batch_id = ${batch.id}::uuid`.execute(trx);
    await ctx.audit.record(
      {
        actor,
        action: 'france_travail.batch_created',
        targetType: 'ft_batch',
        targetId: batch.id,
        details: { rows: pending.length },
        request,
      },
      trx,
    );
    return batch;
  });
}

const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The batch as a CSV file (UTF-8, `;`), streamed row by row. */
export async function* exportBatchCsv(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  request: Request,
) {
  const batch = await ctx.db
    .selectFrom('ft_batch')
    .select('id')
    .where('id', '=', batchId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!batch) throw notFound('Lot');
  await ctx.audit.record({
    actor,
    action: 'france_travail.batch_exported',
    targetType: 'ft_batch',
    targetId: batchId,
    request,
  });
  yield `${EXPORT_COLUMNS.join(';')}\n`;
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

export interface AcknowledgementReport {
  registered: number;
  rejected: number;
  unknown: number;
  errors: { line: number; reason: string }[];
}

/**
 * France Travail's answer: `id_inscription;statut;identifiant_france_travail;motif`, statut INSCRIT or
 * REFUSE. All or nothing: any wrong line and nothing is recorded.
 */
export async function importAcknowledgement(
  ctx: AppContext,
  actor: RequestActor,
  body: Buffer,
  request: Request,
): Promise<AcknowledgementReport> {
  const report: AcknowledgementReport = { registered: 0, rejected: 0, unknown: 0, errors: [] };
  const lines: {
    line: number;
    id: string;
    state: 'registered' | 'rejected';
    ftId: string | null;
    reason: string | null;
  }[] = [];
  const parser = Readable.from(body).pipe(
    parse({
      delimiter: ';',
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }),
  );
  let line = 1;
  try {
    for await (const rec of parser as AsyncIterable<Record<string, string>>) {
      line++;
      const id = rec.id_inscription ?? '';
      const statut = (rec.statut ?? '').toUpperCase();
      if (!/^[0-9a-f-]{36}$/i.test(id)) {
        report.errors.push({ line, reason: `identifiant d'inscription invalide : « ${id} »` });
        continue;
      }
      if (statut !== 'INSCRIT' && statut !== 'REFUSE') {
        report.errors.push({
          line,
          reason: `statut inconnu : « ${rec.statut ?? ''} » (INSCRIT ou REFUSE attendu)`,
        });
        continue;
      }
      lines.push({
        line,
        id,
        state: statut === 'INSCRIT' ? 'registered' : 'rejected',
        ftId: rec.identifiant_france_travail || null,
        reason: rec.motif || null,
      });
    }
  } catch (err) {
    report.errors.push({
      line: line + 1,
      reason: `fichier CSV illisible : ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  if (lines.length === 0 && report.errors.length === 0)
    report.errors.push({ line: 1, reason: 'fichier vide' });
  if (report.errors.length > 0) return report;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      for (const l of lines) {
        const updated = await trx
          .updateTable('ft_registration')
          .set({ state: l.state, ft_identifier: l.ftId, reason: l.reason, updated_at: new Date() })
          .where('id', '=', l.id)
          .where('department_code', '=', actor.departmentCode)
          .where('state', 'in', ['exported', 'registered', 'rejected'])
          .returning(['person_id', 'batch_id'])
          .executeTakeFirst();
        if (!updated) {
          report.unknown++;
          report.errors.push({
            line: l.line,
            reason: `inscription inconnue ou pas encore transmise : ${l.id}`,
          });
          continue;
        }
        if (l.state === 'registered') {
          report.registered++;
          if (l.ftId) {
            await trx
              .updateTable('person')
              .set({ france_travail_id: l.ftId })
              .where('id', '=', updated.person_id)
              .execute();
          }
        } else report.rejected++;
        await trx
          .insertInto('timeline_event')
          .values({
            department_code: actor.departmentCode,
            person_id: updated.person_id,
            occurred_on: new Date().toISOString().slice(0, 10),
            type: 'france_travail',
            data: JSON.stringify({ state: l.state, identifier: l.ftId, reason: l.reason }),
            actor_account_id: actor.accountId,
            source: 'france_travail',
          })
          .execute();
      }
      if (report.errors.length > 0) throw new AckRejected();
      await sql`UPDATE ft_batch b SET status = 'acknowledged', acknowledged_at = now()
      WHERE b.department_code = ${actor.departmentCode} AND b.status = 'exported'
        AND NOT EXISTS (SELECT 1 FROM ft_registration r WHERE r.batch_id = b.id AND r.state = 'exported')`.execute(
        trx,
      );
      await ctx.audit.record(
        {
          actor,
          action: 'france_travail.acknowledged',
          details: { registered: report.registered, rejected: report.rejected },
          request,
        },
        trx,
      );
    })
    .catch((err) => {
      if (!(err instanceof AckRejected)) throw err;
      report.registered = 0;
      report.rejected = 0;
    });
  return report;
}

class AckRejected extends Error {}
