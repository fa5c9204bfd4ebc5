import { weeklyPlan } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import { AuditTrail } from '../../../platform/audit/audit';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';
import { conflict, forbidden, invalid, notFound, versionConflict } from '../../../platform/errors';
import { publish } from '../../../platform/events/bus';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { appendTimeline } from '../../../platform/timeline/registry';
import { assertPersonInScope } from '../../beneficiaries';
import { overlapErrors, typicalWeeklyHours } from '../domain/contract-rules';
import { contractSigned } from '../domain/events';
import { lockPersonContracts, otherContractsOf, planOfVersion } from '../infra/contracts-repo';
import { bringIntoForce, moveContract, moveVersion } from './contract-status';

/** Who signs: the body (an agent), or the person — on screen before an agent, or from their space. */
export type SignatureParty =
  | { party: 'agent' }
  | { party: 'person'; method: 'on_screen' | 'beneficiary_space'; statement: string };

export type SignatureInput = SignatureParty & {
  contractId: string;
  versionNumber: number;
  /** The hash shown with the version: a version changed since is refused (409). */
  contentHash: string;
  /** The contract's row version the screen showed (optimistic lock); the space omits it. */
  rowVersion?: number;
  actor: RequestActor;
  request: RequestInfo | null;
  /** Paris date of the signature (today by default; tests). */
  today?: string;
};

export interface SignatureResult {
  contractId: string;
  personId: string;
  versionNumber: number;
  /** Both parties have now signed this version. */
  completed: boolean;
  status: string;
}

const OUTDATED =
  'Le contrat a changé depuis qu’il a été présenté : relisez la version proposée avant de signer.';

/**
 * One signature of a proposed version, in the caller's transaction — the step the agent's route
 * and the beneficiary space share (after its own re-authentication). The version must be the one
 * proposed, with the hash the signer saw. The second signature signs the version: the contract is
 * signed (`signed_on` = today) and in force at once when its start has come; an amendment
 * supersedes the version in force. `contractSigned` is published then.
 */
