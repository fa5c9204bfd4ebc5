import { type Alert, alertKinds, hasPermission, type Role } from '@parcours/contracts';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { frenchDate } from '../domain/agenda';
import { resolveFollowScope } from '../infra/follow-scope';
import { alertsOf, groupAlerts } from './alerts';

export const ALERT_DIGEST_QUEUE = 'alerts.digest';
/** One agent's digest e-mail, queued by the daily job. */
export const ALERT_DIGEST_MAIL_QUEUE = 'alerts.digest-mail';
/** Every morning at seven, Paris time. */
export const ALERT_DIGEST_CRON = '0 7 * * *';

/** The daily schedule is a row, installed at start (like the reminders'). */
export async function ensureAlertDigestSchedule(ctx: AppContext): Promise<void> {
  const dep = ctx.config.departmentCode;
  await ctx.jobs.schedule(`alerts.digest:${dep}`, ALERT_DIGEST_CRON, ALERT_DIGEST_QUEUE);
}

const DIGEST_ROLES: Role[] = ['referent', 'structure_manager'];

export interface DigestResult {
  date: string;
  /** The agents written to, with their number of alerts. */
  sent: { email: string; alerts: number }[];
  /** Agents with alerts who chose not to receive the digest. */
  optedOut: number;
}

/** Plain text, one line per alert: names as given (internal agents), never a NIR nor health data. */
export function digestText(
  name: string,
  date: string,
  alerts: readonly Alert[],
  link: string,
  account: string,
) {
  const groups = groupAlerts(alerts).filter((g) => g.count > 0);
  const lines = [
    `Bonjour ${name},`,
    '',
    `Au ${frenchDate(date)}, ${alerts.length} alerte${alerts.length > 1 ? 's' : ''} d’accompagnement concerne${alerts.length > 1 ? 'nt' : ''} les personnes que vous suivez :`,
    ...groups.map((g) => `- ${g.label} : ${g.count}`),
    '',
  ];
  for (const g of groups) {
    lines.push(`${g.label} (${g.count})`);
    for (const a of g.items)
      lines.push(
        `  • ${a.personName}${a.referentName ? ` (référent : ${a.referentName})` : ''} — ${a.label}`,
      );
    lines.push('');
  }
  lines.push(
    `Voir les alertes et ouvrir les dossiers : ${link}`,
    '',
    `Pour ne plus recevoir ce récapitulatif, décochez la case sur la page « Mon compte » : ${account}`,
  );
  return lines.join('\n');
}

function digestAccounts(ctx: AppContext, departmentCode: string) {
  return ctx.db
    .selectFrom('account')
    .select(['id', 'email', 'display_name', 'role', 'hub_id', 'structure_id', 'person_id', 'alert_digest'])
    .where('department_code', '=', departmentCode)
    .where('active', '=', true)
    .where('role', 'in', DIGEST_ROLES)
    .where('structure_id', 'is not', null)
    .orderBy('email');
}
type DigestAccount = Awaited<ReturnType<ReturnType<typeof digestAccounts>['executeTakeFirstOrThrow']>>;

/**
 * One agent's digest of the day: nothing without alerts or when they opted out. The e-mail names
 * persons: each one sent is a list read by its recipient, audited.
 */
async function sendDigestTo(
  ctx: AppContext,
  departmentCode: string,
  a: DigestAccount,
  date: string,
): Promise<{ outcome: 'sent' | 'opted_out' | 'none'; alerts: number }> {
  const role = a.role as Role;
  if (!hasPermission(role, 'alerts.read')) return { outcome: 'none', alerts: 0 };
  const actor = {
    accountId: a.id,
    departmentCode,
    role,
    hubId: a.hub_id,
    structureId: a.structure_id,
    personId: a.person_id,
  };
  const scope = await resolveFollowScope(ctx.db, actor, {});
  const alerts = await alertsOf(ctx, actor, scope, date);
  if (alerts.length === 0) return { outcome: 'none', alerts: 0 };
  if (!a.alert_digest) return { outcome: 'opted_out', alerts: alerts.length };
  const base = (ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`).replace(/\/$/, '');
  await ctx.mailer.send({
    to: a.email,
    subject: `Parcours — ${alerts.length} alerte${alerts.length > 1 ? 's' : ''} d’accompagnement au ${frenchDate(date)}`,
    text: digestText(a.display_name, date, alerts, `${base}/alertes`, `${base}/mon-compte`),
  });
  await recordPersonList(
    ctx,
    actor,
    null,
    'alerts.digest',
    { date, kinds: alertKinds.filter((k) => alerts.some((x) => x.kind === k)).join(',') },
    alerts.map((x) => x.personId),
  );
  return { outcome: 'sent', alerts: alerts.length };
}

/**
 * Sends now, one after the other, each référent and structure manager with at least one alert the
 * list of their alerts of the day (those who opted out excepted): the command line's digest.
 */
export async function sendAlertDigests(ctx: AppContext, departmentCode: string, date = parisToday()) {
  const result: DigestResult = { date, sent: [], optedOut: 0 };
  for (const a of await digestAccounts(ctx, departmentCode).execute()) {
    const { outcome, alerts } = await sendDigestTo(ctx, departmentCode, a, date);
    if (outcome === 'opted_out') result.optedOut++;
    if (outcome === 'sent') result.sent.push({ email: a.email, alerts });
  }
  return result;
}

/**
 * The daily schedule's job: one job per agent who wants the digest, each retried on its own (an
 * SMTP failure for one never sends the others theirs twice), one waiting job per agent and day.
 */
export async function enqueueAlertDigests(ctx: AppContext, departmentCode: string, date = parisToday()) {
  const accounts = await digestAccounts(ctx, departmentCode).where('alert_digest', '=', true).execute();
  for (const a of accounts) {
    await ctx.jobs.enqueue(
      ctx.db,
      ALERT_DIGEST_MAIL_QUEUE,
      { accountId: a.id, date },
      { singletonKey: `alerts.digest:${a.id}:${date}` },
    );
  }
  return accounts.length;
}

/** The job of one agent's digest (the account may have opted out or left since it was queued). */
export async function sendAlertDigestOf(
  ctx: AppContext,
  departmentCode: string,
  accountId: string,
  date: string,
) {
  const a = await digestAccounts(ctx, departmentCode).where('id', '=', accountId).executeTakeFirst();
  return a ? (await sendDigestTo(ctx, departmentCode, a, date)).outcome : 'none';
}

/** The agent's own choice about the digest. */
export async function getDigestPreference(ctx: AppContext, actor: RequestActor) {
  const row = await ctx.db
    .selectFrom('account')
    .select('alert_digest')
    .where('id', '=', actor.accountId)
    .executeTakeFirstOrThrow();
  return { enabled: row.alert_digest };
}

export async function setDigestPreference(
  ctx: AppContext,
  actor: RequestActor,
  input: { enabled: boolean },
  request: RequestInfo,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await trx
      .updateTable('account')
      .set({ alert_digest: input.enabled, updated_at: new Date() })
      .where('id', '=', actor.accountId)
      .execute();
    await audit({
      action: 'account.alert_digest_changed',
      targetType: 'account',
      targetId: actor.accountId,
      details: { enabled: input.enabled },
    });
  });
  return { enabled: input.enabled };
}
