import type { ContractContent, PlanStepInput } from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { storedRuleSets } from '../../../platform/rules/rule-set-store';
import type { HashedStep, HouseholdMember, OtherContract } from '../domain/contract-rules';

/** SQL of the contracts of engagement: contracts, versions, plan steps and what the rules read. */

type Q = Kysely<Database>;

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

/** The person's other contracts, for the overlap and renewal rules. */
export async function otherContractsOf(
  db: Q,
  departmentCode: string,
  personId: string,
): Promise<OtherContract[]> {
  const rows = await db
    .selectFrom('engagement_contract')
    .select(['id', 'status', 'signed_on', 'start_date', 'end_date', 'renews_contract_id'])
    .where('department_code', '=', departmentCode)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    signedOn: r.signed_on ? dateText(r.signed_on) : null,
    startDate: dateText(r.start_date),
    endDate: dateText(r.end_date),
    renewsContractId: r.renews_contract_id,
  }));
}

export interface StoredStep extends HashedStep {
  id: string;
  position: number;
}

/** A version's plan steps, in order, hours as numbers. */
export async function planOfVersion(db: Q, versionId: string): Promise<StoredStep[]> {
  const rows = await db
    .selectFrom('contract_plan_step')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    objectiveId: r.objective_id,
    kind: r.kind,
    actionId: r.action_id,
    label: r.label,
    weeklyHours: Number(r.weekly_hours),
    startDate: dateText(r.start_date),
    endDate: dateText(r.end_date),
  }));
}

/** The content as stored in a version (jsonb, without the plan, which has its own rows). */
export const storedContent = (content: ContractContent) => {
  const { plan: _plan, ...rest } = content;
  return JSON.stringify(rest);
};

/** Replaces a draft version's plan with the form's steps, in order. */
export async function replacePlan(
  trx: Q,
  at: { departmentCode: string; contractId: string; versionId: string },
  plan: readonly (Omit<PlanStepInput, 'actionId'> & { actionId?: string | null })[],
) {
  await trx.deleteFrom('contract_plan_step').where('version_id', '=', at.versionId).execute();
  if (plan.length === 0) return;
  await trx
    .insertInto('contract_plan_step')
    .values(
      plan.map((s, i) => ({
        department_code: at.departmentCode,
        contract_id: at.contractId,
        version_id: at.versionId,
        position: i + 1,
        objective_id: s.objectiveId,
        kind: s.kind,
        action_id: s.actionId ?? null,
        label: s.label,
        weekly_hours: s.weeklyHours,
        start_date: s.startDate,
        end_date: s.endDate,
      })),
    )
    .execute();
}

export interface ContractRow {
  id: string;
  personId: string;
  status: string;
  statusReason: string | null;
  startDate: string;
  endDate: string;
  signedOn: string | null;
  weeklyHours: number;
  hoursRegime: string;
  referentName: string | null;
  structureName: string | null;
  currentVersionNo: number;
  inForceVersionNo: number | null;
  renewsContractId: string | null;
  source: string;
  version: number;
}

/** Contracts with their référent's and structure's names (a person's, or one by id). */
export async function contractRows(
  db: Q,
  departmentCode: string,
  where: { personId: string } | { id: string },
): Promise<ContractRow[]> {
  let q = db
    .selectFrom('engagement_contract as c')
    .leftJoin('referent as r', 'r.id', 'c.referent_id')
    .leftJoin('structure as s', 's.id', 'c.structure_id')
    .select([
      'c.id',
      'c.person_id',
      'c.status',
      'c.status_reason',
      'c.start_date',
      'c.end_date',
      'c.signed_on',
      'c.weekly_hours',
      'c.hours_regime',
      'c.current_version_no',
      'c.in_force_version_no',
      'c.renews_contract_id',
      'c.source',
      'c.version',
      'r.first_name as referent_first_name',
      'r.last_name as referent_last_name',
      's.name as structure_name',
    ])
    .where('c.department_code', '=', departmentCode);
  q = 'id' in where ? q.where('c.id', '=', where.id) : q.where('c.person_id', '=', where.personId);
  const rows = await q.orderBy('c.start_date', 'desc').orderBy('c.recorded_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    status: r.status,
    statusReason: r.status_reason,
    startDate: dateText(r.start_date),
    endDate: dateText(r.end_date),
    signedOn: r.signed_on ? dateText(r.signed_on) : null,
    weeklyHours: Number(r.weekly_hours),
    hoursRegime: r.hours_regime,
    referentName: r.referent_last_name ? `${r.referent_first_name} ${r.referent_last_name}` : null,
    structureName: r.structure_name,
    currentVersionNo: r.current_version_no,
    inForceVersionNo: r.in_force_version_no,
    renewsContractId: r.renews_contract_id,
    source: r.source,
    version: r.version,
  }));
}

