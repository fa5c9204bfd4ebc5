import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import { personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';

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
  /** Data lines read (header excluded). */
  lines: number;
  registered: number;
  rejected: number;
  /** Lines whose id matches no registration sent to France Travail. */
  unknown: number;
  /** Lines that say what is already recorded (the same file again): nothing written. */
  unchanged: number;
  /** The same line again in the file: applied once. */
  repeated: number;
  errors: { line: number; field: string | null; reason: string }[];
  /** One French sentence for the screen. */
  message: string;
}

type AckLine = {
  line: number;
  id: string;
  state: 'registered' | 'rejected';
  ftId: string | null;
  reason: string | null;
};

const ACK_COLUMNS = ['id_inscription', 'statut', 'identifiant_france_travail', 'motif'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the whole file, every line checked on its own: all format errors in one pass. */
async function readAcknowledgement(body: Buffer, report: AcknowledgementReport): Promise<AckLine[]> {
  const lines: AckLine[] = [];
  const error = (line: number, field: string | null, reason: string) =>
    report.errors.push({ line, field, reason });
  const parser = Readable.from([body]).pipe(
    parse({
      delimiter: ';',
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((h) => h.toLowerCase());
        const missing = ACK_COLUMNS.slice(0, 2).filter((c) => !header?.includes(c));
        if (missing.length) {
          error(
            line,
            missing[0] ?? null,
            `en-tête incomplet : colonne(s) ${missing.join(', ')} absente(s) (attendu : ${ACK_COLUMNS.join(';')})`,
          );
          return [];
        }
        continue;
      }
      report.lines++;
      const cell = (name: string) => {
        const at = (header as string[]).indexOf(name);
        return at < 0 ? '' : (record[at] ?? '');
      };
      if (record.length > header.length) {
        error(line, null, `${record.length} colonnes au lieu de ${header.length}`);
        continue;
      }
      const id = cell('id_inscription');
      const statut = cell('statut').toUpperCase();
      let bad = false;
      if (!UUID.test(id)) {
        error(line, 'id_inscription', `identifiant d'inscription invalide : « ${id.slice(0, 60)} »`);
        bad = true;
      }
      if (statut !== 'INSCRIT' && statut !== 'REFUSE') {
        error(
          line,
          'statut',
          `statut inconnu : « ${cell('statut').slice(0, 40)} » (INSCRIT ou REFUSE attendu)`,
        );
        bad = true;
      }
      if (bad) continue;
      lines.push({
        line,
        id: id.toLowerCase(),
        state: statut === 'INSCRIT' ? 'registered' : 'rejected',
        ftId: cell('identifiant_france_travail') || null,
        reason: cell('motif') || null,
      });
    }
  } catch (err) {
    error(0, null, `fichier CSV illisible : ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!header || (report.lines === 0 && report.errors.length === 0))
    error(1, null, 'fichier vide : aucune ligne d’accusé de réception');
  return lines;
}

const sameAnswer = (a: Omit<AckLine, 'line'>, b: Omit<AckLine, 'line'>) =>
  a.state === b.state && a.ftId === b.ftId && a.reason === b.reason;

function ackMessage(r: AcknowledgementReport): string {
  if (r.errors.length > 0)
    return `L’accusé de réception contient ${r.errors.length} erreur(s) : rien n’a été enregistré.`;
  if (r.registered + r.rejected === 0)
    return `Accusé de réception déjà pris en compte : rien n’a changé (${r.unchanged} ligne(s) identique(s) à ce qui est enregistré).`;
  const parts = [`${r.registered} inscription(s) confirmée(s)`, `${r.rejected} refusée(s)`];
  if (r.unchanged) parts.push(`${r.unchanged} déjà enregistrée(s)`);
  if (r.repeated) parts.push(`${r.repeated} ligne(s) en double appliquée(s) une fois`);
  return `Accusé de réception enregistré : ${parts.join(', ')}.`;
}

/**
 * France Travail's answer: `id_inscription;statut;identifiant_france_travail;motif`, statut INSCRIT or
 * REFUSE. The whole file is checked first (format, then every id against the registrations sent),
 * every error reported at once; any error and nothing is recorded. Idempotent: a line that says
 * what is already recorded changes nothing (no second timeline event), the same line twice in a
 * file is applied once, the same file again answers "nothing changed".
 */
export async function importAcknowledgement(
  ctx: AppContext,
  actor: RequestActor,
  body: Buffer,
  request: Request,
): Promise<AcknowledgementReport> {
  const report: AcknowledgementReport = {
    lines: 0,
    registered: 0,
    rejected: 0,
    unknown: 0,
    unchanged: 0,
    repeated: 0,
    errors: [],
    message: '',
  };
  const read = await readAcknowledgement(body, report);

  // The same registration twice: once if the lines agree, an error if they contradict each other.
  const byId = new Map<string, AckLine>();
  for (const l of read) {
    const first = byId.get(l.id);
    if (!first) byId.set(l.id, l);
    else if (sameAnswer(first, l)) report.repeated++;
    else
      report.errors.push({
        line: l.line,
        field: 'statut',
        reason: `l’inscription ${l.id} figure déjà ligne ${first.line} avec une autre réponse`,
      });
  }
  const finish = () => {
    report.errors.sort((a, b) => a.line - b.line);
    report.message = ackMessage(report);
    return report;
  };

  await ctx.db
    .transaction()
    .execute(async (trx) => {
      // Locked: the same file sent twice at once is still applied once.
      const current = new Map(
        (byId.size
          ? await trx
              .selectFrom('ft_registration')
              .select(['id', 'person_id', 'state', 'ft_identifier', 'reason'])
              .where('department_code', '=', actor.departmentCode)
              .where('id', 'in', [...byId.keys()])
              .forUpdate()
              .execute()
          : []
        ).map((r) => [r.id, r]),
      );
      for (const l of byId.values()) {
        const r = current.get(l.id);
        if (!r || !['exported', 'registered', 'rejected'].includes(r.state)) {
          report.unknown++;
          report.errors.push({
            line: l.line,
            field: 'id_inscription',
            reason: `inscription inconnue ou pas encore transmise : ${l.id}`,
          });
        }
      }
      if (report.errors.length > 0) throw new AckRejected();

      const today = new Date().toISOString().slice(0, 10);
      for (const l of byId.values()) {
        const r = current.get(l.id) as NonNullable<ReturnType<typeof current.get>>;
        if (
          sameAnswer(
            { id: r.id, state: r.state as AckLine['state'], ftId: r.ft_identifier, reason: r.reason },
            l,
          )
        ) {
          report.unchanged++;
          continue;
        }
        await trx
          .updateTable('ft_registration')
          .set({ state: l.state, ft_identifier: l.ftId, reason: l.reason, updated_at: new Date() })
          .where('id', '=', l.id)
          .execute();
        if (l.state === 'registered') {
          report.registered++;
          if (l.ftId) {
            await trx
              .updateTable('person')
              .set({ france_travail_id: l.ftId })
              .where('id', '=', r.person_id)
              .execute();
          }
        } else report.rejected++;
        await trx
          .insertInto('timeline_event')
          .values({
            department_code: actor.departmentCode,
            person_id: r.person_id,
            occurred_on: today,
            type: 'france_travail',
            data: JSON.stringify({ state: l.state, identifier: l.ftId, reason: l.reason }),
            actor_account_id: actor.accountId,
            source: 'france_travail',
          })
          .execute();
      }
      await sql`UPDATE ft_batch b SET status = 'acknowledged', acknowledged_at = now()
      WHERE b.department_code = ${actor.departmentCode} AND b.status = 'exported'
        AND NOT EXISTS (SELECT 1 FROM ft_registration r WHERE r.batch_id = b.id AND r.state = 'exported')`.execute(
        trx,
      );
      await ctx.audit.record(
        {
          actor,
          action: 'france_travail.acknowledged',
          details: {
            registered: report.registered,
            rejected: report.rejected,
            unchanged: report.unchanged,
            repeated: report.repeated,
          },
          request,
        },
        trx,
      );
    })
    .catch((err) => {
      if (!(err instanceof AckRejected)) throw err;
      report.registered = 0;
      report.rejected = 0;
      report.unchanged = 0;
    });
  return finish();
}

class AckRejected extends Error {}
