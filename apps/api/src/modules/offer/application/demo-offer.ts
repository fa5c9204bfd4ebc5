import type { AppContext } from '../../../platform/context';
import { loadDemoSessions } from './demo-sessions';
import { importAnnex } from './import-annex';

/**
 * The demo's insertion offer: the 2020 catalogue of the annex (slice "annex"), then sessions and
 * demo operators on a few actions (slice "catalogue"). Safe to run twice.
 */
export async function loadDemoOffer(ctx: AppContext): Promise<void> {
  await importAnnex(ctx, ctx.config.departmentCode);
  await loadDemoSessions(ctx);
}
