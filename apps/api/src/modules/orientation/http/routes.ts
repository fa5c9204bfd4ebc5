import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

/** Diagnosis, orientation proposal and decision, medical team. */
export async function registerOrientationModule(_app: TypedApp, _ctx: AppContext) {}
