import { type DuplicateSuspect, type PersonSummary, unknownCode } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { forbidden, notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { beneficiaryEvents } from '../domain/timeline-events';
import { personScope } from '../infra/person-scope';
import { personSummaryQuery, toPersonSummary } from '../infra/person-summary';

export const duplicateReasonLabels: Record<string, string> = {
  same_nir_different_birth_date: 'Même NIR, date de naissance différente',
  same_nir_different_identity: 'Même NIR, identité différente (nom de naissance ou sexe)',
  same_identity_different_sex: 'Même nom, prénom et date de naissance dans le foyer, sexe différent',
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
      reasonLabel: duplicateReasonLabels[r.reason] ?? unknownCode(r.reason),
      status: r.status as DuplicateSuspect['status'],
      createdAt: new Date(r.created_at).toISOString(),
      version: r.version,
      persons: [persons.get(r.person_id)!, persons.get(r.other_person_id)!],
    }),
  );
}

/** The review screen's list: a bulk read of the persons of its pairs, written to the audit trail. */
export async function reviewDuplicates(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
  status: 'open' | 'linked' | 'dismissed',
) {
  const items = await listDuplicates(ctx, actor, status);
  await recordPersonList(
    ctx,
    actor,
    request,
    'duplicates',
    { status },
    items.flatMap((d) => d.persons.map((p) => p.id)),
  );
  return items;
}

/**
 * A linked pair is one person: the older record carries the pathway, the other points at it
 * (`duplicate_of`) and drops out of the orientation queue, the France Travail batches and the
 * indicators. Its registration not yet sent waits as `duplicate`. Undoing the link (dismiss)
 * gives the other record its own pathway back.
 */
async function applyLink(trx: Kysely<Database>, a: string, b: string, link: boolean) {
  const pair = await trx
    .selectFrom('person')
    .select(['id', 'created_at', 'duplicate_of'])
    .where('id', 'in', [a, b])
    .execute();
  if (pair.length !== 2) return;
  if (!link) {
    const absorbed = pair.filter((p) => p.duplicate_of === a || p.duplicate_of === b).map((p) => p.id);
    if (absorbed.length === 0) return;
    await trx.updateTable('person').set({ duplicate_of: null }).where('id', 'in', absorbed).execute();
    await trx
      .updateTable('ft_registration')
      .set({ state: 'pending', updated_at: new Date() })
      .where('person_id', 'in', absorbed)
      .where('state', '=', 'duplicate')
      .execute();
    return;
  }
  const [survivor, other] = [...pair].sort(
    (x, y) => new Date(x.created_at).getTime() - new Date(y.created_at).getTime() || (x.id < y.id ? -1 : 1),
  ) as [(typeof pair)[number], (typeof pair)[number]];
  await trx
    .updateTable('person')
    .set({ duplicate_of: survivor.duplicate_of ?? survivor.id })
    .where('id', '=', other.id)
    .execute();
  await trx
    .updateTable('ft_registration')
    .set({ state: 'duplicate', updated_at: new Date() })
    .where('person_id', '=', other.id)
    .where('state', '=', 'pending')
    .execute();
}

/** An agent says whether the two records are the same person. Nothing is merged without this. */
export async function decideDuplicate(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { decision: 'link' | 'dismiss'; note: string | null; version: number },
  request: { ip: string; id: string },
) {
  const outOfScope = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const row = await trx
      .selectFrom('duplicate_suspect as d')
      .selectAll('d')
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('person as p')
              .select('p.id')
              .where((w) =>
                w.or([w('p.id', '=', w.ref('d.person_id')), w('p.id', '=', w.ref('d.other_person_id'))]),
              )
              .where(personScope(actor)),
          )
          .as('in_scope'),
      )
      .where('d.id', '=', id)
      .where('d.department_code', '=', actor.departmentCode)
      .executeTakeFirst();
    if (!row) throw notFound('Doublon suspecté');
    // The same rule as the list: a reviewer decides only on pairs with a person of their scope.
    if (!row.in_scope) return { personId: row.person_id };
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
    await applyLink(trx, row.person_id, row.other_person_id, input.decision === 'link');
    const today = new Date().toISOString().slice(0, 10);
    for (const personId of [row.person_id, row.other_person_id]) {
      await timeline(beneficiaryEvents, {
        personId,
        occurredOn: today,
        type: 'duplicate_decision',
        data: { decision: input.decision, suspectId: id },
        source: 'agent',
      });
    }
    await audit({
      action: `duplicate.${input.decision}`,
      personId: row.person_id,
      targetType: 'duplicate_suspect',
      targetId: id,
      reason: input.note,
      details: { otherPersonId: row.other_person_id },
    });
    return null;
  });
  if (outOfScope) {
    // Audited after the transaction: nothing of the refused decision was written.
    await ctx.audit.record({
      actor,
      action: 'duplicate.decision_denied',
      personId: outOfScope.personId,
      targetType: 'duplicate_suspect',
      targetId: id,
      request,
    });
    throw forbidden('Ce doublon ne concerne aucune personne de votre périmètre.');
  }
  return (await listDuplicates(ctx, actor, input.decision === 'link' ? 'linked' : 'dismissed')).find(
    (d) => d.id === id,
  )!;
}
