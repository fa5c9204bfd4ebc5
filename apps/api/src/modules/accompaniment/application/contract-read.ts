import {
  type ContractDetail,
  type ContractStatus,
  type ContractSummary,
  type ContractVersion,
  contractContentSchema,
  contractDurationLabel,
  type HoursRegime,
  type PersonContracts,
  type PlanStepKind,
  type ReferralPlanStep,
  referralStepsBeyondPlan,
  weeklyPlan,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { requirePerson } from '../../beneficiaries';
import { referralPlanSteps } from '../../referrals';
import { householdProposal, minimumWeeklyHoursOn } from '../domain/contract-rules';
import {
  type ContractRow,
  contractHoursRules,
  contractRows,
  currentReferentOf,
  householdMembers,
  objectivesOf,
  planOfVersion,
  refusalsOf,
  versionRows,
} from '../infra/contracts-repo';

/** Reading contracts of engagement: a person's list, one contract with its versions and plan. */

/** The weekly minimum of the rule set in force on a day, for this département. */
export async function minimumWeeklyHours(db: Db, departmentCode: string, day: string) {
  return minimumWeeklyHoursOn(await contractHoursRules(db, departmentCode), day);
}

/** What the household tells the planner on a day: children under 12, isolated parent, proposal. */
export async function householdOn(db: Db, departmentCode: string, personId: string, day: string) {
  return householdProposal(await householdMembers(db, departmentCode, personId, day), day);
}

const toSummary = (r: ContractRow): ContractSummary => ({
  id: r.id,
  personId: r.personId,
  status: r.status as ContractStatus,
  statusReason: r.statusReason,
  startDate: r.startDate,
  endDate: r.endDate,
  durationLabel: contractDurationLabel(r.startDate, r.endDate),
  signedOn: r.signedOn,
  weeklyHours: r.weeklyHours,
  hoursRegime: r.hoursRegime as HoursRegime,
  referentName: r.referentName,
  structureName: r.structureName,
  currentVersionNo: r.currentVersionNo,
  inForceVersionNo: r.inForceVersionNo,
  renewsContractId: r.renewsContractId,
  source: r.source,
  version: r.version,
});

/** The plan's weeks with the contract's fiches de liaison whose action no step names already. */
function withReferralSteps(
  content: { startDate: string; endDate: string },
  plan: readonly { weeklyHours: number; startDate: string; endDate: string; actionId: string | null }[],
  steps: ReferralPlanStep[],
  minimum: number,
) {
  const extra = referralStepsBeyondPlan(steps, plan);
  const counted = extra.map((s) => ({ ...s, endDate: s.endDate ?? content.endDate }));
  return { weeks: weeklyPlan(content, [...plan, ...counted], minimum), referralSteps: extra };
}

/** The contract with its versions (latest first), each with its plan and weeks. No gate, no trace. */
export async function loadContractDetail(
  db: Db,
  departmentCode: string,
  id: string,
): Promise<ContractDetail> {
  const [row] = await contractRows(db, departmentCode, { id });
  if (!row) throw notFound('Contrat');
  const [versions, objectives, minimum, referralSteps, refusals] = await Promise.all([
    versionRows(db, id),
    objectivesOf(db, departmentCode),
    minimumWeeklyHours(db, departmentCode, row.startDate),
    referralPlanSteps(db, departmentCode, id),
    refusalsOf(db, departmentCode, id),
  ]);
  const out: ContractVersion[] = [];
  for (const v of versions) {
    const plan = await planOfVersion(db, v.id);
    const content = contractContentSchema.parse({
      ...v.content,
      plan: plan.map(({ id: _id, position: _p, ...s }) => s),
    });
    out.push({
      id: v.id,
      number: v.number,
      status: v.status as ContractVersion['status'],
      content,
      plan: plan.map((s) => ({
        ...s,
        kind: s.kind as PlanStepKind,
        objectiveLabel: objectives.labels.get(s.objectiveId) ?? null,
        actionTitle: null,
      })),
      // The fiches de liaison of the contract count in its weeks, unless a step names their action.
      ...withReferralSteps(content, plan, referralSteps, minimum),
      contentHash: v.contentHash,
      proposedAt: v.proposedAt,
      agentSignedAt: v.agentSignedAt,
      agentSignedByName: v.agentSignedByName,
      personSignedAt: v.personSignedAt,
      personSignatureMethod: v.personSignatureMethod,
      createdByName: v.createdByName,
      updatedAt: v.updatedAt,
      version: v.version,
    });
  }
  return { ...toSummary(row), versions: out, refusals, minimumWeeklyHours: minimum };
}

/** The person of a contract (for the gate), or 404 in the actor's département. */
export async function personOfContract(db: Db, actor: RequestActor, id: string): Promise<string> {
  const found = await db
    .selectFrom('engagement_contract')
    .select('person_id')
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!found) throw notFound('Contrat');
  return found.person_id;
}

/** A person's contracts, what the household suggests for the regime, the référent to name. */
export async function listPersonContracts(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonContracts> {
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Contrats d’engagement de la personne');
  const today = parisToday();
  const dep = actor.departmentCode;
  const [rows, household, referent, minimum] = await Promise.all([
    contractRows(ctx.db, dep, { personId }),
    householdOn(ctx.db, dep, personId, today),
    currentReferentOf(ctx.db, dep, personId),
    minimumWeeklyHours(ctx.db, dep, today),
  ]);
  return {
    items: rows.map(toSummary),
    household,
    referentName: referent?.referentName ?? null,
    minimumWeeklyHours: minimum,
  };
}

/** One contract with its versions: a read of the person's file. */
export async function getContract(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<ContractDetail> {
  const personId = await personOfContract(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Contrat d’engagement');
  return loadContractDetail(ctx.db, actor.departmentCode, id);
}
