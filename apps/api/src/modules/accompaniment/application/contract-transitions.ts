import {
  type ContractContent,
  type ContractDetail,
  contractContentSchema,
  type contractTransitionSchema,
} from '@parcours/contracts';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { conflict, invalid, invalidFields, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import { contractContentHash, overlapErrors, proposalErrors } from '../domain/contract-rules';
import { accompanimentEvents } from '../domain/timeline-events';
import { lockPersonContracts, objectivesOf, otherContractsOf, planOfVersion } from '../infra/contracts-repo';
import { householdOn, loadContractDetail, minimumWeeklyHours, personOfContract } from './contract-read';
import { moveContract, moveVersion } from './contract-status';
import { lockWorkedVersion } from './contracts';

type TransitionInput = z.output<typeof contractTransitionSchema>;

/**
 * The agents' moves of a contract: propose for signature (content complete, plan at the weekly
 * minimum or a regime, hash fixed), back to draft (signatures of the proposed version void),
 * cancel (before it is in force), end early (with a reason). An amendment of a contract in force
 * is proposed and taken back the same way, the contract staying in force on its signed version.
 */
export async function transitionContract(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: TransitionInput,
  request: RequestInfo,
): Promise<ContractDetail> {
  const personId = await personOfContract(ctx.db, actor, id);
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    await lockPersonContracts(trx, personId);
    const { contract, version } = await lockWorkedVersion(trx, actor, id);
    if (contract.version !== input.version) throw versionConflict();
    const amendment = contract.status === 'signed' || contract.status === 'in_force';
    const amendmentWorked = amendment && version != null && version.number !== contract.in_force_version_no;
    const refusal = input.refusal;
    if (refusal) {
      if (input.to !== 'draft' && input.to !== 'cancelled')
        throw invalid(
          'refusal',
          'Le refus de la personne se note en reprenant le contrat en brouillon ou en l’annulant.',
        );
      if (version?.status !== 'proposed')
        throw conflict('Seule une version proposée à la signature peut être refusée par la personne.');
      const proposedOn = version.proposed_at ? parisToday(new Date(version.proposed_at)) : today;
      if (refusal.refusedOn > today || refusal.refusedOn < proposedOn)
        throw invalid(
          'refusal.refusedOn',
          `Date du refus : entre la proposition (${proposedOn.split('-').reverse().join('/')}) et aujourd’hui.`,
        );
      await trx
        .insertInto('contract_refusal')
        .values({
          department_code: dep,
          person_id: personId,
          contract_id: id,
          version_number: version.number,
          amendment: amendmentWorked,
          refused_on: refusal.refusedOn,
          statement: refusal.statement,
          recorded_by: actor.accountId,
        })
        .execute();
    }
    // The refusal travels with the step: audit details and timeline line.
    const refused = refusal ? { personRefused: true, refusedOn: refusal.refusedOn } : {};
    /** A step of an amendment: the contract stays in force (its row version moves), the step is traced. */
    const amendmentStep = async (
      step: 'proposed' | 'back_to_draft',
      versionNumber: number,
      details: Record<string, unknown>,
      reason: string | null = null,
    ) => {
      await trx
        .updateTable('engagement_contract')
        .set({ version: contract.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await audit({
        action: `contract.${step}`,
        personId,
        targetType: 'engagement_contract',
        targetId: id,
        reason,
        details: { versionNumber, ...details, amendment: true },
      });
      await timeline(accompanimentEvents, {
        personId,
        occurredOn: today,
        type: 'contract_step',
        data: {
          step,
          contractId: id,
          versionNumber,
          ...(details.personRefused ? { personRefused: true, refusedOn: details.refusedOn } : {}),
        },
      });
    };

    if (input.to === 'proposed') {
      if (version?.status !== 'draft') {
        throw conflict('Seul un brouillon peut être proposé à la signature.');
      }
      const stored = typeof version.content === 'string' ? JSON.parse(version.content) : version.content;
      const plan = await planOfVersion(trx, version.id);
      const content: ContractContent = contractContentSchema.parse({
        ...(stored as object),
        plan: plan.map(({ id: _id, position: _p, ...s }) => s),
      });
      const [objectives, minimum, household] = await Promise.all([
        objectivesOf(trx, dep),
        minimumWeeklyHours(trx, dep, content.startDate),
        householdOn(trx, dep, personId, content.startDate),
      ]);
      const { errors } = proposalErrors(content, {
        objectiveIds: objectives.active,
        minimumWeeklyHours: minimum,
        childrenUnder12: household.childrenUnder12,
      });
      if (errors.length) {
        throw invalidFields(
          errors,
          'Le contrat ne peut pas être proposé à la signature : complétez les champs signalés.',
        );
      }
      const clash = overlapErrors(
        {
          id,
          startDate: content.startDate,
          endDate: content.endDate,
          renewsContractId: contract.renews_contract_id,
        },
        await otherContractsOf(trx, dep, personId),
      );
      if (clash.length) throw conflict(clash[0]!.message, clash);
      const hash = contractContentHash({ contractId: id, versionNumber: version.number, content, plan });
      await moveVersion(trx, {
        id: version.id,
        to: 'proposed',
        actor,
        request,
        set: () => ({ content_hash: hash, proposed_at: new Date() }),
      });
      if (amendmentWorked) {
        await amendmentStep('proposed', version.number, { contentHash: hash });
      } else {
        await moveContract(trx, {
          id,
          to: 'proposed',
          actor,
          request,
          today,
          data: { versionNumber: version.number, contentHash: hash },
        });
      }
      return;
    }

    if (input.to === 'draft') {
      if (version?.status !== 'proposed') {
        throw conflict('Seul un contrat proposé peut être repris en brouillon.');
      }
      // Signatures given on the proposed version are void: it will change.
      await moveVersion(trx, {
        id: version.id,
        to: 'draft',
        actor,
        request,
        set: () => ({
          content_hash: null,
          proposed_at: null,
          agent_signed_at: null,
          agent_signed_by: null,
          person_signed_at: null,
          person_signature_method: null,
          person_statement: null,
        }),
      });
      if (amendmentWorked) {
        await amendmentStep('back_to_draft', version.number, refused, input.reason);
      } else {
        await moveContract(trx, {
          id,
          to: 'draft',
          actor,
          request,
          today,
          reason: input.reason,
          data: { versionNumber: version.number, ...refused },
        });
      }
      return;
    }

    if (input.to === 'cancelled') {
      await moveContract(trx, {
        id,
        to: 'cancelled',
        actor,
        request,
        today,
        reason: input.reason,
        data: refusal ? { versionNumber: version?.number, ...refused } : undefined,
      });
      if (version && (version.status === 'draft' || version.status === 'proposed')) {
        await moveVersion(trx, { id: version.id, to: 'withdrawn', actor, request });
      }
      return;
    }

    // Ended early by an agent: the reason is required, the contract ends today at the latest.
    if (!input.reason) throw invalid('reason', 'Motif de la fin anticipée : obligatoire.', 'required');
    await moveContract(trx, {
      id,
      to: 'ended',
      actor,
      request,
      today,
      reason: input.reason,
      set: (row) => ({ end_date: String(row.end_date).slice(0, 10) > today ? today : row.end_date }),
    });
    if (amendmentWorked && version && (version.status === 'draft' || version.status === 'proposed')) {
      await moveVersion(trx, { id: version.id, to: 'withdrawn', actor, request });
    }
  });
  return loadContractDetail(ctx.db, dep, id);
}
