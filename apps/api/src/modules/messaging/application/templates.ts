import {
  findTemplateProblems,
  type MessageChannelCode,
  type MessageTemplate,
  type MessageTemplateUpdate,
  previewPlaceholderValues,
  renderTemplate,
  smsLength,
  type TemplateCode,
  type TemplatePreview,
  templateCodeLabels,
  templateCodes,
  templatePlaceholders,
  templateSmsLength,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound, versionConflict } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { defaultTemplates } from '../domain/defaults';
import { REMINDER_QUEUE } from '../infra/outbox';
import { departmentName } from '../infra/recipients';

/** Reminders are looked for every quarter of an hour. */
export const REMINDER_CRON = '*/15 * * * *';

/** Default templates of the département, created on first start; administrators edit them. */
export async function ensureMessageTemplates(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  await ctx.db
    .insertInto('message_template')
    .values(
      defaultTemplates.map((t) => ({
        department_code: dep,
        code: t.code,
        channel: t.channel,
        subject: t.subject,
        body: t.body,
      })),
    )
    .onConflict((oc) => oc.columns(['department_code', 'code', 'channel']).doNothing())
    .execute();
  // The reminder schedule is a row too: installing it here (awaited at start) rather than when the
  // handlers are registered keeps the CLI, which only drains the queue, from racing its own exit.
  await ctx.jobs.schedule(`messaging.reminders:${dep}`, REMINDER_CRON, REMINDER_QUEUE);
}

const codeOrder = new Map<string, number>(templateCodes.map((c, i) => [c, i]));
const channelOrder: Record<string, number> = { letter: 0, email: 1, sms: 2 };

function templateQuery(ctx: AppContext, departmentCode: string) {
  return ctx.db
    .selectFrom('message_template as t')
    .leftJoin('account as a', 'a.id', 't.updated_by')
    .select([
      't.id',
      't.code',
      't.channel',
      't.subject',
      't.body',
      't.updated_at',
      't.version',
      'a.display_name as updated_by_name',
    ])
    .where('t.department_code', '=', departmentCode);
}
type TemplateRow = Awaited<ReturnType<ReturnType<typeof templateQuery>['executeTakeFirstOrThrow']>>;

function isTemplateCode(code: string): code is TemplateCode {
  return codeOrder.has(code);
}

/** `departmentName` fills {{departement}} as the preview does, so the length is the one sent. */
function toDto(t: TemplateRow, departmentName: string): MessageTemplate {
  const code = t.code as TemplateCode;
  return {
    id: t.id,
    code,
    codeLabel: templateCodeLabels[code] ?? t.code,
    channel: t.channel,
    subject: t.subject,
    body: t.body,
    placeholders: (templatePlaceholders[code] ?? []).map(({ name, label }) => ({ name, label })),
    sms: t.channel === 'sms' ? templateSmsLength(code, t.body, departmentName) : null,
    updatedAt: new Date(t.updated_at).toISOString(),
    updatedByName: t.updated_by_name,
    version: t.version,
  };
}

export async function listTemplates(ctx: AppContext, actor: RequestActor): Promise<MessageTemplate[]> {
  const rows = await templateQuery(ctx, actor.departmentCode).execute();
  const name = await departmentName(ctx.db, actor.departmentCode);
  return rows
    .filter((r) => isTemplateCode(r.code))
    .sort(
      (a, b) =>
        (codeOrder.get(a.code) ?? 99) - (codeOrder.get(b.code) ?? 99) ||
        (channelOrder[a.channel] ?? 9) - (channelOrder[b.channel] ?? 9),
    )
    .map((r) => toDto(r, name));
}

export async function getTemplate(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
): Promise<MessageTemplate> {
  const row = await templateQuery(ctx, actor.departmentCode).where('t.id', '=', id).executeTakeFirst();
  if (!row || !isTemplateCode(row.code)) throw notFound('Modèle');
  return toDto(row, await departmentName(ctx.db, actor.departmentCode));
}

/** Refuses, naming each faulty placeholder, a text that could not be rendered. */
function check(
  code: TemplateCode,
  channel: MessageChannelCode,
  input: { subject: string | null; body: string },
) {
  const problems = findTemplateProblems(code, channel, input);
  if (problems.length > 0) {
    throw new DomainError(
      'invalid',
      'VALIDATION_ERROR',
      problems.length === 1
        ? problems[0]!.message
        : 'Le modèle contient des erreurs : rien n’a été enregistré.',
      problems.map((p) => ({ path: p.path, code: 'template', message: p.message })),
    );
  }
}

export async function updateTemplate(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: MessageTemplateUpdate,
  request: { ip: string; id: string },
): Promise<MessageTemplate> {
  const current = await getTemplate(ctx, actor, id);
  const subject = current.channel === 'sms' ? null : (input.subject?.trim() ?? null);
  const body = input.body.replace(/\r\n/g, '\n').trim();
  check(current.code, current.channel, {
    subject: current.channel === 'sms' ? input.subject : subject,
    body,
  });
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    const r = await trx
      .updateTable('message_template')
      .set({
        subject,
        body,
        updated_by: actor.accountId,
        updated_at: new Date(),
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw versionConflict();
    await audit({
      action: 'messaging.template_updated',
      targetType: 'message_template',
      targetId: id,
      details: { code: current.code, channel: current.channel, version: input.version + 1 },
    });
  });
  return getTemplate(ctx, actor, id);
}

/** The template as a person would receive it, with sample values; the same checks as saving. */
export async function previewTemplate(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { subject: string | null; body: string },
): Promise<TemplatePreview> {
  const current = await getTemplate(ctx, actor, id);
  check(current.code, current.channel, input);
  const values = previewPlaceholderValues(current.code, await departmentName(ctx.db, actor.departmentCode));
  const body = renderTemplate(input.body.trim(), values);
  return {
    subject:
      current.channel === 'sms' || !input.subject ? null : renderTemplate(input.subject.trim(), values),
    body,
    sms: current.channel === 'sms' ? smsLength(body) : null,
  };
}
