import {
  type ChangeReferentInput,
  type CurrentReferent,
  type PersonReferents,
  roleScopeKind,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { assertPersonInScope, requirePerson } from '../../beneficiaries';
import { createReferentChangeMessages, type ReferentNotice } from '../../messaging';
import { capOf, goesOverCap, overCapProblem } from '../domain/portfolio-caps';
import { accompanimentEvents } from '../domain/timeline-events';
import {
  assignmentHistory,
  closeAssignment,
  currentReferentRow,
  latestOrientations,
  loadStructure,
  lockPersons,
  openAssignment,
  openAssignments,
} from '../infra/assignment-repo';
import { ensureAccountReferents, lockReferent } from '../infra/referent-repo';
import { checkChosenReferent, referentLoads } from './assignment';
import { capRuleOnDay } from './portfolio-caps';

/** The référent unique, person side: the current référent, the history, the change. */

type Exec = Kysely<Database>;

/**
 * The person's current référent and how to reach them (the référent's account e-mail, else the
 * structure's; the structure's phone), null when none. For other contexts (the beneficiary space):
 * the caller has already decided the reader may see the person.
 */
export async function currentReferentOf(
  db: Exec,
  departmentCode: string,
  personId: string,
): Promise<CurrentReferent | null> {
  const r = await currentReferentRow(db, departmentCode, personId);
  if (!r) return null;
  return {
    referentId: r.referent_id,
    name: `${r.first_name} ${r.last_name}`.trim(),
    structureId: r.structure_id,
    structureName: r.structure_name,
    phone: r.structure_phone,
    email: r.account_email ?? r.structure_email,
    fromDate: String(r.from_date),
  };
}

async function personReferents(exec: Exec, actor: RequestActor, personId: string): Promise<PersonReferents> {
  const dep = actor.departmentCode;
  const current = await currentReferentOf(exec, dep, personId);
  const rows = await assignmentHistory(exec, dep, personId);
  let candidates: PersonReferents['candidates'] = [];
  if (actor.can('assignment.manage')) {
    // The structure of the person's latest orientation (a structure role: only its own).
    const latest = (await latestOrientations(exec, dep, [personId])).get(personId);
    const own = roleScopeKind[actor.role] === 'structure' ? actor.structureId : null;
    const structureId = own ?? latest?.structureId ?? current?.structureId ?? null;
    const structure = structureId ? await loadStructure(exec, dep, structureId) : null;
    if (structure) candidates = await referentLoads(exec, dep, structure, parisToday());
  }
  return {
    current,
    items: rows.map((r) => ({
      id: r.id,
      referentId: r.referent_id,
      referentName: `${r.first_name} ${r.last_name}`.trim(),
      structureName: r.structure_name,
      fromDate: String(r.from_date),
      toDate: r.to_date ? String(r.to_date) : null,
      source: r.source,
      assignedByName: r.assigned_by_name,
      reason: r.reason,
      overCapReason: r.over_cap_reason,
      endedByName: r.ended_by_name,
      endReason: r.end_reason,
    })),
    candidates,
  };
}

/** The person's référents (current and history), an audited reading of the file. */
export async function getPersonReferents(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
): Promise<PersonReferents> {
  await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'Référents de la personne');
  return personReferents(ctx.db, actor, personId);
}

async function noticeOf(exec: Exec, dep: string, referentId: string): Promise<ReferentNotice> {
  const r = await exec
    .selectFrom('referent as r')
    .innerJoin('structure as s', 's.id', 'r.structure_id')
    .leftJoin('account as a', (j) => j.onRef('a.id', '=', 'r.account_id').on('a.active', '=', true))
    .select(['r.first_name', 'r.last_name', 's.name', 's.phone', 's.email as structure_email', 'a.email'])
    .where('r.id', '=', referentId)
    .where('r.department_code', '=', dep)
    .executeTakeFirstOrThrow();
  return {
    name: `${r.first_name} ${r.last_name}`.trim(),
    structureName: r.name,
    email: r.email,
    contactPhone: r.phone,
    contactEmail: r.structure_email,
  };
}

/**
 * Changes the person's référent: closes the open assignment (today, with the reason and who),
 * opens the new one, writes the timeline line and notifies the person and both référents through
 * the messaging outbox — all in one transaction. A person with no référent yet gets one here too.
 */
export async function changeReferent(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: ChangeReferentInput,
  request: RequestInfo,
): Promise<PersonReferents> {
  await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  const today = parisToday();
  const reason = input.reason.trim();
  const overCapReason = input.overCapReason?.trim() || undefined;
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const pre = await lockReferent(trx, dep, input.referentId, today);
    if (pre) await ensureAccountReferents(trx, dep, pre.structureId);
    const referent = checkChosenReferent(actor, pre);
    const structure = await loadStructure(trx, dep, referent.structureId);
    if (!structure) throw notFound('Structure');
    await lockPersons(trx, dep, [personId]);
    await assertPersonInScope(trx, actor, personId, 'act');
    const open = await openAssignments(trx, dep, [personId]);
    const latest = (await latestOrientations(trx, dep, [personId])).get(personId);
    if (open.some((a) => a.referentId === referent.id)) {
      throw invalid(
        'referentId',
        `${referent.firstName} ${referent.lastName} est déjà le référent de cette personne.`,
      );
    }
    const allowed = new Set([latest?.structureId, ...open.map((a) => a.structureId)]);
    if (!allowed.has(structure.id)) {
      throw invalid(
        'referentId',
        `La personne n’est pas orientée vers ${structure.name} : choisissez un référent de la structure qui l’accompagne, ou réorientez-la d’abord.`,
      );
    }
    const rule = await capRuleOnDay(trx, dep, today);
    const loaded = { ...referent, cap: capOf(rule, referent, structure.kind) };
    const problem = overCapProblem(loaded, 1, overCapReason);
    if (problem) throw invalid('overCapReason', problem);
    const overCap = goesOverCap(loaded, 1);

    const previous = open[0] ?? null;
    for (const a of open) {
      await closeAssignment(trx, a.id, { toDate: today, endedBy: actor.accountId, reason });
    }
    const id = await openAssignment(trx, {
      departmentCode: dep,
      personId,
      referentId: referent.id,
      fromDate: today,
      assignedBy: actor.accountId,
      reason,
      overCapReason: overCap ? (overCapReason ?? null) : null,
    });
    const next = await noticeOf(trx, dep, referent.id);
    const former = previous ? await noticeOf(trx, dep, previous.referentId) : null;
    const sent = await createReferentChangeMessages(trx, actor, { personId, previous: former, next, reason });
    await timeline(accompanimentEvents, {
      personId,
      occurredOn: today,
      type: previous ? 'referent_change' : 'referent_assignment',
      data: {
        referentId: referent.id,
        referentName: next.name,
        toName: next.name,
        fromName: former?.name ?? null,
        structureName: structure.name,
        reason,
        notified: sent.personChannels,
        assignmentId: id,
      },
    });
    await audit({
      action: previous ? 'assignment.changed' : 'assignment.assigned',
      personId,
      targetType: 'referent_assignment',
      targetId: id,
      details: {
        referentId: referent.id,
        previousReferentId: previous?.referentId ?? null,
        reason,
        overCap,
        ...(overCap ? { overCapReason } : {}),
        messageIds: sent.messageIds,
      },
    });
  });
  return personReferents(ctx.db, actor, personId);
}
