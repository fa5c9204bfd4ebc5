import {
  type MessageBatch,
  type MessageBatchDetail,
  type MessageBatchStatus,
  messageBatchWorkflow,
  messageWorkflow,
  personNameOfRow,
} from '@parcours/contracts';
import { sql } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { conflict, forbidden, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisDate, parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { transition } from '../../../platform/workflow/transition';
import { personScope, requirePerson } from '../../beneficiaries';
import { letterInTime } from '../domain/convocation-delays';
import { messagingEvents } from '../domain/timeline-events';
import { convocationDelayRuleOn } from './convocation-delays';

/* Postal batches: the letters of a batch convocation are printed as one PDF, then posted once. */

function batchQuery(db: Db, actor: RequestActor) {
  return (
    db
      .selectFrom('message_batch as b')
      .leftJoin('account as c', 'c.id', 'b.created_by')
      .leftJoin('account as po', 'po.id', 'b.posted_by')
      .select((eb) => [
        'b.id',
        'b.kind',
        'b.status',
        'b.created_at',
        'b.posted_on',
        'b.version',
        'c.display_name as created_by_name',
        'po.display_name as posted_by_name',
        eb
          .selectFrom('message as m')
          .select(sql<number>`count(*) FILTER (WHERE m.status != 'cancelled')::int`.as('n'))
          .whereRef('m.batch_id', '=', 'b.id')
          .where('m.channel', '=', 'letter')
          .as('letter_count'),
        eb
          .selectFrom('message as m')
          .select(sql<number>`count(*) FILTER (WHERE m.status = 'cancelled')::int`.as('n'))
          .whereRef('m.batch_id', '=', 'b.id')
          .where('m.channel', '=', 'letter')
          .as('cancelled_count'),
        eb
          .selectFrom('message as m')
          .innerJoin('appointment as a', 'a.id', 'm.appointment_id')
          .select((e) => e.fn.min('a.starts_at').as('first'))
          .whereRef('m.batch_id', '=', 'b.id')
          .where('m.channel', '=', 'letter')
          .as('first_appointment_at'),
      ])
      .where('b.department_code', '=', actor.departmentCode)
      .where('b.kind', '=', 'convocation')
      // Batches holding a letter of a person the actor follows.
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('message as m')
            .innerJoin('person as p', 'p.id', 'm.person_id')
            .select('m.id')
            .whereRef('m.batch_id', '=', 'b.id')
            .where('m.channel', '=', 'letter')
            .where(personScope(actor)),
        ),
      )
  );
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchQuery>['executeTakeFirstOrThrow']>>;

function toBatch(r: BatchRow): MessageBatch {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status as MessageBatchStatus,
    createdAt: new Date(r.created_at).toISOString(),
    createdByName: r.created_by_name,
    letterCount: Number(r.letter_count ?? 0),
    cancelledCount: Number(r.cancelled_count ?? 0),
    firstAppointmentAt: r.first_appointment_at ? new Date(r.first_appointment_at).toISOString() : null,
    postedOn: r.posted_on ? String(r.posted_on) : null,
    postedByName: r.posted_by_name,
    version: r.version,
  };
}

/** The convocation batches with letters, in the actor's scope, the latest first (counts only). */
export async function listBatches(
  ctx: AppContext,
  actor: RequestActor,
  query: { status?: MessageBatchStatus },
): Promise<MessageBatch[]> {
  let q = batchQuery(ctx.db, actor);
  if (query.status) q = q.where('b.status', '=', query.status);
  const rows = await q.orderBy('b.created_at', 'desc').limit(100).execute();
  return rows.map(toBatch);
}

