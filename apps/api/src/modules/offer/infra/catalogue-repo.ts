import type {
  ActionDetail,
  ActionIndicator,
  ActionPhase,
  ActionSession,
  ActionSummary,
  ActionTerritory,
} from '@parcours/contracts';
import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { ActionSessionTable, InsertionActionTable } from '../../../platform/db/schema';
import { sessionState } from '../domain/catalogue-needs';
import { sessionPlaces } from './places-repo';

type ActionRow = Selectable<InsertionActionTable>;
type SessionRow = Selectable<ActionSessionTable> & { commune_name: string | null };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = <T>(v: unknown): T[] => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as T[];

/** Sessions of some actions, with their free places on `today`. */
export async function actionSessions(
  db: Db,
  actionIds: readonly string[],
  today: string,
  only?: { open: boolean },
): Promise<Map<string, ActionSession[]>> {
  const out = new Map<string, ActionSession[]>(actionIds.map((id) => [id, []]));
  if (actionIds.length === 0) return out;
  let q = db
    .selectFrom('action_session as s')
    .leftJoin('commune as c', 'c.insee_code', 's.commune_code')
    .selectAll('s')
    .select('c.name as commune_name')
    .where('s.action_id', 'in', [...actionIds]);
  if (only?.open) q = q.where('s.status', '=', 'planned').where('s.ends_on', '>=', today);
  const rows = (await q.orderBy('s.starts_on').orderBy('s.label').execute()) as SessionRow[];
  const taken = await sessionPlaces(
    db,
    rows.map((r) => r.id),
  );
  for (const r of rows) out.get(r.action_id)!.push(sessionOf(r, taken.get(r.id) ?? 0, today));
  return out;
}

export function sessionOf(r: SessionRow, taken: number, today: string): ActionSession {
  const startsOn = String(r.starts_on);
  const endsOn = String(r.ends_on);
  return {
    id: r.id,
    actionId: r.action_id,
    label: r.label,
    startsOn,
    endsOn,
    place: r.place,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    capacity: r.capacity,
    weeklyHours: num(r.weekly_hours),
    status: r.status as ActionSession['status'],
    taken,
    freePlaces: Math.max(0, r.capacity - taken),
    state: sessionState({ status: r.status, endsOn, capacity: r.capacity }, taken, today),
    version: r.version,
  };
}

export async function sessionById(db: Db, departmentCode: string, id: string, today: string) {
  const r = (await db
    .selectFrom('action_session as s')
    .leftJoin('commune as c', 'c.insee_code', 's.commune_code')
    .selectAll('s')
    .select('c.name as commune_name')
    .where('s.id', '=', id)
    .where('s.department_code', '=', departmentCode)
    .executeTakeFirst()) as SessionRow | undefined;
  if (!r) return null;
  const taken = await sessionPlaces(db, [r.id]);
  return sessionOf(r, taken.get(r.id) ?? 0, today);
}

async function operatorsOf(db: Db, actionIds: readonly string[]) {
  const out = new Map<string, { id: string; name: string }[]>(actionIds.map((id) => [id, []]));
  if (actionIds.length === 0) return out;
  const rows = await db
    .selectFrom('insertion_action_operator as o')
    .innerJoin('structure as s', 's.id', 'o.structure_id')
    .select(['o.action_id', 's.id', 's.name'])
    .where('o.action_id', 'in', [...actionIds])
    .orderBy('s.name')
    .execute();
  for (const r of rows) out.get(r.action_id)!.push({ id: r.id, name: r.name });
  return out;
}

async function territoriesOf(db: Db, actionIds: readonly string[]) {
  const out = new Map<string, ActionTerritory[]>(actionIds.map((id) => [id, []]));
  if (actionIds.length === 0) return out;
  const rows = await db
    .selectFrom('insertion_action_territory as t')
    .leftJoin('insertion_hub as h', 'h.id', 't.hub_id')
    .leftJoin('commune as c', 'c.insee_code', 't.commune_code')
    .select([
      't.id',
      't.action_id',
      't.lot',
      't.hub_id',
      'h.name as hub_name',
      't.commune_code',
      'c.name as commune_name',
    ])
    .where('t.action_id', 'in', [...actionIds])
    .orderBy('t.lot')
    .orderBy('h.name')
    .orderBy('c.name')
    .execute();
  for (const r of rows)
    out.get(r.action_id)!.push({
      id: r.id,
      lot: r.lot,
      hubId: r.hub_id,
      hubName: r.hub_name,
      communeCode: r.commune_code,
      communeName: r.commune_name,
    });
  return out;
}

