import { type CafAckReport, type CafLineKind, cafLineWorkflow, plural } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { readAnswerRows } from '../../../platform/csv/answer-rows';
import { DomainError, notFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { assertTransition } from '../../../platform/workflow/transition';
import { cafTransmissionEvents } from '../domain/caf-timeline-events';
import { cafFileById, requireDepartmentRole } from './caf-files';

/** Columns of the CAF's answer (docs/caf-transmission.md): `reference;statut;motif`. */
const ACK_COLUMNS = ['reference', 'statut', 'motif'] as const;
const STATUSES: Record<string, 'accepted' | 'rejected'> = {
  ACCEPTE: 'accepted',
  ACCEPTEE: 'accepted',
  REJETE: 'rejected',
  REJETEE: 'rejected',
};

type AckLine = { line: number; id: string; status: 'accepted' | 'rejected'; reason: string | null };
type Report = Omit<CafAckReport, 'file'>;

/** Reads the whole answer, every line checked on its own: all format errors in one pass. */
async function readAck(body: Buffer, report: Report): Promise<AckLine[]> {
  const lines: AckLine[] = [];
  const error = (line: number, field: string | null, reason: string) =>
    report.errors.push({ line, field, reason });
  report.lines = await readAnswerRows(body, {
    columns: ACK_COLUMNS,
    required: ACK_COLUMNS.slice(0, 2),
    error,
    onRow: ({ line, cell }) => {
      const id = cell('reference');
      const status = STATUSES[cell('statut').toUpperCase()];
      const reason = cell('motif').slice(0, 500) || null;
      let bad = false;
      if (!isUuid(id)) {
        error(line, 'reference', `référence de ligne invalide : « ${id.slice(0, 60)} »`);
        bad = true;
      }
      if (!status) {
        error(
          line,
          'statut',
          `statut inconnu : « ${cell('statut').slice(0, 40)} » (ACCEPTE ou REJETE attendu)`,
        );
        bad = true;
      } else if (status === 'rejected' && !reason) {
        error(line, 'motif', 'motif du rejet obligatoire');
        bad = true;
      }
      if (!bad)
        lines.push({
          line,
          id: id.toLowerCase(),
          status: status!,
          reason: status === 'accepted' ? null : reason,
        });
    },
  });
  return lines;
}

function ackMessage(r: Report): string {
  if (r.errors.length > 0)
    return `L’accusé de réception contient ${plural(r.errors.length, 'erreur', 'erreurs')} : rien n’a été enregistré.`;
  if (r.accepted + r.rejected === 0)
    return `Accusé de réception déjà pris en compte : rien n’a changé (${plural(r.unchanged, 'ligne identique', 'lignes identiques')} à ce qui est enregistré).`;
  const parts = [
    plural(r.accepted, 'ligne acceptée', 'lignes acceptées'),
    `${plural(r.rejected, 'ligne rejetée', 'lignes rejetées')} (remises à transmettre)`,
  ];
  if (r.unchanged) parts.push(plural(r.unchanged, 'déjà enregistrée', 'déjà enregistrées'));
  return `Accusé de réception enregistré : ${parts.join(', ')}.`;
}

class AckRefused extends Error {}

/**
 * The CAF's answer to one file. The whole answer is checked first — format, then every reference
 * against the lines of THIS file — and any error refuses it all (400, every error named, nothing
 * recorded). A line answered as already recorded changes nothing (the same answer twice is
 * idempotent); a different answer to a line already answered is an error. An accepted line is
 * done; a rejected one goes back to the queue with the CAF's reason, for the next file.
 */
export async function acknowledgeCafFile(
  ctx: AppContext,
  actor: RequestActor,
  fileId: string,
  body: unknown,
  request: RequestInfo,
): Promise<CafAckReport> {
  requireDepartmentRole(actor);
  if (!Buffer.isBuffer(body))
    throw new DomainError('invalid', 'VALIDATION_ERROR', 'Envoyez le fichier CSV (Content-Type: text/csv).');
  await cafFileById(ctx, actor, fileId);
  const report: Report = {
    lines: 0,
    accepted: 0,
    rejected: 0,
    unchanged: 0,
    repeated: 0,
    errors: [],
    message: '',
  };
  const read = await readAck(body, report);
  const byId = new Map<string, AckLine>();
  for (const l of read) {
    const first = byId.get(l.id);
    if (!first) byId.set(l.id, l);
    else if (first.status === l.status && first.reason === l.reason) report.repeated++;
    else
      report.errors.push({
        line: l.line,
        field: 'statut',
        reason: `la ligne ${l.id} figure déjà ligne ${first.line} avec une autre réponse`,
      });
  }
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    // Locked: the same answer sent twice at once is applied once.
    const file = await trx
      .selectFrom('caf_transmission_file')
      .select(['id', 'file_date'])
      .where('id', '=', fileId)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!file) throw notFound('Fichier de transmission à la CAF');
    const inFile = new Map(
      (
        await trx
          .selectFrom('caf_transmission_file_line as fl')
          .innerJoin('caf_transmission_line as l', 'l.id', 'fl.line_id')
          .select([
            'fl.line_id',
            'fl.ack_status',
            'fl.ack_reason',
            'l.person_id',
            'l.kind',
            'l.status',
            'l.file_id',
          ])
          .where('fl.file_id', '=', fileId)
          .execute()
      ).map((r) => [r.line_id, r]),
    );
    for (const l of byId.values()) {
      const known = inFile.get(l.id);
      if (!known)
        report.errors.push({
          line: l.line,
          field: 'reference',
          reason: `ligne inconnue dans ce fichier : ${l.id}`,
        });
      else if (known.ack_status && (known.ack_status !== l.status || (known.ack_reason ?? null) !== l.reason))
        report.errors.push({
          line: l.line,
          field: 'statut',
          reason: `la ligne ${l.id} a déjà reçu une autre réponse de la CAF (${known.ack_status === 'accepted' ? 'acceptée' : 'rejetée'})`,
        });
    }
    if (report.errors.length > 0) throw new AckRefused();

    const persons = new Set<string>();
    for (const l of byId.values()) {
      const known = inFile.get(l.id)!;
      if (known.ack_status) {
        report.unchanged++;
        continue;
      }
      assertTransition(
        cafLineWorkflow,
        'transmitted',
        l.status === 'accepted' ? 'accepted' : 'pending',
        actor.role,
      );
      await trx
        .updateTable('caf_transmission_file_line')
        .set({
          ack_status: l.status,
          ack_reason: l.reason,
          acknowledged_at: new Date(),
          acknowledged_by: actor.accountId,
        })
        .where('file_id', '=', fileId)
        .where('line_id', '=', l.id)
        .execute();
      await trx
        .updateTable('caf_transmission_line')
        .set((eb) =>
          l.status === 'accepted'
            ? { status: 'accepted', updated_at: new Date(), version: eb('version', '+', 1) }
            : {
                status: 'pending',
                rejection_count: eb('rejection_count', '+', 1),
                last_rejection_reason: l.reason,
                last_rejected_on: today,
                updated_at: new Date(),
                version: eb('version', '+', 1),
              },
        )
        .where('id', '=', l.id)
        .where('status', '=', 'transmitted')
        .execute();
      if (l.status === 'accepted') report.accepted++;
      else report.rejected++;
      persons.add(known.person_id);
      await cafTransmissionEvents.append(trx, {
        departmentCode: actor.departmentCode,
        personId: known.person_id,
        occurredOn: today,
        type: l.status === 'accepted' ? 'caf_line_accepted' : 'caf_line_rejected',
        data: { kind: known.kind as CafLineKind, reason: l.reason, lineId: l.id },
        actorAccountId: actor.accountId,
      });
    }
    if (report.accepted + report.rejected === 0) return;
    const answered = [...inFile.values()].filter((r) => r.ack_status || byId.has(r.line_id)).length;
    await trx
      .updateTable('caf_transmission_file')
      .set((eb) => ({
        status: answered === inFile.size ? 'acknowledged' : 'partially_acknowledged',
        acknowledged_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', fileId)
      .execute();
    await audit({
      action: 'caf.acknowledged',
      targetType: 'caf_transmission_file',
      targetId: fileId,
      personIds: [...persons],
      details: { accepted: report.accepted, rejected: report.rejected, unchanged: report.unchanged },
    });
  }).catch((err) => {
    if (!(err instanceof AckRefused)) throw err;
  });
  report.errors.sort((a, b) => a.line - b.line);
  report.message = ackMessage(report);
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
  return { ...report, file: await cafFileById(ctx, actor, fileId) };
}
