import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

export async function registerDashboardRoutes(_app: TypedApp, _ctx: AppContext) {}
