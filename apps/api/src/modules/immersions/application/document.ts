import { personName } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { requirePerson } from '../../beneficiaries';
import { immersionPdf } from '../infra/immersion-pdf';
import { loadImmersionDetail, personOfImmersion } from './read';

/** The convention's PDF (no NIR, no address of the person beyond the commune): a read of the file, traced. */
export async function getImmersionPdf(
  ctx: AppContext,
  actor: RequestActor,
  id: string,
  request: RequestInfo,
): Promise<{ pdf: Buffer; fileName: string }> {
  const personId = await personOfImmersion(ctx.db, actor, id);
  const person = await requirePerson(ctx, actor, personId, request, 'read');
  const name = personName(person.summary);
  const immersion = await loadImmersionDetail(ctx.db, actor.departmentCode, id, name);
  const [structure, department] = await Promise.all([
    ctx.db
      .selectFrom('structure')
      .select(['name', 'address', 'phone', 'email'])
      .where('id', '=', immersion.structure.id)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('department')
      .select('name')
      .where('code', '=', actor.departmentCode)
      .executeTakeFirst(),
  ]);
  const pdf = await immersionPdf({
    departmentName: department?.name ?? `Département ${actor.departmentCode}`,
    immersion,
    person: { name, birthDate: person.summary.birthDate, commune: person.summary.communeName },
    structure,
  });
  await ctx.audit.record({
    actor,
    action: 'immersion.pdf',
    personId,
    targetType: 'immersion',
    targetId: id,
    request,
  });
  return { pdf, fileName: `convention-pmsmp-${immersion.content.startDate}.pdf` };
}
