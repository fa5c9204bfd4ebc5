import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type {
  OpenDataActionRow,
  OpenDataDepartment,
  OpenDataSessionRow,
  OpenDataStructureRow,
} from '../domain/open-data';

/**
 * Reads what the data·inclusion export needs: catalogue rows only (actions, their operators,
 * territories and sessions, the operators' public contact). Never the referral, person or account
 * tables: the export cannot carry personal data it does not read.
 */
export async function readOpenDataRows(
  db: Kysely<Database>,
  departmentCode: string,
): Promise<{
  department: OpenDataDepartment;
  actions: OpenDataActionRow[];
  structures: OpenDataStructureRow[];
}> {
  const dept = await db
    .selectFrom('department')
    .select(['code', 'name'])
    .where('code', '=', departmentCode)
    .executeTakeFirst();
  const department = { code: departmentCode, name: dept?.name ?? departmentCode };

  const actions = await db
    .selectFrom('insertion_action')
    .select([
      'id',
      'code',
      'title',
      'axis',
      'status',
      'grouping',
      'objectives',
      'description',
      'public_description',
      'target_min_age',
      'target_max_age',
      'target_sex',
      'publics',
      'thematiques',
      'service_type',
      'weekly_hours',
      'weeks',
      'phases',
      'starts_on',
      'ends_on',
      'updated_at',
    ])
    .where('department_code', '=', departmentCode)
    .where('status', '<>', 'annulee')
    .orderBy('code')
    .execute();
  const actionIds = actions.map((a) => a.id);
  if (actionIds.length === 0) return { department, actions: [], structures: [] };

  const operators = await db
    .selectFrom('insertion_action_operator')
    .select(['action_id', 'structure_id'])
    .where('action_id', 'in', actionIds)
    .orderBy('structure_id')
    .execute();
  const territories = await db
    .selectFrom('insertion_action_territory as t')
    .leftJoin('commune as c', (j) => j.onRef('c.hub_id', '=', 't.hub_id').on('t.commune_code', 'is', null))
    .select(['t.action_id', 't.commune_code', 'c.insee_code as hub_commune'])
    .where('t.action_id', 'in', actionIds)
    .execute();
  const sessions = await db
    .selectFrom('action_session as s')
    .leftJoin('commune as c', 'c.insee_code', 's.commune_code')
    .select([
      's.action_id',
      's.label',
      's.starts_on',
      's.ends_on',
      's.place',
      'c.name as commune_name',
      's.capacity',
      's.weekly_hours',
    ])
    .where('s.action_id', 'in', actionIds)
    .where('s.status', '<>', 'cancelled')
    .execute();

  const structureIds = [...new Set(operators.map((o) => o.structure_id))];
  const structures = structureIds.length
    ? await db
        .selectFrom('structure as s')
        .leftJoin('commune as c', 'c.insee_code', 's.commune_code')
        .select([
          's.id',
          's.kind',
          's.name',
          's.address',
          's.email',
          's.phone',
          's.commune_code',
          'c.name as commune_name',
          'c.postal_codes',
          's.opening_hours',
          's.updated_at',
        ])
        .where('s.id', 'in', structureIds)
        .execute()
    : [];

  const group = <T extends { action_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.action_id, [...(map.get(r.action_id) ?? []), r]);
    return map;
  };
  const operatorsOf = group(operators);
  const territoriesOf = group(territories);
  const sessionsOf = group(sessions);
  const num = (v: string | number | null) => (v === null ? null : Number(v));

  return {
    department,
    actions: actions.map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      axis: a.axis,
      status: a.status,
      grouping: a.grouping,
      objectives: a.objectives,
      description: a.description,
      publicDescription: a.public_description,
      targetMinAge: a.target_min_age,
      targetMaxAge: a.target_max_age,
      targetSex: a.target_sex,
      publics: a.publics,
      thematiques: a.thematiques,
      serviceType: a.service_type,
      weeklyHours: num(a.weekly_hours),
      weeks: a.weeks,
      phases: typeof a.phases === 'string' ? JSON.parse(a.phases) : a.phases,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      updatedAt: new Date(a.updated_at),
      operatorIds: (operatorsOf.get(a.id) ?? []).map((o) => o.structure_id),
      communeCodes: (territoriesOf.get(a.id) ?? [])
        .map((t) => t.commune_code ?? t.hub_commune)
        .filter((c): c is string => c !== null),
      sessions: (sessionsOf.get(a.id) ?? []).map(
        (s): OpenDataSessionRow => ({
          label: s.label,
          startsOn: s.starts_on,
          endsOn: s.ends_on,
          place: s.place,
          communeName: s.commune_name,
          capacity: s.capacity,
          weeklyHours: num(s.weekly_hours),
        }),
      ),
    })),
    structures: structures.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      address: s.address,
      email: s.email,
      phone: s.phone,
      communeCode: s.commune_code,
      communeName: s.commune_name,
      postalCodes: s.postal_codes ?? [],
      openingHours: s.opening_hours,
      updatedAt: new Date(s.updated_at),
    })),
  };
}
