import {
  accountCreateSchema,
  accountListQuerySchema,
  accountSchema,
  accountUpdateSchema,
  auditEventSchema,
  auditQuerySchema,
  auditVerifyResultSchema,
  authConfigSchema,
  bigintId,
  jobListQuerySchema,
  jobSchema,
  loginRequestSchema,
  passwordChangeSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  sessionResponseSchema,
} from '@parcours/contracts';
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import { personListLabel } from '../../../platform/audit/list-read';
import { OidcClient } from '../../../platform/auth/oidc';
import {
  forgetAccountSessions,
  permissionsOf,
  type RequestActor,
  type SessionService,
} from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { JobTable } from '../../../platform/db/schema';
import { notFound, unauthenticated } from '../../../platform/errors';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import { createAccount, unlockAccount, updateAccount } from '../application/accounts';
import {
  changePassword,
  confirmPasswordReset,
  login,
  PASSWORD_RESET_QUEUE,
  requestPasswordReset,
} from '../application/auth';
import { accountQuery, getAccountDto, toAccountDto } from '../infra/accounts-repo';

const OIDC_STATE_COOKIE = 'parcours_oidc_state';
const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });
const jobIdParams = z.object({ id: bigintId });

export async function registerAccessModule(app: TypedApp, ctx: AppContext, sessions: SessionService) {
  const publicUrl = ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`;
  const oidc = ctx.config.oidc
    ? new OidcClient(ctx.config.oidc, `${publicUrl.replace(/\/$/, '')}/api/auth/oidc/callback`)
    : undefined;

  const department = async () =>
    (
      await ctx.db
        .selectFrom('department')
        .select('name')
        .where('code', '=', ctx.config.departmentCode)
        .executeTakeFirst()
    )?.name ?? `Département ${ctx.config.departmentCode}`;

  async function sessionResponse(actor: RequestActor) {
    const scope = await ctx.db
      .selectFrom('account as a')
      .leftJoin('insertion_hub as h', 'h.id', 'a.hub_id')
      .leftJoin('structure as s', 's.id', 'a.structure_id')
      .select(['h.name as hub_name', 's.name as structure_name'])
      .where('a.id', '=', actor.accountId)
      .executeTakeFirstOrThrow();
    return {
      actor: {
        accountId: actor.accountId,
        email: actor.email,
        displayName: actor.displayName,
        role: actor.role,
        departmentCode: actor.departmentCode,
        hubId: actor.hubId,
        hubName: scope.hub_name,
        structureId: actor.structureId,
        structureName: scope.structure_name,
        personId: actor.personId,
        permissions: permissionsOf(actor.role),
      },
      csrfToken: actor.csrfToken,
      idleTimeoutSeconds: ctx.config.sessionIdleMinutes * 60,
      expiresAt: actor.expiresAt.toISOString(),
    };
  }

  // ---- Authentication -------------------------------------------------------------------------
  app.get(
    '/api/auth/config',
    {
      config: { access: { public: true, reason: 'la page de connexion doit savoir quels moyens proposer' } },
      schema: { tags: ['auth'], response: { 200: authConfigSchema } },
    },
    async () => ({
      oidcEnabled: Boolean(oidc),
      oidcLabel: ctx.config.oidcLabel,
      departmentName: await department(),
    }),
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: { permission: 'session.self' } },
      schema: { tags: ['auth'], response: { 200: sessionResponseSchema } },
    },
    async (req) => sessionResponse(actorOf(req)),
  );

  app.post(
    '/api/auth/login',
    {
      config: {
        access: { public: true, reason: 'connexion' },
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: sessionResponseSchema } },
    },
    async (req, reply) => {
      const token = await login(ctx, sessions, req, reply, req.body);
      // Not cached: the session's first request checks it in the database (fresh from login).
      const actor = await sessions.loadToken(token, { cache: false });
      if (!actor) throw unauthenticated();
      return sessionResponse(actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { permission: 'session.self' } }, schema: { tags: ['auth'] } },
    async (req, reply) => {
      const actor = actorOf(req);
      await sessions.revoke(actor.sessionIdHash);
      await ctx.audit.record({ actor, action: 'auth.logout', request: requestOf(req) });
      sessions.clearCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-all',
    { config: { access: { permission: 'session.self' } }, schema: { tags: ['auth'] } },
    async (req, reply) => {
      const actor = actorOf(req);
      await sessions.revokeAll(actor.accountId);
      await ctx.audit.record({ actor, action: 'auth.logout_all', request: requestOf(req) });
      sessions.clearCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    {
      config: {
        access: { public: true, reason: 'mot de passe oublié' },
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: passwordResetRequestSchema },
    },
    async (req, reply) => {
      await requestPasswordReset(ctx, req.body.email, requestOf(req));
      return reply.status(202).send({
        message:
          'Si un compte correspond à cette adresse, un e-mail de réinitialisation vient d’être envoyé.',
      });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: {
        access: { public: true, reason: 'lien de réinitialisation reçu par e-mail' },
        rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], body: passwordResetConfirmSchema },
    },
    async (req, reply) => {
      await confirmPasswordReset(ctx, sessions, req.body, requestOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password/change',
    {
      config: { access: { permission: 'session.self' } },
      schema: { tags: ['auth'], body: passwordChangeSchema },
    },
    async (req, reply) => {
      await changePassword(ctx, actorOf(req), req.body, requestOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/oidc/login',
    {
      config: { access: { public: true, reason: 'début de la connexion OpenID Connect' } },
      schema: { tags: ['auth'] },
    },
    async (_req, reply) => {
      if (!oidc) throw notFound('Connexion OpenID Connect');
      try {
        const { url, state, nonce, codeVerifier } = await oidc.authorizationUrl();
        await ctx.db
          .insertInto('oidc_login_state')
          .values({ state, nonce, code_verifier: codeVerifier, department_code: ctx.config.departmentCode })
          .execute();
        // Binds the callback to this browser: a state minted elsewhere is refused.
        reply.setCookie(OIDC_STATE_COOKIE, state, {
          path: '/api/auth/oidc',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.cookieSecure,
          maxAge: 600,
        });
        return reply.redirect(url.href);
      } catch (err) {
        ctx.log.error({ err }, 'oidc login start failed');
        return reply.redirect('/connexion?erreur=oidc_echec');
      }
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: { public: true, reason: 'retour du fournisseur OpenID Connect' } },
      schema: { tags: ['auth'] },
    },
    async (req, reply) => {
      if (!oidc) throw notFound('Connexion OpenID Connect');
      const query = req.query as Record<string, string | undefined>;
      const cookieState = req.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/auth/oidc' });
      if (!query.state || !cookieState || query.state !== cookieState) {
        return reply.redirect('/connexion?erreur=oidc_echec');
      }
      const saved = await ctx.db
        .deleteFrom('oidc_login_state')
        .where('state', '=', query.state)
        .where('created_at', '>', sql<Date>`now() - interval '10 minutes'`)
        .returningAll()
        .executeTakeFirst();
      if (!saved) return reply.redirect('/connexion?erreur=oidc_echec');
      let identity: { subject: string; email: string | null };
      try {
        const current = new URL(req.url, publicUrl);
        identity = await oidc.callback(current, {
          state: saved.state,
          nonce: saved.nonce,
          codeVerifier: saved.code_verifier,
        });
      } catch (err) {
        ctx.log.warn({ err }, 'oidc callback failed');
        return reply.redirect('/connexion?erreur=oidc_echec');
      }
      // Agents are provisioned by an administrator; the first OIDC login links the identity by e-mail.
      const account =
        (await ctx.db
          .selectFrom('account')
          .selectAll()
          .where('oidc_subject', '=', identity.subject)
          .executeTakeFirst()) ??
        (identity.email
          ? await ctx.db
              .selectFrom('account')
              .selectAll()
              .where('email', '=', identity.email)
              .where('oidc_subject', 'is', null)
              .executeTakeFirst()
          : undefined);
      if (!account?.active || account.role === 'beneficiary') {
        await ctx.audit.record({
          actor: null,
          departmentCode: ctx.config.departmentCode,
          action: 'auth.login_failed',
          details: { method: 'oidc', reason: account ? 'disabled' : 'unknown_identity' },
          request: requestOf(req),
        });
        return reply.redirect('/connexion?erreur=oidc_inconnu');
      }
      await ctx.db
        .updateTable('account')
        .set({ oidc_subject: identity.subject, last_login_at: new Date(), failed_login_count: 0 })
        .where('id', '=', account.id)
        .execute();
      await ctx.audit.record({
        actor: { accountId: account.id, role: account.role, departmentCode: account.department_code },
        action: 'auth.login',
        details: { method: 'oidc' },
        request: requestOf(req),
      });
      await sessions.create(reply, req, account, 'oidc');
      return reply.redirect('/');
    },
  );

  // ---- Accounts (administrators) --------------------------------------------------------------
  const manageAccounts = { access: { permission: 'accounts.manage' as const } };

  app.get(
    '/api/admin/accounts',
    {
      config: manageAccounts,
      schema: {
        tags: ['admin'],
        querystring: accountListQuerySchema,
        response: { 200: z.object({ items: z.array(accountSchema) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      let q = accountQuery(ctx.db).where('a.department_code', '=', actor.departmentCode);
      if (req.query.role) q = q.where('a.role', '=', req.query.role);
      if (req.query.structureId) q = q.where('a.structure_id', '=', req.query.structureId);
      if (req.query.hubId) q = q.where('a.hub_id', '=', req.query.hubId);
      if (req.query.q) {
        const like = `%${req.query.q.toLowerCase()}%`;
        q = q.where((eb) =>
          eb.or([eb('a.email', 'like', like), eb(eb.fn('lower', ['a.display_name']), 'like', like)]),
        );
      }
      const rows = await q.orderBy('a.display_name').limit(1000).execute();
      return { items: rows.map(toAccountDto) };
    },
  );

  app.get(
    '/api/admin/accounts/:id',
    {
      config: manageAccounts,
      schema: { tags: ['admin'], params: idParams, response: { 200: accountSchema } },
    },
    async (req) => {
      const account = await getAccountDto(ctx.db, actorOf(req).departmentCode, req.params.id);
      if (!account) throw notFound('Compte');
      return account;
    },
  );

  app.post(
    '/api/admin/accounts',
    {
      config: manageAccounts,
      schema: { tags: ['admin'], body: accountCreateSchema, response: { 201: accountSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await createAccount(ctx, actorOf(req), req.body, requestOf(req))),
  );

  app.put(
    '/api/admin/accounts/:id',
    {
      config: manageAccounts,
      schema: {
        tags: ['admin'],
        params: idParams,
        body: accountUpdateSchema,
        response: { 200: accountSchema },
      },
    },
    async (req) => {
      const { account, deactivated } = await updateAccount(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        requestOf(req),
      );
      if (deactivated) await sessions.revokeAll(req.params.id);
      // A new role, pôle or structure applies from the account's next request.
      forgetAccountSessions(ctx, req.params.id);
      return account;
    },
  );

  app.post(
    '/api/admin/accounts/:id/unlock',
    {
      config: manageAccounts,
      schema: { tags: ['admin'], params: idParams, response: { 200: accountSchema } },
    },
    async (req) => unlockAccount(ctx, actorOf(req), req.params.id, requestOf(req)),
  );

  app.post(
    '/api/admin/accounts/:id/revoke-sessions',
    { config: manageAccounts, schema: { tags: ['admin'], params: idParams } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await ctx.db
        .selectFrom('account')
        .select('id')
        .where('id', '=', req.params.id)
        .where('department_code', '=', actor.departmentCode)
        .executeTakeFirst();
      if (!target) throw notFound('Compte');
      await sessions.revokeAll(target.id);
      await ctx.audit.record({
        actor,
        action: 'account.sessions_revoked',
        targetType: 'account',
        targetId: target.id,
        request: requestOf(req),
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/admin/accounts/:id/send-reset',
    { config: manageAccounts, schema: { tags: ['admin'], params: idParams } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await ctx.db
        .selectFrom('account')
        .select(['id', 'email'])
        .where('id', '=', req.params.id)
        .where('department_code', '=', actor.departmentCode)
        .executeTakeFirst();
      if (!target) throw notFound('Compte');
      await ctx.db.transaction().execute(async (trx) => {
        await ctx.jobs.enqueue(
          trx,
          PASSWORD_RESET_QUEUE,
          { accountId: target.id },
          { singletonKey: target.id },
        );
        await ctx.audit.record(
          {
            actor,
            action: 'account.reset_sent',
            targetType: 'account',
            targetId: target.id,
            request: requestOf(req),
          },
          trx,
        );
      });
      return reply
        .status(202)
        .send({ message: `Un e-mail de réinitialisation va être envoyé à ${target.email}.` });
    },
  );

  // ---- Audit trail ----------------------------------------------------------------------------
  app.get(
    '/api/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['admin'],
        querystring: auditQuerySchema,
        response: { 200: z.object({ items: z.array(auditEventSchema), nextBefore: z.string().nullable() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { personId, actorAccountId, action, before, limit } = req.query;
      let q = ctx.db
        .selectFrom('audit_event as e')
        .leftJoin('account as a', 'a.id', 'e.actor_account_id')
        .select([
          'e.seq',
          'e.occurred_at',
          'e.actor_account_id',
          'a.display_name',
          'e.actor_role',
          'e.action',
          'e.person_id',
          'e.target_type',
          'e.target_id',
          'e.reason',
          'e.ip',
          'e.request_id',
          'e.details',
          sql<number | null>`cardinality(e.person_ids)`.as('listed_count'),
        ])
        .where('e.department_code', '=', actor.departmentCode);
      // Who accessed a file: its own reads and the lists (search, queue, exports) it appeared in.
      if (personId)
        q = q.where((eb) =>
          eb.or([eb('e.person_id', '=', personId), sql<boolean>`e.person_ids @> ARRAY[${personId}]::uuid[]`]),
        );
      if (actorAccountId) q = q.where('e.actor_account_id', '=', actorAccountId);
      if (action) q = q.where('e.action', '=', action);
      if (before) q = q.where(sql<boolean>`e.seq < ${before}::bigint`);
      const rows = await q
        .orderBy('e.seq', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      if (personId) {
        // Looking at who read a file is itself a read of that file's trail.
        await ctx.audit.record({
          actor,
          action: 'audit.person_trail_read',
          personId,
          targetType: 'person',
          targetId: personId,
          request: requestOf(req),
        });
      }
      return {
        items: page.map((r) => ({
          seq: r.seq,
          occurredAt: new Date(r.occurred_at).toISOString(),
          actorAccountId: r.actor_account_id,
          actorName: r.display_name,
          actorRole: r.actor_role,
          action: r.action,
          personId: r.person_id,
          targetType: r.target_type,
          targetId: r.target_id,
          reason: r.reason,
          ip: r.ip,
          requestId: r.request_id,
          listLabel: r.listed_count !== null && personId ? personListLabel(r.details) : null,
          listedCount: r.listed_count,
        })),
        nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.post(
    '/api/admin/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['admin'], response: { 200: auditVerifyResultSchema } },
    },
    async (req) => {
      const actor = actorOf(req);
      const result = await ctx.audit.verify(actor.departmentCode);
      await ctx.audit.record({
        actor,
        action: 'audit.verified',
        details: { ok: result.ok, checked: result.checked },
        request: requestOf(req),
      });
      return result;
    },
  );

  // ---- Background jobs ------------------------------------------------------------------------
  const toJob = (j: Selectable<JobTable>) => ({
    id: j.id,
    queue: j.queue,
    status: j.status as 'pending' | 'running' | 'done' | 'failed',
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: new Date(j.run_at).toISOString(),
    lastError: j.last_error,
    createdAt: new Date(j.created_at).toISOString(),
    finishedAt: j.finished_at ? new Date(j.finished_at).toISOString() : null,
  });

  app.get(
    '/api/admin/jobs',
    {
      config: { access: { permission: 'jobs.manage' } },
      schema: {
        tags: ['admin'],
        querystring: jobListQuerySchema,
        response: {
          200: z.object({
            items: z.array(jobSchema),
            counts: z.object({
              pending: z.number(),
              running: z.number(),
              done: z.number(),
              failed: z.number(),
            }),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      let q = ctx.db.selectFrom('job').selectAll().where('department_code', '=', actor.departmentCode);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
      const counts = await ctx.db
        .selectFrom('job')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .where('department_code', '=', actor.departmentCode)
        .groupBy('status')
        .execute();
      const byStatus = { pending: 0, running: 0, done: 0, failed: 0 };
      for (const c of counts) byStatus[c.status as keyof typeof byStatus] = Number(c.n);
      return { items: rows.map(toJob), counts: byStatus };
    },
  );

  app.post(
    '/api/admin/jobs/:id/retry',
    {
      config: { access: { permission: 'jobs.manage' } },
      schema: { tags: ['admin'], params: jobIdParams, response: { 200: jobSchema } },
    },
    async (req) => {
      const actor = actorOf(req);
      const job = await ctx.jobs.retry(req.params.id, actor.departmentCode);
      if (!job) throw notFound('Tâche en échec');
      await ctx.audit.record({
        actor,
        action: 'job.retried',
        targetType: 'job',
        targetId: job.id,
        request: requestOf(req),
      });
      return toJob(job);
    },
  );
}
