import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { personScope, requirePerson } from '../../beneficiaries';
import { lettersPdf, type PrintableLetter } from '../infra/pdf/letters-pdf';
import type { LetterData } from './compose';

export type LetterSelection = { batchId: string } | { messageIds: string[] };

const maxDay = (a: string, b: string) => (a > b ? a : b);

/**
 * The letters selected, refusing the whole set when one of them concerns a person outside the
 * actor's scope (a partial PDF would silently hide a letter). Returns the persons for the audit.
 */
export async function loadLetters(
  ctx: AppContext,
  actor: RequestActor,
  select: LetterSelection,
): Promise<{ letters: PrintableLetter[]; personIds: string[] }> {
  const dep = actor.departmentCode;
  if ('batchId' in select) {
    const batch = await ctx.db
      .selectFrom('message_batch')
      .select('id')
      .where('id', '=', select.batchId)
      .where('department_code', '=', dep)
      .executeTakeFirst();
    if (!batch) throw notFound('Lot de courriers');
  } else if (select.messageIds.length === 0) {
    throw notFound('Courrier');
  }
  let q = ctx.db
    .selectFrom('message as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('message_batch as b', 'b.id', 'm.batch_id')
    .select([
      'm.id',
      'm.person_id',
      'p.sex',
      'm.kind',
      'm.recipient',
      'm.subject',
      'm.body',
      'm.data',
      'm.created_at',
      'm.batch_id',
      'b.posted_on',
      sql<boolean>`${personScope(actor)}`.as('in_scope'),
    ])
    .where('m.department_code', '=', dep)
    .where('m.channel', '=', 'letter')
    .where('m.status', '!=', 'cancelled');
  q =
    'batchId' in select
      ? q.where('m.batch_id', '=', select.batchId)
      : q.where('m.id', 'in', select.messageIds);
  // Printed in the order of the names, as letters are put in envelopes.
  const rows = await q.orderBy('p.birth_name').orderBy('p.first_name').orderBy('m.created_at').execute();
  if (rows.length === 0) throw notFound('Courrier');
  if (rows.some((r) => !r.in_scope))
    throw forbidden('Certains courriers concernent des personnes hors de votre périmètre.');
  const today = parisToday();
  const letters = rows.map((r): PrintableLetter => {
    const data = (r.data ?? {}) as Partial<LetterData>;
    const created = new Date(r.created_at);
    const generatedOn = data.issuedOn ?? created.toISOString().slice(0, 10);
    return {
      id: r.id,
      recipientLines: r.recipient.split('\n'),
      subject: r.subject,
      body: r.body,
      departmentName: data.departmentName ?? `Département ${dep}`,
      hubName: data.hubName ?? null,
      issuePlace: data.issuePlace ?? data.departmentName ?? '',
      // A letter of a postal batch is dated the day it is posted: printed today until then.
      issuedOn: r.batch_id ? (r.posted_on ? String(r.posted_on) : maxDay(generatedOn, today)) : generatedOn,
      reference: data.reference ?? null,
      // Letters stored before the notice was kept: by their kind. A stored null prints no notice.
      notice:
        data.notice !== undefined ? data.notice : r.kind === 'decision' ? 'decision' : 'rights_and_duties',
      contact: data.contact ?? null,
      sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
    };
  });
  return { letters, personIds: [...new Set(rows.map((r) => r.person_id))] };
}

/** One real PDF holding the letters of a batch, or of the given letter messages, in the actor's scope. */
export async function renderLettersPdf(
  ctx: AppContext,
  actor: RequestActor,
  select: { batchId: string } | { messageIds: string[] },
): Promise<Buffer> {
  const { letters } = await loadLetters(ctx, actor, select);
  return lettersPdf(letters, letters.length > 1 ? 'Courriers' : 'Courrier');
}

/** A PDF to send, with the file name it is offered under. */
export interface LetterFile {
  pdf: Buffer;
  fileName: string;
}

/** The letters of a convocation batch, for printing; each person concerned is audited as read. */
export async function batchLettersPdf(
  ctx: AppContext,
  actor: RequestActor,
  batchId: string,
  request: RequestInfo,
): Promise<LetterFile> {
  const { letters, personIds } = await loadLetters(ctx, actor, { batchId });
  for (const personId of personIds) {
    await ctx.audit.personRead(actor, personId, request, 'impression des courriers');
  }
  return { pdf: await lettersPdf(letters, 'Courriers'), fileName: `courriers-${batchId.slice(0, 8)}.pdf` };
}

/** One letter message as a PDF, behind the person gate; the reading is audited. */
export async function letterPdf(
  ctx: AppContext,
  actor: RequestActor,
  messageId: string,
  request: RequestInfo,
): Promise<LetterFile> {
  const m = await ctx.db
    .selectFrom('message')
    .select(['id', 'person_id'])
    .where('id', '=', messageId)
    .where('department_code', '=', actor.departmentCode)
    .where('channel', '=', 'letter')
    .executeTakeFirst();
  if (!m) throw notFound('Courrier');
  await requirePerson(ctx, actor, m.person_id, request);
  const { letters } = await loadLetters(ctx, actor, { messageIds: [m.id] });
  await ctx.audit.personRead(actor, m.person_id, request, 'courrier');
  return { pdf: await lettersPdf(letters, 'Courrier'), fileName: `courrier-${m.id.slice(0, 8)}.pdf` };
}

/** Every letter still to post in the actor's scope (batches not posted yet), in one PDF; each person audited. */
export async function lettersToPostPdf(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
): Promise<LetterFile> {
  const rows = await ctx.db
    .selectFrom('message as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .innerJoin('message_batch as b', 'b.id', 'm.batch_id')
    .select('m.id')
    .where('m.department_code', '=', actor.departmentCode)
    .where('m.channel', '=', 'letter')
    .where('m.status', '=', 'generated')
    .where('b.status', '=', 'prepared')
    .where(personScope(actor))
    .limit(1000)
    .execute();
  // Nothing to post: a one-line PDF says so (the list of an empty scope, not an error).
  const { letters, personIds } =
    rows.length === 0
      ? { letters: [], personIds: [] }
      : await loadLetters(ctx, actor, { messageIds: rows.map((r) => r.id) });
  for (const personId of personIds) {
    await ctx.audit.personRead(actor, personId, request, 'impression des courriers');
  }
  return {
    pdf: await lettersPdf(letters, 'Courriers à poster'),
    fileName: `courriers-a-poster-${parisToday()}.pdf`,
  };
}
