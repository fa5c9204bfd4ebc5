import type { StructureInput } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, invalid, notFound, versionConflict } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import {
  communeHub,
  communeResidents,
  hubExists,
  listCommunes,
  listHubs,
  listStructures,
  setCommuneHub,
  updateHubName,
} from '../infra/territory-repo';

type Request = { ip: string; id: string };

async function requireHub(db: Kysely<Database>, departmentCode: string, hubId: string, path = 'hubId') {
  if (!(await hubExists(db, departmentCode, hubId))) throw invalid(path, "Pôle d'insertion inconnu.");
}

export async function renameHub(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: { name: string; version: number },
  request: Request,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    if (!(await updateHubName(trx, actor.departmentCode, id, input))) {
      // Another département's pôle is unknown here, not "modified meanwhile".
      throw (await hubExists(trx, actor.departmentCode, id))
        ? versionConflict()
        : notFound("Pôle d'insertion");
    }
    await audit({
      action: 'territory.hub_renamed',
      targetType: 'hub',
      targetId: id,
      details: { name: input.name },
    });
  });
  return (await listHubs(ctx.db, actor.departmentCode, id))[0]!;
}

export async function assignCommune(
  ctx: AppContext,
  actor: RequestActor,
  inseeCode: string,
  hubId: string,
  request: Request,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await requireHub(trx, actor.departmentCode, hubId);
    const before = await communeHub(trx, actor.departmentCode, inseeCode);
    if (!before) throw notFound('Commune');
    await setCommuneHub(trx, inseeCode, hubId);
    await audit({
      action: 'territory.commune_moved',
      targetType: 'commune',
      targetId: inseeCode,
      details: { from: before.hub_id, to: hubId },
    });
  });
  return (await listCommunes(ctx.db, actor.departmentCode, { inseeCode }))[0]!;
}

/**
 * What a move of the commune to another pôle would carry with it, for the confirmation: the
 * households of the commune and their persons (counts only; nothing is read about a person).
 */
export async function previewCommuneMove(
  ctx: AppContext,
  actor: RequestActor,
  inseeCode: string,
  hubId: string,
) {
  const dep = actor.departmentCode;
  await requireHub(ctx.db, dep, hubId);
  const [commune] = await listCommunes(ctx.db, dep, { inseeCode });
  if (!commune) throw notFound('Commune');
  const [target] = await listHubs(ctx.db, dep, hubId);
  const residents = await communeResidents(ctx.db, dep, inseeCode);
  return {
    inseeCode,
    communeName: commune.name,
    fromHubName: commune.hubName,
    toHubName: target!.name,
    householdCount: residents.households,
    personCount: residents.persons,
  };
}

async function checkStructure(db: Kysely<Database>, departmentCode: string, input: StructureInput) {
  if (input.hubId) await requireHub(db, departmentCode, input.hubId);
  if (input.communeCode) {
    const c = await db
      .selectFrom('commune')
      .select('insee_code')
      .where('insee_code', '=', input.communeCode)
      .where('department_code', '=', departmentCode)
      .executeTakeFirst();
    if (!c) throw invalid('communeCode', "Cette commune n'appartient pas au département.");
  }
}

const duplicateName = () =>
  new DomainError('conflict', 'CONFLICT', 'Une structure de ce type porte déjà ce nom.', [
    { path: 'name', code: 'duplicate', message: 'Une structure de ce type porte déjà ce nom.' },
  ]);

export async function createStructure(
  ctx: AppContext,
  actor: RequestActor | null,
  input: StructureInput,
  request: Request | null,
) {
  const departmentCode = actor?.departmentCode ?? ctx.config.departmentCode;
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkStructure(trx, departmentCode, input);
    const dup = await trx
      .selectFrom('structure')
      .select('id')
      .where('department_code', '=', departmentCode)
      .where('kind', '=', input.kind)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw duplicateName();
    const row = await trx
      .insertInto('structure')
      .values({
        department_code: departmentCode,
        kind: input.kind,
        name: input.name,
        hub_id: input.hubId,
        commune_code: input.communeCode,
        address: input.address,
        email: input.email,
        phone: input.phone,
        active: input.active,
        opening_hours: input.openingHours ? JSON.stringify(input.openingHours) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.audit.record(
      {
        actor,
        departmentCode,
        action: 'territory.structure_created',
        targetType: 'structure',
        targetId: row.id,
        request,
      },
      trx,
    );
    return row.id;
  });
  return (await listStructures(ctx.db, departmentCode, { id }))[0]!;
}

export async function updateStructure(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: StructureInput & { version: number },
  request: Request,
) {
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await checkStructure(trx, actor.departmentCode, input);
    const dup = await trx
      .selectFrom('structure')
      .select('id')
      .where('department_code', '=', actor.departmentCode)
      .where('kind', '=', input.kind)
      .where('name', '=', input.name)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (dup) throw duplicateName();
    const r = await trx
      .updateTable('structure')
      .set({
        kind: input.kind,
        name: input.name,
        hub_id: input.hubId,
        commune_code: input.communeCode,
        address: input.address,
        email: input.email,
        phone: input.phone,
        active: input.active,
        // Absent: the hours stay as they are; null: back to the default hours.
        ...(input.openingHours === undefined
          ? {}
          : { opening_hours: input.openingHours ? JSON.stringify(input.openingHours) : null }),
        updated_at: new Date(),
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('department_code', '=', actor.departmentCode)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) {
      const exists = await trx
        .selectFrom('structure')
        .select('id')
        .where('id', '=', id)
        .where('department_code', '=', actor.departmentCode)
        .executeTakeFirst();
      throw exists ? versionConflict() : notFound('Structure');
    }
    await audit({ action: 'territory.structure_updated', targetType: 'structure', targetId: id });
  });
  return (await listStructures(ctx.db, actor.departmentCode, { id }))[0]!;
}

export async function getStructure(ctx: AppContext, actor: RequestActor, id: string) {
  const [s] = await listStructures(ctx.db, actor.departmentCode, { id });
  if (!s) throw notFound('Structure');
  return s;
}

export { listCommunes, listHubs, listStructures };
