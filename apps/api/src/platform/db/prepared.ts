import { createHash } from 'node:crypto';
import { type Expression, sql } from 'kysely';
import type pg from 'pg';

/**
 * Hot queries (the person file, read under load) end with this comment: on PostgreSQL they run as
 * named prepared statements, so the server plans them once per connection instead of at every
 * execution (planning the file query cost more than running it). Only marked queries: a name per
 * distinct SQL text stays in each connection's memory.
 */
const MARK = '/* parcours:prepared */';
export const prepared: Expression<unknown> = sql.raw(MARK);

type Query = (text: unknown, values?: unknown, cb?: unknown) => unknown;

/** The pool Kysely gets: same clients, marked statements sent with a stable name. */
export function preparedPool(pool: pg.Pool): pg.Pool {
  const patched = new WeakSet<object>();
  // The name of each marked text, hashed once (the file query is ~3 kB, hashed at every reading).
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'connect') return Reflect.get(target, prop, receiver);
      return async () => {
        const client = await connect();
        if (!patched.has(client)) {
          patched.add(client);
          const query = client.query.bind(client) as Query;
          (client as unknown as { query: Query }).query = (text, values, cb) =>
            typeof text === 'string' && text.endsWith(MARK)
              ? query({ name: nameOf(text), text, values }, undefined, cb)
              : query(text, values, cb);
        }
        return client;
      };
    },
  });
}
