import {
  type ImmersionDetail,
  type ImmersionParty,
  type ImmersionSignLink,
  type ImmersionSignOnScreen,
  immersionParties,
  immersionPartyLabels,
  immersionWorkflow,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import { AuditTrail } from '../../../platform/audit/audit';
import type { RequestActor } from '../../../platform/auth/sessions';
import { hashToken, newToken } from '../../../platform/auth/tokens';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { frenchDate } from '../../../platform/timeline/registry';
import { unitOfWork } from '../../../platform/use-case';
import { type TransitionActor, transition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { SIGN_LINK_QUEUE, signLinkExpiry } from '../domain/sign-link';
import { immersionEvents } from '../domain/timeline-events';
import { endOf, type ImmersionRow, signaturesOf, startOf, structureName } from '../infra/immersion-repo';
import { loadImmersionDetail, personOfImmersion } from './read';

type Trx = Transaction<Database>;

/**
 * Signatures of a PMSMP convention: each party signs on screen (an agent records the party present,
 * with name and time) or through a single-use link e-mailed to them (no account: the link is the
 * proof). The last of the three moves the convention to `signed`.
 */

async function lockForSigning(trx: Trx, id: string, party: ImmersionParty, version?: number) {
  const row = await trx
    .selectFrom('immersion')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  if (version !== undefined && row.version !== version) throw versionConflict();
  if (row.status !== 'awaiting_signatures') {
    throw conflict(
      row.status === 'draft'
        ? 'Soumettez d’abord la convention à la signature.'
        : 'Cette convention n’attend plus de signature.',
    );
  }
  const signed = await signaturesOf(trx, id);
  if (signed.some((s) => s.party === party)) throw conflict(`${immersionPartyLabels[party]} a déjà signé.`);
  return { row, signed };
}

/** Records the signature, closes the party's links; the third one moves the convention to `signed`. */
export async function applySignature(
  trx: Trx,
  input: {
    row: ImmersionRow;
    signedCount: number;
    party: ImmersionParty;
    mode: 'on_screen' | 'email_link';
    signerName: string;
    actor: TransitionActor;
    request: RequestInfo | null;
  },
) {
  const { row, party, actor } = input;
  const now = new Date();
  await trx
    .insertInto('immersion_signature')
    .values({
      department_code: row.department_code,
      immersion_id: row.id,
      party,
      mode: input.mode,
      signer_name: input.signerName,
      signed_at: now,
      recorded_by: input.mode === 'on_screen' ? actor.accountId : null,
    })
    .execute();
  await trx
    .updateTable('immersion_sign_token')
    .set({ used_at: now })
    .where('immersion_id', '=', row.id)
    .where('party', '=', party)
    .where('used_at', 'is', null)
    .execute();
  const auditActor = actor.accountId
    ? { accountId: actor.accountId, role: actor.role, departmentCode: actor.departmentCode }
    : null;
  await trx
    .updateTable('immersion')
    .set({ version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await new AuditTrail(trx).record(
    {
      actor: auditActor,
      departmentCode: row.department_code,
      action: 'immersion.signed',
      personId: row.person_id,
      targetType: 'immersion',
      targetId: row.id,
      details: { party, mode: input.mode, signerName: input.signerName },
      request: input.request,
    },
    trx,
  );
  const today = parisToday();
  await immersionEvents.append(trx, {
    departmentCode: row.department_code,
    personId: row.person_id,
    occurredOn: today,
    type: 'immersion_signed_by',
    data: { party, mode: input.mode },
    actorAccountId: actor.accountId,
  });
  if (input.signedCount + 1 < immersionParties.length) return;
  await transition(trx, {
    workflow: immersionWorkflow,
    table: 'immersion',
    id: row.id,
    to: 'signed',
    actor,
    request: input.request,
    notFoundLabel: 'Convention d’immersion',
    audit: () => ({
      action: 'immersion.status_changed',
      personId: row.person_id,
      targetType: 'immersion',
      targetId: row.id,
      details: { from: 'awaiting_signatures', to: 'signed' },
    }),
    timeline: () => ({
      departmentCode: row.department_code,
      personId: row.person_id,
      occurredOn: today,
      type: 'immersion_signed',
      data: { hostName: row.host_name },
      actorAccountId: actor.accountId,
    }),
  });
}

/** An agent records a party present signing on screen (name and time). */
export async function signImmersionOnScreen(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ImmersionSignOnScreen,
  request: RequestInfo,
): Promise<ImmersionDetail> {
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  await unitOfWork(ctx, actor, request, async ({ trx }) => {
    const { row, signed } = await lockForSigning(trx, id, input.party, input.version);
    await applySignature(trx, {
      row,
      signedCount: signed.length,
      party: input.party,
      mode: 'on_screen',
      signerName: input.signerName.trim(),
      actor,
      request,
    });
  });
  return loadImmersionDetail(ctx.db, actor.departmentCode, id);
}

/**
 * Sends a party a single-use signing link by e-mail. The row is written now (expiry, address) and
 * its secret made by the job that sends it, so the token never sits in the queue (ADR 0015); a
 * newer link for the party closes the older one.
 */
export async function sendImmersionSignLink(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ImmersionSignLink,
  request: RequestInfo,
): Promise<{ detail: ImmersionDetail; expiresAt: string }> {
  const personId = await personOfImmersion(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const now = new Date();
  const expiresAt = signLinkExpiry(now);
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    await lockForSigning(trx, id, input.party, input.version);
    await trx
      .updateTable('immersion_sign_token')
      .set({ used_at: now })
      .where('immersion_id', '=', id)
      .where('party', '=', input.party)
      .where('used_at', 'is', null)
      .execute();
    const token = await trx
      .insertInto('immersion_sign_token')
      .values({
        department_code: actor.departmentCode,
        immersion_id: id,
        party: input.party,
        email: input.email,
        hash: null,
        created_by: actor.accountId,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.jobs.enqueue(trx, SIGN_LINK_QUEUE, { tokenId: token.id });
    await audit({
      action: 'immersion.sign_link_sent',
      personId,
      targetType: 'immersion',
      targetId: id,
      details: { party: input.party, email: input.email },
    });
    await timeline(immersionEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'immersion_sign_link_sent',
      data: { party: input.party },
    });
  });
  return {
    detail: await loadImmersionDetail(ctx.db, actor.departmentCode, id),
    expiresAt: expiresAt.toISOString(),
  };
}

const baseUrl = (ctx: AppContext) =>
  (ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`).replace(/\/$/, '');

/** The job: makes the secret, stores its hash, e-mails the link (nothing when the link was closed meanwhile). */
export async function sendSignLinkMail(ctx: AppContext, tokenId: string) {
  const token = newToken();
  const row = await ctx.db
    .updateTable('immersion_sign_token')
    .set({ hash: hashToken(token) })
    .where('id', '=', tokenId)
    .where('hash', 'is', null)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['immersion_id', 'party', 'email', 'expires_at'])
    .executeTakeFirst();
  // Links a day past their expiry prove nothing: gone (docs/rgpd/immersions.md); the audit keeps the facts.
  await ctx.db
    .deleteFrom('immersion_sign_token')
    .where('expires_at', '<', new Date(Date.now() - 86_400_000))
    .execute();
  if (!row) return;
  const imm = await ctx.db
    .selectFrom('immersion')
    .select(['host_name', 'job_label', 'start_date', 'end_date', 'structure_id'])
    .where('id', '=', row.immersion_id)
    .executeTakeFirstOrThrow();
  const structure = await structureName(ctx.db, imm.structure_id);
  const link = `${baseUrl(ctx)}/immersion/signer?jeton=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to: row.email,
    subject: 'Parcours — convention d’immersion à signer',
    text: [
      'Bonjour,',
      '',
      `${structure} vous invite à signer, pour ${immersionPartyLabels[row.party as ImmersionParty].toLowerCase()}, la convention de période de mise en situation en milieu professionnel (PMSMP) :`,
      `${imm.job_label} chez ${imm.host_name}, du ${frenchDate(startOf(imm))} au ${frenchDate(endOf(imm))}.`,
      '',
      `Ouvrez ce lien pour lire la convention puis la signer (valable jusqu’au ${frenchDate(new Date(row.expires_at).toISOString())}, une seule fois) :`,
      link,
      '',
      'Si vous n’êtes pas concerné, ignorez ce message.',
    ].join('\n'),
  });
}
