import type { AppContext } from '../../../platform/context';
import type { TypedApp } from '../../../platform/http/types';

/** Templates, messages, letters and provider delivery callbacks. */
export async function registerMessagingModule(_app: TypedApp, _ctx: AppContext) {}
