import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

/** Agendas and appointments (slots, booking, rescheduling, cancellation, outcomes). */
export async function registerAccompanimentModule(_app: TypedApp, _ctx: AppContext) {}
