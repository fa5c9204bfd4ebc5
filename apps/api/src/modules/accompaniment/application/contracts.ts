import type { FieldError } from '@parcours/contracts';
import {
  type ContractContent,
  type ContractDetail,
  type contractCreateSchema,
  type contractDraftUpdateSchema,
  type contractSignSchema,
  PERSON_SIGNATURE_STATEMENT,
  weeklyPlan,
} from '@parcours/contracts';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import {
  conflict,
  type DomainError,
  invalid,
  invalidFields,
  notFound,
  versionConflict,
} from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { actionStatuses } from '../../offer';
import { dateErrors, overlapErrors, typicalWeeklyHours } from '../domain/contract-rules';
import { accompanimentEvents } from '../domain/timeline-events';
import {
  currentReferentOf,
  lockPersonContracts,
  objectivesOf,
  otherContractsOf,
  replacePlan,
  storedContent,
} from '../infra/contracts-repo';
import { loadContractDetail, personOfContract } from './contract-read';
import { applySignature } from './contract-signature';

type Trx = Transaction<Database>;
type CreateInput = z.output<typeof contractCreateSchema>;
type DraftInput = z.output<typeof contractDraftUpdateSchema>;
type SignInput = z.output<typeof contractSignSchema>;

/** Contracts of engagement: drafting, amendments and the agent's signatures. */

/** Overlap and renewal refusals are conflicts with other data: 409, under the field at fault. */
const refuse = (errors: FieldError[]): DomainError => conflict(errors[0]!.message, errors);

/**
 * What a draft must satisfy at every save: end after start, steps in order (end after start) and
 * objectives of the national referential. Completeness and the weekly minimum wait for the proposal.
 */
export async function draftErrors(
  db: Trx,
  departmentCode: string,
  content: ContractContent,
): Promise<FieldError[]> {
  const errors = dateErrors(content);
  const objectives = await objectivesOf(db, departmentCode);
  // Steps on an action of the catalogue (issue 12): it exists here and is not annulée.
  const actions = await actionStatuses(
    db,
    departmentCode,
    content.plan.flatMap((s) => (s.actionId ? [s.actionId] : [])),
  );
  content.plan.forEach((s, i) => {
    if (s.actionId && !actions.has(s.actionId))
      errors.push({
        path: `content.plan.${i}.actionId`,
        code: 'invalid',
        message: 'Action du catalogue inconnue.',
      });
    if (s.actionId && actions.get(s.actionId) === 'annulee')
      errors.push({
        path: `content.plan.${i}.actionId`,
        code: 'action_cancelled',
        message: 'Cette action du catalogue est annulée : choisissez-en une autre.',
      });
    if (!objectives.active.has(s.objectiveId) && !objectives.labels.has(s.objectiveId)) {
      errors.push({
        path: `content.plan.${i}.objectiveId`,
        code: 'invalid',
        message: 'Objectif inconnu du référentiel national.',
      });
    }
    if (s.endDate < s.startDate) {
      errors.push({
        path: `content.plan.${i}.endDate`,
        code: 'invalid',
        message: 'La fin de l’étape doit être le jour du début ou après.',
      });
    }
  });
  return errors;
}

/** The contract's own columns that follow its content (dates, regime, hours of the plan). */
export const contractFacts = (content: ContractContent) => ({
  start_date: content.startDate,
  end_date: content.endDate,
  hours_regime: content.hoursRegime,
  weekly_hours: typicalWeeklyHours(weeklyPlan(content, content.plan)),
});

