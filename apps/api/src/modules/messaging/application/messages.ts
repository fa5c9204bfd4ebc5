import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type MessageStatus,
  messageWorkflow,
  type PersonMessage,
  type SmsDeliveryCallback,
} from '@parcours/contracts';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, notFound } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { transition, transitionIfAllowed } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { enqueueSend } from '../infra/outbox';
import type { SmsSender } from '../infra/sms';

type Request = { ip: string; id: string };

export { requirePerson };

/** A person's messages, newest first, with their delivery state. The reading is audited. */
export async function listPersonMessages(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: Request,
): Promise<PersonMessage[]> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'messages envoyés');
  const rows = await ctx.db
    .selectFrom('message as m')
    .leftJoin('account as a', 'a.id', 'm.created_by')
    .select([
      'm.id',
      'm.kind',
      'm.channel',
      'm.status',
      'm.recipient',
      'm.subject',
      'm.created_at',
      'a.display_name',
      'm.sent_at',
      'm.delivered_at',
      'm.attempts',
      'm.last_error',
      'm.appointment_id',
      'm.orientation_id',
      'm.batch_id',
    ])
    .where('m.person_id', '=', personId)
    .where('m.department_code', '=', actor.departmentCode)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.channel')
    .limit(500)
    .execute();
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((m) => ({
    id: m.id,
    kind: m.kind,
    channel: m.channel,
    status: m.status,
    recipient: m.recipient,
    subject: m.subject,
    createdAt: new Date(m.created_at).toISOString(),
    createdByName: m.display_name,
    sentAt: iso(m.sent_at),
    deliveredAt: iso(m.delivered_at),
    attempts: m.attempts,
    lastError: m.last_error,
    appointmentId: m.appointment_id,
    orientationId: m.orientation_id,
    batchId: m.batch_id,
  }));
}

/** Sends a failed e-mail or SMS again: back to pending, a fresh job with its full attempts. */
export async function retryMessage(
  ctx: AppContext,
  actor: RequestActor,
  messageId: string,
  request: Request,
): Promise<{ id: string; status: 'pending' }> {
  const m = await ctx.db
    .selectFrom('message')
    .select(['id', 'person_id', 'channel'])
    .where('id', '=', messageId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!m) throw notFound('Message');
  await requirePerson(ctx, actor, m.person_id, request);
  if (m.channel === 'letter') throw conflict('Un courrier ne se renvoie pas : imprimez-le de nouveau.');
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    transition(trx, {
      workflow: messageWorkflow,
      table: 'message',
      id: m.id,
      to: 'pending',
      actor,
      request,
      notFoundLabel: 'Message',
      set: () => ({ updated_at: new Date() }),
      after: () =>
        enqueueSend(trx, actor.departmentCode, { id: m.id, channel: m.channel as 'email' | 'sms' }),
      audit: () => ({
        action: 'messaging.message_retried',
        personId: m.person_id,
        targetType: 'message',
        targetId: m.id,
      }),
    }),
  );
  return { id: m.id, status: 'pending' };
}

type MessageFields = Updateable<Database['message']>;

/**
 * A move of the send job or of the provider's report, through the workflow table (untraced, as
 * these always were). Staying in the same status only updates the fields; a status the table does
 * not allow leaving that way (a late report) is left as it is.
 */
function systemMove(
  exec: Kysely<Database>,
  m: { id: string; department_code: string; status: MessageStatus },
  to: MessageStatus,
  fields: MessageFields,
) {
  const set = { ...fields, updated_at: new Date() };
  return exec.transaction().execute(async (trx) => {
    if (m.status === to) {
      await trx.updateTable('message').set(set).where('id', '=', m.id).execute();
      return;
    }
    await reportMove(trx, m, to, fields);
  });
}

/**
 * The job behind every e-mail and SMS. Idempotent: a message already sent is left alone. On a
 * failure the error is kept on the message and the queue retries with its back-off; after the
 * last attempt the message is `failed`, shown with its error.
 */
