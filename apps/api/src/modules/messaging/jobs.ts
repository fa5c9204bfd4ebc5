import type { AppContext } from '../../platform/context';

/** Sending of e-mails and SMS, reminders, retries: the messaging module's background work. */
export function registerMessagingJobs(_ctx: AppContext) {}