export interface VersionRow {
  id: string;
  number: number;
  status: string;
  content: Record<string, unknown>;
  contentHash: string | null;
  proposedAt: string | null;
  agentSignedAt: string | null;
  agentSignedByName: string | null;
  personSignedAt: string | null;
  personSignatureMethod: 'on_screen' | 'beneficiary_space' | null;
  personStatement: string | null;
  createdByName: string | null;
  updatedAt: string;
  version: number;
}

export async function versionRows(db: Q, contractId: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('engagement_contract_version as v')
    .leftJoin('account as sa', 'sa.id', 'v.agent_signed_by')
    .leftJoin('account as ca', 'ca.id', 'v.created_by')
    .selectAll('v')
    .select(['sa.display_name as agent_name', 'ca.display_name as creator_name'])
    .where('v.contract_id', '=', contractId)
    .orderBy('v.number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    content: (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as Record<string, unknown>,
    contentHash: r.content_hash,
    proposedAt: iso(r.proposed_at),
    agentSignedAt: iso(r.agent_signed_at),
    agentSignedByName: r.agent_name,
    personSignedAt: iso(r.person_signed_at),
    personSignatureMethod: r.person_signature_method,
    personStatement: r.person_statement,
    createdByName: r.creator_name,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  }));
}

/** Objectives of the national referential: label by id (inactive ones kept for older plans). */
export async function objectivesOf(db: Q, departmentCode: string) {
  const rows = await db
    .selectFrom('diagnostic_objective')
    .select(['id', 'label', 'active'])
    .where('department_code', '=', departmentCode)
    .execute();
  return {
    labels: new Map(rows.map((r) => [r.id, r.label])),
    active: new Set(rows.filter((r) => r.active).map((r) => r.id)),
  };
}

/** The stored minimum weekly hours rules (kind `contract_hours`), by date. */
export async function contractHoursRules(db: Q, departmentCode: string) {
  const own = await storedRuleSets(db, departmentCode, 'contract_hours', (v) => ({
    minimumWeeklyHours: Number(v.minimumWeeklyHours ?? 15),
  }));
  return own.map((r) => ({ effectiveFrom: r.effectiveFrom, minimumWeeklyHours: r.value.minimumWeeklyHours }));
}

/** The person's household on a day: members with their CAF role and birth date. */
export async function householdMembers(db: Q, departmentCode: string, personId: string, day: string) {
  const rows = await db
    .selectFrom('person as me')
    .innerJoin('household_member as m', (j) =>
      j.onRef('m.household_id', '=', 'me.household_id').on('m.department_code', '=', departmentCode),
    )
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'p.birth_date'])
    .where('me.id', '=', personId)
    .where('me.department_code', '=', departmentCode)
    .where('m.from_date', '<=', day)
    .where((eb) => eb.or([eb('m.to_date', 'is', null), eb('m.to_date', '>=', day)]))
    .execute();
  return rows.map(
    (r): HouseholdMember => ({
      role: r.role,
      birthDate: r.birth_date ? dateText(r.birth_date) : null,
      isPerson: r.person_id === personId,
    }),
  );
}

/** The person's référent unique now (open assignment) with their structure. */
export async function currentReferentOf(db: Q, departmentCode: string, personId: string) {
  return db
    .selectFrom('referent_assignment as a')
    .innerJoin('referent as r', 'r.id', 'a.referent_id')
    .innerJoin('structure as s', 's.id', 'r.structure_id')
    .select([
      'r.id as referentId',
      'r.structure_id as structureId',
      sql<string>`r.first_name || ' ' || r.last_name`.as('referentName'),
      's.name as structureName',
    ])
    .where('a.department_code', '=', departmentCode)
    .where('a.person_id', '=', personId)
    .where('a.to_date', 'is', null)
    .orderBy('a.from_date', 'desc')
    .executeTakeFirst();
}

/** Two requests on one person's contracts (overlap rule) run one after the other. */
export async function lockPersonContracts(trx: Q, personId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`engagement-contract:${personId}`}))`.execute(trx);
}

/** The person's refusals to sign a version of the contract, oldest first. */
export async function refusalsOf(db: Q, departmentCode: string, contractId: string) {
  const rows = await db
    .selectFrom('contract_refusal')
    .select(['version_number', 'amendment', 'refused_on', 'statement'])
    .where('department_code', '=', departmentCode)
    .where('contract_id', '=', contractId)
    .orderBy('refused_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    versionNumber: r.version_number,
    amendment: r.amendment,
    refusedOn: dateText(r.refused_on),
    statement: r.statement,
  }));
}