function territoryLabel(territories: ActionTerritory[]): string {
  if (territories.length === 0) return 'Tout le département';
  const names = territories.map((t) => {
    const where = t.communeName ?? t.hubName ?? t.communeCode ?? '';
    return t.lot ? `${t.lot} : ${where}` : where;
  });
  return [...new Set(names)].join(' ; ');
}

function summaryOf(
  a: ActionRow,
  operators: { id: string; name: string }[],
  territories: ActionTerritory[],
  sessions: ActionSession[],
  hasSessions: boolean,
): ActionSummary {
  const open = sessions.filter((s) => s.state === 'open' || s.state === 'full');
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    axis: a.axis,
    kind: a.kind as ActionSummary['kind'],
    status: a.status as ActionSummary['status'],
    operators,
    thematiques: a.thematiques ?? [],
    publics: a.publics ?? [],
    serviceType: a.service_type,
    weeklyHours: num(a.weekly_hours),
    weeks: a.weeks,
    territoryLabel: territoryLabel(territories),
    hasSessions,
    sessions: open,
    freePlaces: hasSessions ? open.reduce((n, s) => n + s.freePlaces, 0) : null,
  };
}

/** Search results: the actions in the given order, with their open sessions and free places. */
export async function actionSummaries(
  db: Db,
  departmentCode: string,
  ids: readonly string[],
  today: string,
): Promise<ActionSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('insertion_action')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('id', 'in', [...ids])
    .execute();
  const [operators, territories, sessions, counted] = await Promise.all([
    operatorsOf(db, ids),
    territoriesOf(db, ids),
    actionSessions(db, ids, today, { open: true }),
    db
      .selectFrom('action_session')
      .select('action_id')
      .distinct()
      .where('action_id', 'in', [...ids])
      .where('status', '=', 'planned')
      .execute(),
  ]);
  const withSessions = new Set(counted.map((r) => r.action_id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((a): a is ActionRow => a !== undefined)
    .map((a) =>
      summaryOf(a, operators.get(a.id)!, territories.get(a.id)!, sessions.get(a.id)!, withSessions.has(a.id)),
    );
}

/** Every field of an action, its sessions (all of them) and its yearly budgets. */
export async function actionDetail(
  db: Db,
  departmentCode: string,
  id: string,
  today: string,
): Promise<ActionDetail | null> {
  const a = await db
    .selectFrom('insertion_action')
    .selectAll()
    .where('department_code', '=', departmentCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) return null;
  const [operators, territories, sessions, budgets] = await Promise.all([
    operatorsOf(db, [id]),
    territoriesOf(db, [id]),
    actionSessions(db, [id], today),
    db
      .selectFrom('insertion_action_budget')
      .selectAll()
      .where('action_id', '=', id)
      .orderBy('year')
      .orderBy('source')
      .execute(),
  ]);
  const all = sessions.get(id)!;
  const summary = summaryOf(
    a,
    operators.get(id)!,
    territories.get(id)!,
    all,
    all.some((s) => s.status === 'planned'),
  );
  return {
    ...summary,
    grouping: a.grouping,
    objectives: a.objectives,
    description: a.description,
    publicDescription: a.public_description,
    targetMinAge: a.target_min_age,
    targetMaxAge: a.target_max_age,
    targetSex: a.target_sex as 'F' | 'M' | null,
    phases: json<Partial<ActionPhase>>(a.phases).map((p) => ({
      label: String(p.label ?? ''),
      description: p.description ?? null,
      hours: p.hours ?? null,
    })),
    plannedBeneficiaries: a.planned_beneficiaries,
    plannedBeneficiariesText: a.planned_beneficiaries_text,
    indicators: json<Partial<ActionIndicator>>(a.indicators).map((i) => ({
      label: String(i.label ?? ''),
      target: i.target ?? null,
      targets: i.targets ?? {},
    })),
    unitCostCents: num(a.unit_cost_cents),
    startsOn: a.starts_on ? String(a.starts_on) : null,
    endsOn: a.ends_on ? String(a.ends_on) : null,
    source: a.source,
    territories: territories.get(id)!,
    budgets: budgets.map((b) => ({
      year: b.year,
      source: b.source as ActionDetail['budgets'][number]['source'],
      amountCents: Number(b.amount_cents),
      stateShareCents: num(b.state_share_cents),
      departmentShareCents: num(b.department_share_cents),
      note: b.note,
    })),
    allSessions: all,
    version: a.version,
  };
}

/** The status of each known action of the département among `ids` (unknown ids are absent). */
export async function actionStatuses(db: Db, departmentCode: string, ids: readonly string[]) {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('insertion_action')
    .select(['id', 'status'])
    .where('department_code', '=', departmentCode)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  for (const r of rows) out.set(r.id, r.status);
  return out;
}