export async function sendMessage(
  ctx: AppContext,
  sms: SmsSender,
  messageId: string,
  job: { id: string; attempts: number },
): Promise<void> {
  const m = await ctx.db
    .selectFrom('message as m')
    .leftJoin('appointment as a', 'a.id', 'm.appointment_id')
    .select([
      'm.id',
      'm.kind',
      'm.channel',
      'm.status',
      'm.department_code',
      'm.recipient',
      'm.subject',
      'm.body',
      'a.status as appointment_status',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!m || (m.status !== 'pending' && m.status !== 'failed') || m.channel === 'letter') return;
  // A convocation or reminder for an appointment cancelled meanwhile must not go out.
  if (m.appointment_status && m.appointment_status !== 'planned' && m.kind !== 'decision') {
    await systemMove(ctx.db, m, 'cancelled', { last_error: "Rendez-vous annulé ou modifié avant l'envoi." });
    return;
  }
  const jobRow = await ctx.db
    .selectFrom('job')
    .select('max_attempts')
    .where('id', '=', job.id)
    .executeTakeFirst();
  const maxAttempts = jobRow?.max_attempts ?? 1;
  await ctx.db
    .updateTable('message')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('id', '=', m.id)
    .execute();
  try {
    const providerMessageId =
      m.channel === 'email'
        ? (await ctx.mailer.send({ to: m.recipient, subject: m.subject ?? '', text: m.body })).messageId
        : (await sms.send({ to: m.recipient, text: m.body, reference: m.id })).providerMessageId;
    await systemMove(ctx.db, m, 'sent', {
      sent_at: new Date(),
      provider_message_id: providerMessageId || null,
      last_error: null,
    });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    const final = job.attempts >= maxAttempts;
    await systemMove(ctx.db, m, final ? 'failed' : 'pending', {
      last_error: final ? reason : `${reason} (nouvel essai prévu)`,
    });
    throw err;
  }
}

const DELIVERED = new Set(['delivered', 'delivrd', 'received', 'remis']);
const UNDELIVERED = new Set(['failed', 'undelivered', 'undeliv', 'rejected', 'expired', 'error', 'echec']);

/** Constant-time comparison of the shared secret (hashes have equal length whatever the input). */
export function secretMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * A delivery report from the SMS provider: every report is kept; "delivered" and "failed"
 * update the message (a late report never undoes a delivery). Unknown ids are 404.
 */
export async function recordSmsCallback(ctx: AppContext, report: SmsDeliveryCallback): Promise<void> {
  const m = await ctx.db
    .selectFrom('message')
    .select(['id', 'department_code', 'person_id'])
    .where('channel', '=', 'sms')
    .where('provider_message_id', '=', report.id)
    .executeTakeFirst();
  if (!m) throw notFound('Message');
  const providerStatus = report.status.trim().toLowerCase();
  const status = DELIVERED.has(providerStatus)
    ? 'delivered'
    : UNDELIVERED.has(providerStatus)
      ? 'failed'
      : 'info';
  const at =
    report.occurredAt && !Number.isNaN(Date.parse(report.occurredAt))
      ? new Date(report.occurredAt)
      : new Date();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_delivery_event')
      .values({
        department_code: m.department_code,
        message_id: m.id,
        status,
        provider_status: report.status.slice(0, 50),
        payload: JSON.stringify(report),
      })
      .execute();
    // A late report never undoes a delivery: the table refuses, the message stays as it is.
    if (status === 'delivered') {
      await reportMove(trx, m, 'delivered', { delivered_at: at, last_error: null });
    } else if (status === 'failed') {
      await reportMove(trx, m, 'failed', {
        last_error: `Non remis par l'opérateur${report.error ? ` : ${report.error.slice(0, 300)}` : ''}`,
      });
    }
  });
}

/** A system move through the workflow table (untraced); null when the table does not allow it. */
function reportMove(
  trx: Transaction<Database>,
  m: { id: string; department_code: string },
  to: MessageStatus,
  fields: MessageFields,
) {
  return transitionIfAllowed(trx, {
    workflow: messageWorkflow,
    table: 'message',
    id: m.id,
    to,
    actor: { accountId: null, role: 'system', departmentCode: m.department_code },
    request: null,
    notFoundLabel: 'Message',
    set: () => ({ ...fields, updated_at: new Date() }),
    audit: () => null,
  });
}
