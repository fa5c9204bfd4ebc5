import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';

/** What the OIDC callback must find again: the state, nonce and PKCE verifier of a login start. */
export interface OidcLoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function saveOidcLoginState(db: Db, departmentCode: string, s: OidcLoginState) {
  await db
    .insertInto('oidc_login_state')
    .values({
      state: s.state,
      nonce: s.nonce,
      code_verifier: s.codeVerifier,
      department_code: departmentCode,
    })
    .execute();
}

/** Takes (deletes) a login state started less than 10 minutes ago: each one is used once. */
export async function takeOidcLoginState(db: Db, state: string): Promise<OidcLoginState | undefined> {
  const row = await db
    .deleteFrom('oidc_login_state')
    .where('state', '=', state)
    .where('created_at', '>', sql<Date>`now() - interval '10 minutes'`)
    .returningAll()
    .executeTakeFirst();
  return row && { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier };
}
