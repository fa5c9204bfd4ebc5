import { personName } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { requirePerson } from '../../beneficiaries';
import { departmentName } from '../infra/attendance-sheet-pdf';
import { contractPdf } from '../infra/contract-pdf';
import { loadContractDetail, personOfContract } from './contract-read';

/**
 * The PDF of one version of a contract (identity without NIR, parties, plan, weekly hours,
 * signatures with the content's hash): a read of the person's file, traced as a download.
 */
export async function getContractPdf(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  number: number,
  request: RequestInfo,
): Promise<{ pdf: Buffer; fileName: string }> {
  const personId = await personOfContract(ctx.db, actor, id);
  const person = await requirePerson(ctx, actor, personId, request, 'read');
  const dep = actor.departmentCode;
  const contract = await loadContractDetail(ctx.db, dep, id);
  const version = contract.versions.find((v) => v.number === number);
  if (!version) throw notFound('Version du contrat');
  const [household, structure, depName] = await Promise.all([
    person.householdId
      ? ctx.db
          .selectFrom('household')
          .select([
            'street_number',
            'street_type',
            'street_name',
            'address_complement',
            'postal_code',
            'commune_name',
          ])
          .where('id', '=', person.householdId)
          .executeTakeFirst()
      : undefined,
    ctx.db
      .selectFrom('engagement_contract as c')
      .innerJoin('structure as s', 's.id', 'c.structure_id')
      .select(['s.name', 's.address', 's.phone', 's.email'])
      .where('c.id', '=', id)
      .executeTakeFirst(),
    departmentName(ctx.db, dep),
  ]);
  const s = person.summary;
  const addressLines = household
    ? [
        household.address_complement,
        [household.street_number, household.street_type, household.street_name].filter(Boolean).join(' '),
        [household.postal_code, household.commune_name].filter(Boolean).join(' '),
      ].filter((l): l is string => Boolean(l?.trim()))
    : [];
  const pdf = await contractPdf({
    departmentName: depName,
    contract,
    version,
    person: {
      name: personName(s),
      birthDate: s.birthDate,
      claimNumber: s.claimNumber,
      addressLines,
    },
    structure: structure ?? null,
    referentName: contract.referentName,
  });
  await ctx.audit.record({
    actor,
    action: 'contract.pdf',
    personId,
    targetType: 'engagement_contract',
    targetId: id,
    details: { versionNumber: number },
    request,
  });
  return { pdf, fileName: `contrat-engagement-v${number}.pdf` };
}
