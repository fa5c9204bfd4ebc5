import { type AuditFilter, auditActionLabel, type Role, roleLabels } from '@parcours/contracts';
import { personListLabels, personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { auditRows } from '../infra/audit-repo';
import { filtersOf } from './audit';

/** Beyond this, the export asks for a narrower period (the file opens in a spreadsheet). */
export const AUDIT_EXPORT_MAX_ROWS = 20_000;

/** Without a byte order mark, Excel reads the file as Windows-1252 and garbles every accent. */
const CSV_BOM = '\uFEFF';

const COLUMNS = [
  'N° d’événement',
  'Date et heure (Paris)',
  'Agent',
  'E-mail de l’agent',
  'Rôle',
  'Action',
  'Code de l’action',
  'Personne',
  'Identifiant de la personne',
  'Liste',
  'Personnes listées',
  'Objet',
  'Motif',
  'Adresse IP',
  'Identifiant de la requête',
];

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** `;`-separated, quoted when needed; a cell a spreadsheet would run as a formula is defused. */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const roleName = (role: string | null) => (role === null ? 'Système' : (roleLabels[role as Role] ?? role));

const listName = (kind: string | null) =>
  kind ? (personListLabels[kind as keyof typeof personListLabels] ?? kind) : '';

/**
 * The filtered journal as CSV (UTF-8 with BOM, `;`), newest first. The export is itself traced,
 * with the persons it names (and, filtered on a person, as a read of that file's trail).
 */
export async function exportAuditCsv(
  ctx: AppContext,
  actor: RequestActor,
  filters: AuditFilter,
  request: RequestInfo,
  maxRows = AUDIT_EXPORT_MAX_ROWS,
): Promise<{ fileName: string; content: string }> {
  const found = await auditRows(ctx.db, actor.departmentCode, { ...filters, limit: maxRows + 1 });
  // A cut file says so in its last line: an auditor must never take a partial trail for the whole.
  const truncated = found.length > maxRows;
  const rows = truncated ? found.slice(0, maxRows) : found;
  const named = rows.flatMap((e) => (e.personName && e.personId ? [e.personId] : []));
  const trace = personListTrace('audit.export', filtersOf(filters), named);
  await ctx.audit.record({
    actor,
    action: 'audit.exported',
    personId: filters.personId ?? null,
    targetType: 'audit_journal',
    details: { ...trace.details, rows: rows.length, truncated },
    personIds: trace.personIds.length ? trace.personIds : null,
    request,
  });
  const lines = rows.map((e) =>
    [
      e.seq,
      parisDateTime.format(new Date(e.occurredAt)),
      e.actorName ?? (e.actorAccountId ? '' : 'Système'),
      e.actorEmail,
      roleName(e.actorRole),
      e.listLabel ?? auditActionLabel(e.action),
      e.action,
      e.personName,
      e.personId,
      listName(e.listKind),
      e.listedCount,
      e.personId ? '' : [e.targetType, e.targetId].filter(Boolean).join(' '),
      e.reason,
      e.ip,
      e.requestId,
    ]
      .map(csvCell)
      .join(';'),
  );
  if (truncated)
    lines.push(
      csvCell(
        `Export limité aux ${maxRows.toLocaleString('fr-FR')} événements les plus récents : d’autres correspondent aux filtres. Restreignez la période pour obtenir les suivants.`,
      ),
    );
  const day = new Date().toISOString().slice(0, 10);
  return {
    fileName: `journal-des-acces-${day}.csv`,
    content: `${CSV_BOM}${[COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`,
  };
}
