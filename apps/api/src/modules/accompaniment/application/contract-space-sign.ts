import {
  type ContractDetail,
  type contractSpaceSignSchema,
  PERSON_SIGNATURE_STATEMENT,
} from '@parcours/contracts';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { unitOfWork } from '../../../platform/use-case';
import { consumeSignatureCode, countWrongSignatureCode } from '../../access';
import { loadContractDetail } from './contract-read';
import { applySignature } from './contract-signature';

type SpaceSignInput = z.output<typeof contractSpaceSignSchema>;

/**
 * The person signs their contract from their space: the one-time signature code (a fresh
 * re-authentication) is used and the signature recorded in one transaction, with the statement and
 * the version's hash; a wrong code is counted once the transaction has rolled back.
 */
export async function signContractInSpace(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  input: SpaceSignInput,
  request: RequestInfo,
): Promise<ContractDetail> {
  if (!actor.personId) throw forbidden('Votre espace n’est rattaché à aucun dossier.');
  const own = await ctx.db
    .selectFrom('engagement_contract')
    .select('id')
    .where('id', '=', id)
    .where('department_code', '=', actor.departmentCode)
    .where('person_id', '=', actor.personId)
    .executeTakeFirst();
  // Another person's contract is not even acknowledged.
  if (!own) throw notFound('Contrat');
  try {
    await unitOfWork(ctx, actor, request, async ({ trx }) => {
      await consumeSignatureCode(trx, actor, input.code);
      return applySignature(trx, {
        party: 'person',
        method: 'beneficiary_space',
        statement: PERSON_SIGNATURE_STATEMENT,
        contractId: id,
        versionNumber: input.versionNumber,
        contentHash: input.contentHash,
        actor,
        request,
      });
    });
  } catch (error) {
    await countWrongSignatureCode(ctx, error);
    throw error;
  }
  return loadContractDetail(ctx.db, actor.departmentCode, id);
}
