import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { addCalendarDays } from '../domain/agenda';

/** SQL of the référents: the rows of agent accounts, the référents of a structure and their load. */

type Exec = Kysely<Database>;

/**
 * Every active agent account of the structure (référent, structure manager) gets its `referent`
 * row, linked by account id: created when missing, idempotent. Called when the structure's inbox
 * is opened and before an assignment, so that accounts created since are assignable.
 */
export async function ensureAccountReferents(exec: Exec, dep: string, structureId: string): Promise<void> {
  await sql`
    INSERT INTO referent (department_code, structure_id, account_id, last_name, first_name, active_from)
    SELECT a.department_code, a.structure_id, a.id,
           CASE WHEN position(' ' IN a.display_name) > 0
                THEN substr(a.display_name, position(' ' IN a.display_name) + 1) ELSE a.display_name END,
           CASE WHEN position(' ' IN a.display_name) > 0
                THEN substr(a.display_name, 1, position(' ' IN a.display_name) - 1) ELSE '' END,
           CAST(a.created_at AS date)
    FROM account a
    WHERE a.department_code = ${dep} AND a.structure_id = ${structureId}
      AND a.role IN ('referent', 'structure_manager') AND a.active
      AND NOT EXISTS (SELECT 1 FROM referent r WHERE r.account_id = a.id)
    ON CONFLICT (account_id) WHERE account_id IS NOT NULL DO NOTHING`.execute(exec);
}

/**
 * The `referent` row of one agent account, kept in step with it: created for an active référent
 * or structure manager of a structure; its name follows the account; moved to the account's new
 * structure when it follows nobody; ended (active_to) when the account is deactivated or leaves
 * those roles, started again when it comes back.
 */
export async function syncAccountReferent(
  exec: Exec,
  dep: string,
  account: {
    accountId: string;
    role: string;
    structureId: string | null;
    displayName: string;
    active: boolean;
  },
  today: string,
): Promise<void> {
  const agent =
    ['referent', 'structure_manager'].includes(account.role) && !!account.structureId && account.active;
  const space = account.displayName.trim().indexOf(' ');
  const name = account.displayName.trim();
  const firstName = space > 0 ? name.slice(0, space) : '';
  const lastName = space > 0 ? name.slice(space + 1) : name;
  const row = await exec
    .selectFrom('referent as r')
    .select((eb) => [
      'r.id',
      'r.structure_id',
      'r.active_to',
      eb
        .selectFrom('referent_assignment as ra')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('ra.referent_id', '=', 'r.id')
        .where('ra.to_date', 'is', null)
        .as('load'),
    ])
    .where('r.account_id', '=', account.accountId)
    .executeTakeFirst();
  if (!row) {
    if (!agent) return;
    await exec
      .insertInto('referent')
      .values({
        department_code: dep,
        structure_id: account.structureId!,
        account_id: account.accountId,
        first_name: firstName,
        last_name: lastName,
        active_from: today,
      })
      .onConflict((oc) => oc.column('account_id').where('account_id', 'is not', null).doNothing())
      .execute();
    return;
  }
  const moves = agent && row.structure_id !== account.structureId && Number(row.load ?? 0) === 0;
  await exec
    .updateTable('referent')
    .set({
      first_name: firstName,
      last_name: lastName,
      ...(moves ? { structure_id: account.structureId! } : {}),
      // Ended: its last active day is the day before (no longer proposed nor assignable today).
      active_to: agent ? null : (row.active_to ?? addCalendarDays(today, -1)),
      version: sql`version + 1`,
    })
    .where('id', '=', row.id)
    .execute();
}

export interface ReferentRow {
  id: string;
  structureId: string;
  firstName: string;
  lastName: string;
  accountId: string | null;
  globalSupportPair: boolean;
  active: boolean;
  load: number;
}

function referentQuery(exec: Exec, dep: string, today: string) {
  return exec
    .selectFrom('referent as r')
    .select((eb) => [
      'r.id',
      'r.structure_id',
      'r.first_name',
      'r.last_name',
      'r.account_id',
      'r.global_support_pair',
      sql<boolean>`(r.active_from <= ${today} AND (r.active_to IS NULL OR r.active_to >= ${today}))`.as(
        'active',
      ),
      eb
        .selectFrom('referent_assignment as ra')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('ra.referent_id', '=', 'r.id')
        .where('ra.to_date', 'is', null)
        .as('load'),
    ])
    .where('r.department_code', '=', dep);
}

const toReferent = (r: {
  id: string;
  structure_id: string;
  first_name: string;
  last_name: string;
  account_id: string | null;
  global_support_pair: boolean;
  active: boolean;
  load: string | number | null;
}): ReferentRow => ({
  id: r.id,
  structureId: r.structure_id,
  firstName: r.first_name,
  lastName: r.last_name,
  accountId: r.account_id,
  globalSupportPair: r.global_support_pair,
  active: Boolean(r.active),
  load: Number(r.load ?? 0),
});

/** The structure's référents active today with their load (open assignments), by name. */
export async function structureReferents(
  exec: Exec,
  dep: string,
  structureId: string,
  today: string,
): Promise<ReferentRow[]> {
  const rows = await referentQuery(exec, dep, today)
    .where('r.structure_id', '=', structureId)
    .where('r.active_from', '<=', today)
    .where((eb) => eb.or([eb('r.active_to', 'is', null), eb('r.active_to', '>=', today)]))
    .orderBy('r.last_name')
    .orderBy('r.first_name')
    .execute();
  return rows.map(toReferent);
}

/** One référent of the département with its load, its row locked (assignments count against it). */
export async function lockReferent(exec: Exec, dep: string, referentId: string, today: string) {
  const locked = await exec
    .selectFrom('referent')
    .select('id')
    .where('id', '=', referentId)
    .where('department_code', '=', dep)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) return null;
  const row = await referentQuery(exec, dep, today).where('r.id', '=', referentId).executeTakeFirstOrThrow();
  return toReferent(row);
}
