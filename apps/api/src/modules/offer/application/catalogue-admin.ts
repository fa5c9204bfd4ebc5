import type {
  actionInputSchema,
  actionOperatorsInputSchema,
  actionTerritoriesInputSchema,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { conflict, invalid, notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { getAction } from './catalogue';

type ActionInput = z.output<typeof actionInputSchema>;
type Trx = Transaction<Database>;

const duplicateCode = () =>
  conflict('Une action du catalogue porte déjà ce code.', [
    { path: 'code', code: 'duplicate', message: 'Une action du catalogue porte déjà ce code.' },
  ]);

function columns(input: ActionInput) {
  return {
    code: input.code,
    title: input.title,
    axis: input.axis,
    kind: input.kind,
    status: input.status,
    grouping: input.grouping,
    objectives: input.objectives,
    description: input.description,
    public_description: input.publicDescription,
    target_min_age: input.targetMinAge,
    target_max_age: input.targetMaxAge,
    target_sex: input.targetSex,
    publics: [...new Set(input.publics)],
    thematiques: [...new Set(input.thematiques)],
    service_type: input.serviceType,
    weekly_hours: input.weeklyHours,
    weeks: input.weeks,
    phases: JSON.stringify(input.phases),
    planned_beneficiaries: input.plannedBeneficiaries,
    planned_beneficiaries_text: input.plannedBeneficiariesText,
    indicators: JSON.stringify(input.indicators),
    unit_cost_cents: input.unitCostCents,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
}

async function assertCodeFree(trx: Trx, dep: string, code: string, exceptId?: string) {
  let q = trx
    .selectFrom('insertion_action')
    .select('id')
    .where('department_code', '=', dep)
    .where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw duplicateCode();
}

export async function createAction(
  ctx: AppContext,
  actor: RequestActor,
  input: ActionInput,
  request: RequestInfo,
) {
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await assertCodeFree(trx, actor.departmentCode, input.code);
    const row = await trx
      .insertInto('insertion_action')
      .values({ ...columns(input), department_code: actor.departmentCode, source: 'manual' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'catalogue.action_created',
      targetType: 'insertion_action',
      targetId: row.id,
      details: { code: input.code },
    });
    return row.id;
  });
  return getAction(ctx, actor, id);
}

/** Locks the action at the version the agent saw and moves it to the next version. */
async function bumpAction(trx: Trx, dep: string, id: string, version: number) {
  const row = await trx
    .selectFrom('insertion_action')
    .select(['id', 'version'])
    .where('id', '=', id)
    .where('department_code', '=', dep)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Action');
  if (row.version !== version) throw versionConflict();
  await trx
    .updateTable('insertion_action')
    .set({ version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function updateAction(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: ActionInput & { version: number },
  request: RequestInfo,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await bumpAction(trx, actor.departmentCode, id, input.version);
    await assertCodeFree(trx, actor.departmentCode, input.code, id);
    await trx.updateTable('insertion_action').set(columns(input)).where('id', '=', id).execute();
    await audit({
      action: 'catalogue.action_updated',
      targetType: 'insertion_action',
      targetId: id,
      details: { code: input.code, status: input.status },
    });
  });
  return getAction(ctx, actor, id);
}

export async function setActionOperators(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: z.output<typeof actionOperatorsInputSchema>,
  request: RequestInfo,
) {
  const structureIds = [...new Set(input.structureIds)];
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await bumpAction(trx, actor.departmentCode, id, input.version);
    if (structureIds.length) {
      const known = await trx
        .selectFrom('structure')
        .select('id')
        .where('department_code', '=', actor.departmentCode)
        .where('id', 'in', structureIds)
        .execute();
      if (known.length !== structureIds.length)
        throw invalid('structureIds', 'Structure inconnue dans le département.');
    }
    await trx.deleteFrom('insertion_action_operator').where('action_id', '=', id).execute();
    if (structureIds.length)
      await trx
        .insertInto('insertion_action_operator')
        .values(
          structureIds.map((structure_id) => ({
            department_code: actor.departmentCode,
            action_id: id,
            structure_id,
          })),
        )
        .execute();
    await audit({
      action: 'catalogue.operators_set',
      targetType: 'insertion_action',
      targetId: id,
      details: { structureIds },
    });
  });
  return getAction(ctx, actor, id);
}

export async function setActionTerritories(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: z.output<typeof actionTerritoriesInputSchema>,
  request: RequestInfo,
) {
  const dep = actor.departmentCode;
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await bumpAction(trx, dep, id, input.version);
    const hubIds = [...new Set(input.territories.flatMap((t) => (t.hubId ? [t.hubId] : [])))];
    const communes = [...new Set(input.territories.flatMap((t) => (t.communeCode ? [t.communeCode] : [])))];
    if (hubIds.length) {
      const known = await trx
        .selectFrom('insertion_hub')
        .select('id')
        .where('department_code', '=', dep)
        .where('id', 'in', hubIds)
        .execute();
      const ok = new Set(known.map((h) => h.id));
      const i = input.territories.findIndex((t) => t.hubId && !ok.has(t.hubId));
      if (i >= 0) throw invalid(`territories.${i}.hubId`, "Pôle d'insertion inconnu dans le département.");
    }
    if (communes.length) {
      const known = await trx
        .selectFrom('commune')
        .select('insee_code')
        .where('department_code', '=', dep)
        .where('insee_code', 'in', communes)
        .execute();
      const ok = new Set(known.map((c) => c.insee_code));
      const i = input.territories.findIndex((t) => t.communeCode && !ok.has(t.communeCode));
      if (i >= 0)
        throw invalid(`territories.${i}.communeCode`, "Cette commune n'appartient pas au département.");
    }
    await trx.deleteFrom('insertion_action_territory').where('action_id', '=', id).execute();
    if (input.territories.length)
      await trx
        .insertInto('insertion_action_territory')
        .values(
          input.territories.map((t) => ({
            department_code: dep,
            action_id: id,
            lot: t.lot,
            hub_id: t.hubId,
            commune_code: t.communeCode,
          })),
        )
        .execute();
    await audit({
      action: 'catalogue.territories_set',
      targetType: 'insertion_action',
      targetId: id,
      details: { count: input.territories.length },
    });
  });
  return getAction(ctx, actor, id);
}
