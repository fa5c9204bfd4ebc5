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
/**
 * How long a session checked in the database is trusted without asking again. Revocation in this
 * process (logout, "log out everywhere", deactivation, role or scope change) drops the entry at
 * once; this bound only covers a change made by another process (another API instance, SQL).
 */
const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_MAX = 20_000;

interface CachedSession {
  actor: RequestActor;
  lastSeenAt: number;
  checkedAt: number;
}

/**
 * Sessions recently checked in the database, shared by every SessionService of one database (one
 * per process). Under load the check of each request is then a map lookup instead of a query.
 */
class SessionCache {
  readonly entries = new Map<string, CachedSession>();
  /** Bumped by every invalidation: a load that started before it must not fill the cache. */
  generation = 0;

  get(idHash: string, now: number): CachedSession | undefined {
    const hit = this.entries.get(idHash);
    if (hit && now - hit.checkedAt < SESSION_CACHE_MS) return hit;
    if (hit) this.entries.delete(idHash);
    return undefined;
  }

  put(idHash: string, entry: CachedSession, generation: number) {
    if (generation !== this.generation) return;
    this.entries.delete(idHash);
    this.entries.set(idHash, entry);
    for (const key of this.entries.keys()) {
      if (this.entries.size <= SESSION_CACHE_MAX) break;
      this.entries.delete(key);
    }
  }

  forgetSession(idHash: string) {
    this.generation++;
    this.entries.delete(idHash);
  }

  forgetAccount(accountId: string) {
    this.generation++;
    for (const [key, e] of this.entries) if (e.actor.accountId === accountId) this.entries.delete(key);
  }
}

const caches = new WeakMap<object, SessionCache>();
function cacheOf(ctx: AppContext): SessionCache {
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new SessionCache();
    caches.set(ctx.db, cache);
  }
  return cache;
}

/**
 * To call after any change of an account that bears on its sessions (role, pôle, structure,
 * active): its sessions are checked in the database again at their next request.
 */
export function forgetAccountSessions(ctx: AppContext, accountId: string) {
  cacheOf(ctx).forgetAccount(accountId);
}

export class SessionService {
  private readonly cache: SessionCache;
  constructor(private readonly ctx: AppContext) {
    this.cache = cacheOf(ctx);
  }

  async create(
    reply: FastifyReply,
    req: FastifyRequest,
    account: { id: string; department_code: string },
    method: 'password' | 'oidc' | 'link' | 'sms_code',
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

  /**
   * The answer of load() when it needs no I/O (no cookie, or a cached session within its timeouts
   * whose last-seen is fresh), else undefined: the hot path of every request, without promises.
   */
  peek(req: FastifyRequest): RequestActor | null | undefined {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    const now = Date.now();
    const cached = this.cache.get(hashToken(token), now);
    if (!cached) return undefined;
    const idleLimit = cached.lastSeenAt + this.ctx.config.sessionIdleMinutes * 60_000;
    if (cached.actor.expiresAt.getTime() <= now || idleLimit <= now) return undefined;
    if (now - cached.lastSeenAt > LAST_SEEN_RESOLUTION_MS) return undefined;
    return cached.actor;
  }

  /** `cache: false` checks the database and leaves the cache as it is (the login's own answer). */
  async loadToken(token: string | undefined, opts: { cache?: boolean } = {}): Promise<RequestActor | null> {
    if (!token) return null;
    const idHash = hashToken(token);
    const now = Date.now();
    const cached = this.cache.get(idHash, now);
    if (cached) return this.stillValid(idHash, cached, now);
    const generation = this.cache.generation;
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
    const role = row.role as Role;
    const actor: RequestActor = {
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
    const entry = { actor, lastSeenAt: new Date(row.last_seen_at).getTime(), checkedAt: now };
    const valid = await this.stillValid(idHash, entry, now);
    if (valid && opts.cache !== false) this.cache.put(idHash, entry, generation);
    return valid;
  }

  /** Idle and absolute timeouts; last-seen written at most every LAST_SEEN_RESOLUTION_MS. */
  private async stillValid(idHash: string, entry: CachedSession, now: number): Promise<RequestActor | null> {
    const idleLimit = entry.lastSeenAt + this.ctx.config.sessionIdleMinutes * 60_000;
    if (entry.actor.expiresAt.getTime() <= now || idleLimit <= now) {
      await this.revoke(idHash);
      return null;
    }
    if (now - entry.lastSeenAt > LAST_SEEN_RESOLUTION_MS) {
      entry.lastSeenAt = now;
      await this.ctx.db
        .updateTable('session')
        .set({ last_seen_at: new Date(now) })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return entry.actor;
  }

  async revoke(idHash: string) {
    this.cache.forgetSession(idHash);
    await this.ctx.db
      .updateTable('session')
      .set({ revoked_at: new Date() })
      .where('id_hash', '=', idHash)
      .where('revoked_at', 'is', null)
      .execute();
    // Again after the write: a load that read the row before it cannot have refilled the cache.
    this.cache.forgetSession(idHash);
  }

  /** "Se déconnecter partout" and account deactivation. */
  async revokeAll(accountId: string) {
    this.cache.forgetAccount(accountId);
    await this.ctx.db
      .updateTable('session')
      .set({ revoked_at: sql`now()` })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .execute();
    // Again after the write: a load that read the row before it cannot have refilled the cache.
    this.cache.forgetAccount(accountId);
  }

  clearCookie(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

export const permissionsOf = (role: Role) => [...rolePermissions[role]];