async function batchLetters(db: Db, actor: RequestActor, batchId: string) {
  return db
    .selectFrom('message as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('appointment as a', 'a.id', 'm.appointment_id')
    .select([
      'm.id',
      'm.person_id',
      'm.status',
      'm.version',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
      'a.starts_at',
      'a.on_date',
      sql<boolean>`${personScope(actor)}`.as('in_scope'),
    ])
    .where('m.batch_id', '=', batchId)
    .where('m.department_code', '=', actor.departmentCode)
    .where('m.channel', '=', 'letter')
    .orderBy('p.birth_name')
    .orderBy('p.first_name')
    .execute();
}

/** One batch and its letters; refused when a letter concerns a person outside the actor's scope. */
export async function getBatch(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  request: RequestInfo,
): Promise<MessageBatchDetail> {
  const row = await batchQuery(ctx.db, actor).where('b.id', '=', batchId).executeTakeFirst();
  if (!row) throw notFound('Lot de courriers');
  const letters = await batchLetters(ctx.db, actor, batchId);
  if (letters.some((l) => !l.in_scope))
    throw forbidden('Certains courriers concernent des personnes hors de votre périmètre.');
  await recordPersonList(
    ctx,
    actor,
    request,
    'messaging.batch',
    { batchId },
    letters.map((l) => l.person_id),
  );
  return {
    ...toBatch(row),
    letters: letters.map((l) => ({
      id: l.id,
      personId: l.person_id,
      personName: personNameOfRow(l),
      status: l.status,
      appointmentAt: l.starts_at ? new Date(l.starts_at).toISOString() : null,
      version: l.version,
    })),
  };
}

/**
 * The agent posted the batch's letters today: the batch moves to `posted` once (a second time is
 * refused), its letters to `sent`, each person's timeline says so. Refused, naming them, when a
 * letter posted today would arrive too late for its appointment (withdraw it and call the person).
 */
export async function markBatchPosted(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  version: number,
  request: RequestInfo,
): Promise<MessageBatchDetail> {
  const today = parisToday();
  const rule = await convocationDelayRuleOn(ctx.db, actor.departmentCode, today);
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    const letters = await batchLetters(trx, actor, batchId);
    const toPost = letters.filter((l) => l.status === 'generated');
    await transition(trx, {
      workflow: messageBatchWorkflow,
      table: 'message_batch',
      id: batchId,
      to: 'posted',
      actor,
      request,
      version,
      notFoundLabel: 'Lot de courriers',
      guard: () => {
        if (letters.length === 0) throw notFound('Lot de courriers');
        if (letters.some((l) => !l.in_scope))
          throw forbidden('Certains courriers concernent des personnes hors de votre périmètre.');
      },
      check: () => {
        if (toPost.length === 0) return 'Ce lot n’a plus de courrier à poster.';
        const tooLate = toPost.filter(
          (l) =>
            !letterInTime(today, l.starts_at ? parisDate(new Date(l.starts_at)) : (l.on_date ?? today), rule),
        );
        if (tooLate.length === 0) return null;
        const names = tooLate.map(personNameOfRow);
        return `Posté aujourd’hui, le courrier ${tooLate.length > 1 ? 'de ces personnes arriverait' : 'de cette personne arriverait'} trop tard (délai postal de ${rule.letterDays} jours) : ${names.join(', ')}. Retirez ${tooLate.length > 1 ? 'ces courriers' : 'ce courrier'} du lot et prévenez la personne autrement, puis marquez le lot posté.`;
      },
      set: () => ({ posted_on: today, posted_at: new Date(), posted_by: actor.accountId }),
      after: async () => {
        await trx
          .updateTable('message')
          .set((eb) => ({
            status: 'sent',
            sent_at: new Date(),
            updated_at: new Date(),
            version: eb('version', '+', 1),
          }))
          .where('batch_id', '=', batchId)
          .where('channel', '=', 'letter')
          .where('status', '=', 'generated')
          .execute();
        for (const l of toPost) {
          await messagingEvents.append(trx, {
            departmentCode: actor.departmentCode,
            personId: l.person_id,
            occurredOn: today,
            type: 'letter_posted',
            data: { messageId: l.id, batchId, postedOn: today },
            actorAccountId: actor.accountId,
            source: 'parcours',
          });
        }
      },
      audit: () => ({
        action: 'messaging.batch_posted',
        targetType: 'message_batch',
        targetId: batchId,
        details: {
          postedOn: today,
          letters: toPost.map((l) => l.id),
          personIds: toPost.map((l) => l.person_id),
        },
      }),
    });
  });
  return getBatch(ctx, actor, batchId, request);
}

/** Withdraws a letter not posted yet (an appointment moved, a person reached otherwise). */
export async function cancelLetter(
  ctx: AppContext,
  actor: RequestActor,
  messageId: string,
  version: number,
  request: RequestInfo,
): Promise<{ id: string; status: 'cancelled' }> {
  const m = await ctx.db
    .selectFrom('message')
    .select(['id', 'person_id', 'channel', 'batch_id'])
    .where('id', '=', messageId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!m) throw notFound('Courrier');
  await requirePerson(ctx, actor, m.person_id, request, 'act');
  // A decision letter is the notification of record: never withdrawn.
  if (m.channel !== 'letter' || !m.batch_id)
    throw conflict('Seul un courrier de convocation pas encore posté peut être retiré.');
  await unitOfWork(ctx, actor, request, async ({ trx, timeline }) => {
    await transition(trx, {
      workflow: messageWorkflow,
      table: 'message',
      id: m.id,
      to: 'cancelled',
      actor,
      request,
      version,
      notFoundLabel: 'Courrier',
      check: (row) =>
        row.status === 'generated' ? null : 'Ce courrier est déjà posté : il ne peut plus être retiré.',
      set: () => ({ updated_at: new Date(), last_error: 'Retiré avant envoi par un agent.' }),
      audit: () => ({
        action: 'messaging.letter_cancelled',
        personId: m.person_id,
        targetType: 'message',
        targetId: m.id,
      }),
    });
    await timeline(messagingEvents, {
      personId: m.person_id,
      occurredOn: parisToday(),
      type: 'letter_cancelled',
      data: { messageId: m.id },
    });
  });
  return { id: m.id, status: 'cancelled' };
}
