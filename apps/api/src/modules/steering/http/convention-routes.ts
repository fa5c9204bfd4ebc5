import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

export async function registerConventionRoutes(_app: TypedApp, _ctx: AppContext) {}
