import type { AuditVerifyResult } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { type AuditFilters, auditPage } from '../infra/audit-repo';

/** A page of the trail; asking about one person is itself audited. */
export async function listAudit(
  ctx: AppContext,
  actor: RequestActor,
  filters: AuditFilters,
  request: RequestInfo,
) {
  const page = await auditPage(ctx.db, actor.departmentCode, filters);
  if (filters.personId) {
    // Looking at who read a file is itself a read of that file's trail.
    await ctx.audit.record({
      actor,
      action: 'audit.person_trail_read',
      personId: filters.personId,
      targetType: 'person',
      targetId: filters.personId,
      request,
    });
  }
  return page;
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