export async function applySignature(
  trx: Transaction<Database>,
  input: SignatureInput,
): Promise<SignatureResult> {
  const { actor, request } = input;
  const today = input.today ?? parisToday();
  const now = new Date();
  const owner = await trx
    .selectFrom('engagement_contract')
    .select('person_id')
    .where('id', '=', input.contractId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!owner) throw notFound('Contrat');
  await assertPersonInScope(trx, actor, owner.person_id, 'act');
  // The overlap rule is checked again at the last signature: one person's contracts in turn (the
  // person's lock before the row's, as the other moves of a contract take them).
  await lockPersonContracts(trx, owner.person_id);
  const contract = await trx
    .selectFrom('engagement_contract')
    .selectAll()
    .where('id', '=', input.contractId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // The body signs through an agent; the person signs on an agent's screen or in their own space.
  const fromSpace = input.party === 'person' && input.method === 'beneficiary_space';
  if ((actor.role === 'beneficiary') !== fromSpace || (fromSpace && actor.personId !== contract.person_id)) {
    throw forbidden('Cette signature ne peut pas être enregistrée depuis ce compte.');
  }
  const version = await trx
    .selectFrom('engagement_contract_version')
    .selectAll()
    .where('contract_id', '=', contract.id)
    .where('number', '=', input.versionNumber)
    .forUpdate()
    .executeTakeFirst();
  if (!version) throw notFound('Version du contrat');
  if (version.status === 'signed' || version.status === 'superseded') {
    throw conflict('Cette version du contrat est déjà signée par les deux parties.');
  }
  if (version.status !== 'proposed' || version.number !== contract.current_version_no)
    throw conflict(OUTDATED);
  if (version.content_hash !== input.contentHash) throw conflict(OUTDATED);
  if (input.rowVersion !== undefined && input.rowVersion !== contract.version) throw versionConflict();

  if (input.party === 'agent') {
    if (version.agent_signed_at) throw conflict('La structure a déjà signé cette version.');
  } else {
    if (version.person_signed_at) throw conflict('La personne a déjà signé cette version.');
    if (!input.statement.trim()) {
      throw invalid('statementAccepted', 'La personne doit accepter la déclaration pour signer.', 'required');
    }
  }

  await trx
    .updateTable('engagement_contract_version')
    .set(
      input.party === 'agent'
        ? { agent_signed_at: now, agent_signed_by: actor.accountId }
        : { person_signed_at: now, person_signature_method: input.method, person_statement: input.statement },
    )
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', version.id)
    .execute();
  // The contract's page changed (a signature more): its row version moves too.
  await trx
    .updateTable('engagement_contract')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', contract.id)
    .execute();
  const method = input.party === 'agent' ? 'agent' : input.method;
  await new AuditTrail(trx).record(
    {
      actor,
      request,
      action: 'contract.signed',
      personId: contract.person_id,
      targetType: 'engagement_contract',
      targetId: contract.id,
      details: {
        versionNumber: version.number,
        contentHash: version.content_hash,
        party: input.party,
        method,
      },
    },
    trx,
  );
  await appendTimeline(trx, {
    departmentCode: contract.department_code,
    personId: contract.person_id,
    occurredOn: today,
    type: 'contract_step',
    data: {
      step: 'signed',
      contractId: contract.id,
      versionNumber: version.number,
      method,
      signerName: input.party === 'agent' ? actor.displayName : null,
    },
    actorAccountId: actor.accountId,
  });

  const completed =
    input.party === 'agent' ? version.person_signed_at != null : version.agent_signed_at != null;
  if (!completed) {
    return {
      contractId: contract.id,
      personId: contract.person_id,
      versionNumber: version.number,
      completed,
      status: contract.status,
    };
  }

  // Both parties have signed: the version is signed, the contract follows.
  const content = (typeof version.content === 'string' ? JSON.parse(version.content) : version.content) as {
    startDate: string;
    endDate: string;
    hoursRegime: string;
  };
  const plan = await planOfVersion(trx, version.id);
  const weeks = weeklyPlan(content, plan);
  const facts = {
    start_date: content.startDate,
    end_date: content.endDate,
    hours_regime: content.hoursRegime,
    weekly_hours: typicalWeeklyHours(weeks),
    in_force_version_no: version.number,
  };
  // A contract signed meanwhile may not overlap this one (nor an amendment's new dates).
  const clash = overlapErrors(
    {
      id: contract.id,
      startDate: content.startDate,
      endDate: content.endDate,
      renewsContractId: contract.renews_contract_id,
    },
    await otherContractsOf(trx, contract.department_code, contract.person_id),
  );
  if (clash.length) throw conflict(clash[0]!.message, clash);
  await moveVersion(trx, { id: version.id, to: 'signed', actor, request });
  let status = contract.status;
  if (contract.status === 'proposed') {
    await moveContract(trx, {
      id: contract.id,
      to: 'signed',
      actor,
      request,
      today,
      data: { versionNumber: version.number },
      timeline: false,
      set: () => ({ ...facts, signed_on: today }),
    });
    status = 'signed';
    if (content.startDate <= today) {
      await bringIntoForce(trx, contract.id, actor, request, today);
      status = 'in_force';
    }
  } else {
    // An amendment of a signed or in-force contract: it replaces the version in force.
    if (contract.in_force_version_no != null && contract.in_force_version_no !== version.number) {
      const previous = await trx
        .selectFrom('engagement_contract_version')
        .select('id')
        .where('contract_id', '=', contract.id)
        .where('number', '=', contract.in_force_version_no)
        .executeTakeFirst();
      if (previous) await moveVersion(trx, { id: previous.id, to: 'superseded', actor, request });
    }
    await trx
      .updateTable('engagement_contract')
      .set((eb) => ({ ...facts, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', contract.id)
      .execute();
  }
  await publish(
    trx,
    contract.department_code,
    contractSigned.of({
      personId: contract.person_id,
      contractId: contract.id,
      versionNumber: version.number,
      signedOn: today,
    }),
    { actor, request },
  );
  return {
    contractId: contract.id,
    personId: contract.person_id,
    versionNumber: version.number,
    completed,
    status,
  };
}
