import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

/** The orientation queue of a pôle, its export and the batch convocation. */
export async function registerOrientationQueueRoutes(_app: TypedApp, _ctx: AppContext) {}
