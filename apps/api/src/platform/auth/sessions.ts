import { hasPermission, type Permission, type Role, rolePermissions } from '@parcours/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'parcours_session';

/** The authenticated agent or beneficiary behind a request. */
export interface RequestActor {
  accountId: string;
  departmentCode: string;
  role: Role;
  email: string;
  displayName: string;
  hubId: string | null;
  structureId: string | null;
  personId: string | null;
  sessionIdHash: string;
  csrfToken: string;
  expiresAt: Date;
  can(permission: Permission): boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: RequestActor | null;
  }
}

const LAST_SEEN_RESOLUTION_MS = 30_000;

export class SessionService {
  constructor(private readonly ctx: AppContext) {}

  async create(
    reply: FastifyReply,
    req: FastifyRequest,
    account: { id: string; department_code: string },
    method: 'password' | 'oidc',
  ) {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.ctx.config.sessionAbsoluteHours * 3_600_000);
    await this.ctx.db
      .insertInto('session')
      .values({
        id_hash: hashToken(token),
        department_code: account.department_code,
        account_id: account.id,
        csrf_token: newToken(),
        auth_method: method,
        expires_at: expiresAt,
        ip: req.ip,
        user_agent: req.headers['user-agent']?.slice(0, 300) ?? null,
      })
      .execute();
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.ctx.config.cookieSecure,
      expires: expiresAt,
    });
    return token;
  }

  /** Loads the session of the cookie, enforcing idle and absolute timeouts. */
  load(req: FastifyRequest): Promise<RequestActor | null> {
    return this.loadToken(req.cookies[SESSION_COOKIE]);
  }

  async loadToken(token: string | undefined): Promise<RequestActor | null> {
    if (!token) return null;
    const idHash = hashToken(token);
    const row = await this.ctx.db
      .selectFrom('session as s')
      .innerJoin('account as a', 'a.id', 's.account_id')
      .select([
        's.id_hash',
        's.csrf_token',
        's.expires_at',
        's.last_seen_at',
        's.revoked_at',
        'a.id as account_id',
        'a.department_code',
        'a.role',
        'a.email',
        'a.display_name',
        'a.hub_id',
        'a.structure_id',
        'a.person_id',
        'a.active',
      ])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.active) return null;
    const now = Date.now();
    const idleLimit = new Date(row.last_seen_at).getTime() + this.ctx.config.sessionIdleMinutes * 60_000;
    if (new Date(row.expires_at).getTime() <= now || idleLimit <= now) {
      await this.revoke(idHash);
      return null;
    }
    if (now - new Date(row.last_seen_at).getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.ctx.db
        .updateTable('session')
        .set({ last_seen_at: new Date() })
        .where('id_hash', '=', idHash)
        .execute();
    }
    const role = row.role as Role;
    return {
      accountId: row.account_id,
      departmentCode: row.department_code,
      role,
      email: row.email,
      displayName: row.display_name,
      hubId: row.hub_id,
      structureId: row.structure_id,
      personId: row.person_id,
      sessionIdHash: row.id_hash,
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
      can: (p) => hasPermission(role, p),
    };
  }

  async revoke(idHash: string) {
    await this.ctx.db
      .updateTable('session')
      .set({ revoked_at: new Date() })
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** "Se déconnecter partout" and account deactivation. */
  async revokeAll(accountId: string) {
    await this.ctx.db
      .updateTable('session')
      .set({ revoked_at: sql`now()` })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  clearCookie(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

export const permissionsOf = (role: Role) => [...rolePermissions[role]];