/** A new contract, as a draft (version 1), naming the person's référent unique and structure. */
export async function createContract(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: CreateInput,
  request: RequestInfo,
): Promise<ContractDetail> {
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  const referent = await currentReferentOf(ctx.db, dep, personId);
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    await lockPersonContracts(trx, personId);
    const errors = await draftErrors(trx, dep, input.content);
    if (errors.length)
      throw invalidFields(errors, 'Le contrat n’a pas été créé : vérifiez les champs signalés.');
    const clash = overlapErrors(
      { id: null, ...input.content, renewsContractId: input.renewsContractId },
      await otherContractsOf(trx, dep, personId),
    );
    if (clash.length) throw refuse(clash);
    const contract = await trx
      .insertInto('engagement_contract')
      .values({
        department_code: dep,
        person_id: personId,
        signed_on: null,
        ...contractFacts(input.content),
        source: 'parcours',
        status: 'draft',
        referent_id: referent?.referentId ?? null,
        structure_id: referent?.structureId ?? actor.structureId,
        current_version_no: 1,
        renews_contract_id: input.renewsContractId,
        created_by: actor.accountId,
        status_changed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('engagement_contract_version')
      .values({
        department_code: dep,
        contract_id: contract.id,
        number: 1,
        status: 'draft',
        content: storedContent(input.content),
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replacePlan(
      trx,
      { departmentCode: dep, contractId: contract.id, versionId: version.id },
      input.content.plan,
    );
    await audit({
      action: 'contract.created',
      personId,
      targetType: 'engagement_contract',
      targetId: contract.id,
      details: {
        renewsContractId: input.renewsContractId,
        startDate: input.content.startDate,
        endDate: input.content.endDate,
      },
    });
    await timeline(accompanimentEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'contract_step',
      data: {
        step: 'draft_created',
        contractId: contract.id,
        startDate: input.content.startDate,
        endDate: input.content.endDate,
      },
    });
    return contract.id;
  });
  return loadContractDetail(ctx.db, dep, id);
}

/** The contract locked, with its version being worked on (draft or proposed), in the actor's scope. */
export async function lockWorkedVersion(trx: Trx, actor: RequestActor, id: string) {
  const contract = await trx
    .selectFrom('engagement_contract')
    .selectAll()
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .forUpdate()
    .executeTakeFirst();
  if (!contract) throw notFound('Contrat');
  const version = await trx
    .selectFrom('engagement_contract_version')
    .selectAll()
    .where('contract_id', '=', id)
    .where('number', '=', contract.current_version_no)
    .forUpdate()
    .executeTakeFirst();
  return { contract, version: version ?? null };
}

/**
 * Saves the draft being worked on (a new contract or an amendment). Two agents on one draft: the
 * second save, made on the row version both had read, is refused (409) — the first one stays.
 */
export async function updateDraft(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: DraftInput,
  request: RequestInfo,
): Promise<ContractDetail> {
  const personId = await personOfContract(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  await unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    await lockPersonContracts(trx, personId);
    const { contract, version } = await lockWorkedVersion(trx, actor, id);
    if (version?.status !== 'draft') {
      throw conflict(
        version?.status === 'proposed'
          ? 'Ce contrat est proposé à la signature : reprenez-le en brouillon pour le modifier.'
          : 'Ce contrat n’a pas de brouillon en cours : ouvrez un avenant pour le modifier.',
      );
    }
    if (version.version !== input.version) throw versionConflict();
    const errors = await draftErrors(trx, dep, input.content);
    if (errors.length)
      throw invalidFields(errors, 'Le brouillon n’a pas été enregistré : vérifiez les champs signalés.');
    const clash = overlapErrors(
      { id, ...input.content, renewsContractId: contract.renews_contract_id },
      await otherContractsOf(trx, dep, personId),
    );
    if (clash.length) throw refuse(clash);
    const now = new Date();
    await trx
      .updateTable('engagement_contract_version')
      .set({ content: storedContent(input.content), version: version.version + 1, updated_at: now })
      .where('id', '=', version.id)
      .execute();
    await replacePlan(
      trx,
      { departmentCode: dep, contractId: id, versionId: version.id },
      input.content.plan,
    );
    // A first draft carries the contract's dates; an amendment changes them only once signed.
    await trx
      .updateTable('engagement_contract')
      .set({
        ...(contract.status === 'draft' ? contractFacts(input.content) : {}),
        version: contract.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await audit({
      action: 'contract.draft_saved',
      personId,
      targetType: 'engagement_contract',
      targetId: id,
      details: { versionNumber: version.number },
    });
  });
  return loadContractDetail(ctx.db, dep, id);
}

/** An amendment: a new draft version of a signed or in-force contract, copied from the version in force. */
export async function amendContract(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<ContractDetail> {
  const personId = await personOfContract(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const { contract } = await lockWorkedVersion(trx, actor, id);
    if (contract.status !== 'signed' && contract.status !== 'in_force') {
      throw conflict('Seul un contrat signé ou en vigueur peut faire l’objet d’un avenant.');
    }
    if (contract.in_force_version_no == null) {
      throw conflict(
        'Ce contrat repris d’un ancien logiciel n’a pas de version : rédigez un nouveau contrat.',
      );
    }
    if (contract.current_version_no !== contract.in_force_version_no) {
      throw conflict('Un avenant est déjà en cours sur ce contrat.');
    }
    const source = await trx
      .selectFrom('engagement_contract_version')
      .select(['id', 'content'])
      .where('contract_id', '=', id)
      .where('number', '=', contract.in_force_version_no)
      .executeTakeFirstOrThrow();
    const number = contract.current_version_no + 1;
    const created = await trx
      .insertInto('engagement_contract_version')
      .values({
        department_code: dep,
        contract_id: id,
        number,
        status: 'draft',
        content: typeof source.content === 'string' ? source.content : JSON.stringify(source.content),
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO contract_plan_step
        (department_code, contract_id, version_id, position, objective_id, kind, action_id, label, weekly_hours, start_date, end_date)
      SELECT department_code, contract_id, ${created.id}, position, objective_id, kind, action_id, label, weekly_hours, start_date, end_date
      FROM contract_plan_step WHERE version_id = ${source.id}`.execute(trx);
    await trx
      .updateTable('engagement_contract')
      .set({ current_version_no: number, version: contract.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit({
      action: 'contract.amended',
      personId,
      targetType: 'engagement_contract',
      targetId: id,
      details: { versionNumber: number },
    });
    await timeline(accompanimentEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'contract_step',
      data: { step: 'amended', contractId: id, versionNumber: number },
    });
  });
  return loadContractDetail(ctx.db, dep, id);
}

/** The body's signature, or the person's on screen (with their statement), recorded by an agent. */
export async function signContract(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: SignInput,
  request: RequestInfo,
): Promise<ContractDetail> {
  const personId = await personOfContract(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  if (input.party === 'person_on_screen' && !input.statementAccepted) {
    throw invalid('statementAccepted', 'La personne doit accepter la déclaration pour signer.', 'required');
  }
  await unitOfWork(ctx, actor, request, ({ trx }) =>
    applySignature(trx, {
      ...(input.party === 'agent'
        ? { party: 'agent' as const }
        : { party: 'person' as const, method: 'on_screen' as const, statement: PERSON_SIGNATURE_STATEMENT }),
      contractId: id,
      versionNumber: input.versionNumber,
      contentHash: input.contentHash,
      rowVersion: input.version,
      actor,
      request,
    }),
  );
  return loadContractDetail(ctx.db, actor.departmentCode, id);
}
