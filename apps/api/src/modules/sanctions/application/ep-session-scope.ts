import { type EpSessionStatus, type FieldError, roleScopeKind } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';
import { conflict, forbidden, notFound, unprocessable } from '../../../platform/errors';
import { sessionsQuery } from '../infra/ep-repo';

/** Scope and locking of an EP session, shared by its use cases: a pôle role works on its pôle's only. */
export const day = (v: unknown) => String(v).slice(0, 10);
export const frenchDay = (d: string) => d.split('-').reverse().join('/');
export const refuse = (path: string, code: string, message: string) =>
  unprocessable(message, 'VALIDATION_ERROR', [{ path, code, message } satisfies FieldError]);

/** The pôle a list or a new session is bound to: a pôle role's own, whatever it asks. */
export function hubOfActor(actor: RequestActor, asked: string | null | undefined): string | null {
  const kind = roleScopeKind[actor.role];
  if (kind === 'hub') return actor.hubId ?? '00000000-0000-0000-0000-000000000000';
  if (kind === 'department') return asked ?? null;
  throw forbidden('Les séances de l’équipe pluridisciplinaire relèvent des pôles.');
}

export function guardSession(actor: RequestActor, row: { hub_id: string }) {
  const kind = roleScopeKind[actor.role];
  if (kind === 'department') return;
  if (kind === 'hub' && row.hub_id === actor.hubId) return;
  throw forbidden('Cette séance relève de l’équipe pluridisciplinaire d’un autre pôle.');
}

export async function sessionRow(db: Db, actor: RequestActor, id: string) {
  const row = await sessionsQuery(db, actor.departmentCode).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Séance de l’équipe pluridisciplinaire');
  guardSession(actor, row);
  return row;
}

/** Locks the session for a change of its members or agenda, after its scope; refuses other statuses. */
export async function lockSession(
  trx: Transaction<Database>,
  actor: RequestActor,
  id: string,
  allowed: readonly EpSessionStatus[],
  refusal: (status: EpSessionStatus) => string,
) {
  const row = await trx
    .selectFrom('ep_session')
    .selectAll()
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Séance de l’équipe pluridisciplinaire');
  guardSession(actor, row);
  const status = row.status as EpSessionStatus;
  if (!allowed.includes(status)) throw conflict(refusal(status));
  return row;
}

export const notPreparing = (status: EpSessionStatus) =>
  status === 'cancelled'
    ? 'Cette séance a été annulée : son ordre du jour ne se modifie plus.'
    : 'Cette séance a déjà été tenue : son ordre du jour ne se modifie plus.';

/** The sessions of the reader's pôle (or of the pôle chosen by a département role); no person listed. */
