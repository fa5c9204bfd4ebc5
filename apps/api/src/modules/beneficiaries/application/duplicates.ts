import type { DuplicateSuspect, PersonSummary } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound, versionConflict } from '../../../platform/http/errors';
import { personScope } from '../infra/person-scope';
import { personSummaryQuery, toPersonSummary } from '../infra/person-summary';

export const duplicateReasonLabels: Record<string, string> = {
  same_nir_different_birth_date: 'Même NIR, date de naissance différente',
  same_identity_different_nir: 'Même nom, prénom et date de naissance, NIR différent',
  same_identity_other_household: 'Même nom, prénom et date de naissance dans un autre foyer',
};

async function summaries(
  ctx: AppContext,
  actor: RequestActor,
  ids: string[],
): Promise<Map<string, PersonSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await personSummaryQuery(ctx.db).where('p.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, toPersonSummary(r, actor)]));
}

/** Suspected duplicates the actor may review: at least one of the two persons is in their scope. */
export async function listDuplicates(
  ctx: AppContext,
  actor: RequestActor,
  status: 'open' | 'linked' | 'dismissed',
) {
  const rows = await ctx.db
    .selectFrom('duplicate_suspect as d')
    .selectAll('d')
    .where('d.department_code', '=', actor.departmentCode)
    .where('d.status', '=', status)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('person as p')
            .select('p.id')
            .whereRef('p.id', '=', 'd.person_id')
            .where(personScope(actor)),
        ),
        eb.exists(
          eb
            .selectFrom('person as p')
            .select('p.id')
            .whereRef('p.id', '=', 'd.other_person_id')
            .where(personScope(actor)),
        ),
      ]),
    )
    .orderBy('d.created_at')
    .limit(200)
    .execute();
  const persons = await summaries(
    ctx,
    actor,
    rows.flatMap((r) => [r.person_id, r.other_person_id]),
  );
  return rows.map(
    (r): DuplicateSuspect => ({
      id: r.id,
      reason: r.reason,
      reasonLabel: duplicateReasonLabels[r.reason] ?? r.reason,
      status: r.status as DuplicateSuspect['status'],
      createdAt: new Date(r.created_at).toISOString(),
      version: r.version,
      persons: [persons.get(r.person_id)!, persons.get(r.other_person_id)!],
    }),
  );
}

/** An agent says whether the two records are the same person. Nothing is merged without this. */
export async function decideDuplicate(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { decision: 'link' | 'dismiss'; note: string | null; version: number },
  request: { ip: string; id: string },
) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('duplicate_suspect')
      .selectAll()
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .executeTakeFirst();
    if (!row) throw notFound('Doublon suspecté');
    const r = await trx
      .updateTable('duplicate_suspect')
      .set({
        status: input.decision === 'link' ? 'linked' : 'dismissed',
        decided_by: actor.accountId,
        decided_at: new Date(),
        note: input.note,
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw versionConflict();
    const today = new Date().toISOString().slice(0, 10);
    for (const personId of [row.person_id, row.other_person_id]) {
      await trx
        .insertInto('timeline_event')
        .values({
          department_code: actor.departmentCode,
          person_id: personId,
          occurred_on: today,
          type: 'duplicate_decision',
          data: JSON.stringify({ decision: input.decision, suspectId: id }),
          actor_account_id: actor.accountId,
          source: 'agent',
        })
        .execute();
    }
    await ctx.audit.record(
      {
        actor,
        action: `duplicate.${input.decision}`,
        personId: row.person_id,
        targetType: 'duplicate_suspect',
        targetId: id,
        reason: input.note,
        details: { otherPersonId: row.other_person_id },
        request,
      },
      trx,
    );
  });
  return (await listDuplicates(ctx, actor, input.decision === 'link' ? 'linked' : 'dismissed')).find(
    (d) => d.id === id,
  )!;
}
