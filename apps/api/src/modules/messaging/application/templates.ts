import type { AppContext } from '../../../platform/context';

/** Default templates of the département, created on first start; administrators edit them. */
export async function ensureMessageTemplates(_ctx: AppContext): Promise<void> {}
