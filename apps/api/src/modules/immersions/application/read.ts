import {
  calendarDaysOf,
  type ImmersionDetail,
  type ImmersionParty,
  type ImmersionStatus,
  personName,
  personNameOfRow,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { requirePerson } from '../../beneficiaries';
import {
  accountName,
  contentOf,
  endOf,
  type ImmersionRow,
  immersionById,
  immersionsOfPerson,
  pendingLinksOf,
  renewalOfRow,
  signaturesOf,
  startOf,
  structureName,
} from '../infra/immersion-repo';
import { immersionLimitsOn } from './limits';

/** The person of a convention of the actor's département (404 otherwise), before the person gate. */
export async function personOfImmersion(db: Db, actor: RequestActor, id: string): Promise<string> {
  const row = await immersionById(db, actor.departmentCode, id);
  if (!row) throw notFound('Convention d’immersion');
  return row.person_id;
}

/** The convention as the screens show it. */
export async function loadImmersionDetail(
  db: Db,
  departmentCode: string,
  id: string,
  name?: string,
): Promise<ImmersionDetail> {
  const row = await immersionById(db, departmentCode, id);
  if (!row) throw notFound('Convention d’immersion');
  return toDetail(db, row, name);
}

async function toDetail(db: Db, row: ImmersionRow, name?: string): Promise<ImmersionDetail> {
  const [signatures, pendingLinks, structure, createdByName, validatedByName, renewedBy, limits, person] =
    await Promise.all([
      signaturesOf(db, row.id),
      pendingLinksOf(db, row.id, new Date()),
      structureName(db, row.structure_id),
      accountName(db, row.created_by),
      accountName(db, row.validated_by),
      renewalOfRow(db, row.id),
      immersionLimitsOn(db, row.department_code, startOf(row)),
      name
        ? null
        : db
            .selectFrom('person')
            .select(['first_name', 'birth_name', 'usual_name'])
            .where('id', '=', row.person_id)
            .executeTakeFirst(),
    ]);
  return {
    id: row.id,
    personId: row.person_id,
    personName: name ?? (person ? personNameOfRow(person) : ''),
    status: row.status as ImmersionStatus,
    version: row.version,
    content: contentOf(row),
    weeklyHours: Number(row.weekly_hours),
    calendarDays: calendarDaysOf(startOf(row), endOf(row)),
    structure: { id: row.structure_id, name: structure },
    createdByName,
    renewalOf: row.renewal_of,
    renewedBy: renewedBy?.id ?? null,
    signatures: signatures.map((s) => ({
      ...s,
      party: s.party as ImmersionParty,
      mode: s.mode as 'on_screen',
    })),
    pendingLinks: pendingLinks.map((l) => ({ ...l, party: l.party as ImmersionParty })),
    validatedAt: row.validated_at ? new Date(row.validated_at).toISOString() : null,
    validatedByName,
    cancelReason: row.cancel_reason,
    assessment: row.outcome
      ? {
          outcome: row.outcome as 'completed',
          skillsObserved: row.skills_observed,
          jobOffer: Boolean(row.job_offer),
          offerContract: row.offer_contract as 'cdi' | null,
          hostComment: row.host_comment,
          assessedOn: row.assessed_on ? String(row.assessed_on).slice(0, 10) : '',
        }
      : null,
    limits,
  };
}

/** A person's conventions, the latest first: a read of the file. */
export async function listPersonImmersions(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
) {
  await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Immersions (PMSMP) de la personne');
  const rows = await immersionsOfPerson(ctx.db, actor.departmentCode, personId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status as ImmersionStatus,
      hostName: r.host_name,
      jobLabel: r.job_label,
      romeCode: r.rome_code,
      startDate: startOf(r),
      endDate: endOf(r),
      weeklyHours: Number(r.weekly_hours),
      renewalOf: r.renewal_of,
    })),
  };
}

/** One convention: the person gate on its person, then a read of the file. */
export async function getImmersion(ctx: AppContext, actor: RequestActor, id: string, request: RequestInfo) {
  const personId = await personOfImmersion(ctx.db, actor, id);
  const person = await requirePerson(ctx, actor, personId, request, 'read');
  await ctx.audit.personRead(actor, personId, request, 'Convention d’immersion (PMSMP)');
  return loadImmersionDetail(ctx.db, actor.departmentCode, id, personName(person.summary));
}
