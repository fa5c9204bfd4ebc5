import type { AuditFilter, AuditPage, AuditVerifyResult } from '@parcours/contracts';
import { personListTrace } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { type AuditFilters, auditPage, auditSubject } from '../infra/audit-repo';

/** The filters as they are written in a trace's details (the period and action chosen). */
export const filtersOf = (filters: AuditFilter) => ({
  personId: filters.personId,
  actorAccountId: filters.actorAccountId,
  action: filters.action,
  from: filters.from,
  to: filters.to,
});

/**
 * A page of the trail; reading it is itself traced: asking about one person is a read of that
 * file's trail, any other page a read of the journal naming the persons it shows.
 */
export async function listAudit(
  ctx: AppContext,
  actor: RequestActor,
  filters: AuditFilters,
  request: RequestInfo,
): Promise<AuditPage> {
  const page = await auditPage(ctx.db, actor.departmentCode, filters);
  const subject = filters.personId
    ? await auditSubject(ctx.db, actor.departmentCode, filters.personId)
    : null;
  if (filters.personId) {
    await ctx.audit.record({
      actor,
      action: 'audit.person_trail_read',
      personId: filters.personId,
      targetType: 'person',
      targetId: filters.personId,
      details: { filters: filtersOf(filters) },
      request,
    });
  } else {
    const named = page.items.flatMap((e) => (e.personName && e.personId ? [e.personId] : []));
    const trace = personListTrace('audit.journal', filtersOf(filters), named);
    await ctx.audit.record({
      actor,
      action: 'audit.read',
      targetType: 'audit_journal',
      details: trace.details,
      personIds: trace.personIds.length ? trace.personIds : null,
      request,
    });
  }
  return { ...page, subject };
}

/** « Qui a consulté ce dossier »: the person gate has run (route scope); the read is traced. */
export async function personAudit(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  query: { before?: string | undefined; limit: number },
  request: RequestInfo,
): Promise<AuditPage> {
  return listAudit(ctx, actor, { personId, ...query }, request);
}

/** Checks the hash chain (and checkpoints) of the département's trail; the check is itself traced. */
export async function verifyAudit(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
): Promise<AuditVerifyResult> {
  const result = await ctx.audit.verify(actor.departmentCode);
  await ctx.audit.record({
    actor,
    action: 'audit.verified',
    details: { ok: result.ok, checked: result.checked },
    request,
  });
  return result;
}
