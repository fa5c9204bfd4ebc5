import { plural } from '@parcours/contracts';
import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { readAnswerRows } from '../../../platform/csv/answer-rows';
import { DomainError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import type { RequestInfo } from '../../../platform/request-info';
import { beneficiaryEvents } from '../domain/timeline-events';

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

/** Reads the whole file, every line checked on its own: all format errors in one pass. */
async function readAcknowledgement(body: Buffer, report: AcknowledgementReport): Promise<AckLine[]> {
  const lines: AckLine[] = [];
  const error = (line: number, field: string | null, reason: string) =>
    report.errors.push({ line, field, reason });
  report.lines = await readAnswerRows(body, {
    columns: ACK_COLUMNS,
    required: ACK_COLUMNS.slice(0, 2),
    error,
    onRow: ({ line, cell }) => {
      const id = cell('id_inscription');
      const statut = cell('statut').toUpperCase();
      let bad = false;
      if (!isUuid(id)) {
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
      if (bad) return;
      lines.push({
        line,
        id: id.toLowerCase(),
        state: statut === 'INSCRIT' ? 'registered' : 'rejected',
        ftId: cell('identifiant_france_travail') || null,
        reason: cell('motif') || null,
      });
    },
  });
  return lines;
}

const sameAnswer = (a: Omit<AckLine, 'line'>, b: Omit<AckLine, 'line'>) =>
  a.state === b.state && a.ftId === b.ftId && a.reason === b.reason;

function ackMessage(r: AcknowledgementReport): string {
  if (r.errors.length > 0)
    return `L’accusé de réception contient ${plural(r.errors.length, 'erreur', 'erreurs')} : rien n’a été enregistré.`;
  if (r.registered + r.rejected === 0)
    return `Accusé de réception déjà pris en compte : rien n’a changé (${plural(r.unchanged, 'ligne identique', 'lignes identiques')} à ce qui est enregistré).`;
  const parts = [
    plural(r.registered, 'inscription confirmée', 'inscriptions confirmées'),
    plural(r.rejected, 'refusée', 'refusées'),
  ];
  if (r.unchanged) parts.push(plural(r.unchanged, 'déjà enregistrée', 'déjà enregistrées'));
  if (r.repeated)
    parts.push(`${plural(r.repeated, 'ligne en double appliquée', 'lignes en double appliquées')} une fois`);
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
  request: RequestInfo,
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
        await beneficiaryEvents.append(trx, {
          departmentCode: actor.departmentCode,
          personId: r.person_id,
          occurredOn: today,
          type: 'france_travail',
          data: { state: l.state, identifier: l.ftId, reason: l.reason },
          actorAccountId: actor.accountId,
          source: 'france_travail',
        });
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

/** The upload of the screen: a file with errors is refused (400) with every error as a field. */
export async function acknowledgeRegistrations(
  ctx: AppContext,
  actor: RequestActor,
  body: Buffer,
  request: RequestInfo,
): Promise<AcknowledgementReport> {
  const report = await importAcknowledgement(ctx, actor, body, request);
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
  return report;
}
