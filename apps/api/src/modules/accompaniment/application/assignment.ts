import {
  type AssignmentInbox,
  type AssignPersonsInput,
  lastNameOf,
  type ReferentLoad,
  roleScopeKind,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { badRequest, conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { assertPersonInScope } from '../../beneficiaries';
import { inboxDeadlines } from '../domain/inbox-deadlines';
import { capOf, goesOverCap, leastLoaded, overCapProblem } from '../domain/portfolio-caps';
import { accompanimentEvents } from '../domain/timeline-events';
import { alertRules } from '../infra/alerts-repo';
import {
  assignableStructures,
  closeAssignment,
  inboxRows,
  latestOrientations,
  loadStructure,
  lockPersons,
  openAssignment,
  openAssignments,
  type StructureRow,
} from '../infra/assignment-repo';
import {
  ensureAccountReferents,
  lockReferent,
  type ReferentRow,
  structureReferents,
} from '../infra/referent-repo';
import { capRuleOnDay } from './portfolio-caps';

/**
 * The référent unique, structure side: the assignment inbox (persons oriented to the structure
 * without a référent of it), the référents' load against their cap, bulk assignment.
 */

type Exec = Kysely<Database>;

/** A structure role works on its own structure; a département-wide role on any. */
function ownStructureOf(actor: RequestActor): string | null {
  return roleScopeKind[actor.role] === 'structure' ? actor.structureId : null;
}

/**
 * The structure the actor may manage: their own (structure roles), any of the département for the
 * others. Another structure is refused (403) and the refusal traced; an unknown one is a 404.
 */
async function manageableStructure(
  ctx: AppContext,
  actor: RequestActor,
  structureId: string | undefined,
  request: RequestInfo | null,
): Promise<StructureRow> {
  const own = ownStructureOf(actor);
  const wanted = structureId ?? own;
  if (!wanted) throw badRequest('Choisissez une structure.');
  if (roleScopeKind[actor.role] === 'structure' && wanted !== own) {
    await ctx.audit.record({
      actor,
      action: 'assignment.inbox_denied',
      targetType: 'structure',
      targetId: wanted,
      request,
    });
    throw forbidden(
      'Cette structure n’est pas la vôtre : vous ne pouvez affecter que les personnes de votre structure.',
    );
  }
  const structure = await loadStructure(ctx.db, actor.departmentCode, wanted);
  if (!structure) throw notFound('Structure');
  return structure;
}

/** The structures whose inbox the actor may open. */
export async function listAssignmentStructures(ctx: AppContext, actor: RequestActor) {
  const own = ownStructureOf(actor);
  if (roleScopeKind[actor.role] === 'structure' && !own) return [];
  return assignableStructures(ctx.db, actor.departmentCode, own);
}

/** The référents of a structure with their load and cap (the caps in force on `today`). */
export async function referentLoads(
  exec: Exec,
  departmentCode: string,
  structure: StructureRow,
  today: string,
): Promise<ReferentLoad[]> {
  const rule = await capRuleOnDay(exec, departmentCode, today);
  const referents = await structureReferents(exec, departmentCode, structure.id, today);
  return referents.map((r) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    accountId: r.accountId,
    globalSupportPair: r.globalSupportPair,
    load: r.load,
    cap: capOf(rule, r, structure.kind),
  }));
}

export async function getAssignmentInbox(
  ctx: AppContext,
  actor: RequestActor,
  query: { structureId?: string },
  request: RequestInfo | null,
): Promise<AssignmentInbox> {
  const structure = await manageableStructure(ctx, actor, query.structureId, request);
  const today = parisToday();
  const rule = await capRuleOnDay(ctx.db, actor.departmentCode, today);
  const referents = await referentLoads(ctx.db, actor.departmentCode, structure, today);
  const rows = await inboxRows(ctx.db, actor.departmentCode, structure.id);
  const deadlineRules = await alertRules(ctx.db, actor.departmentCode);
  const items = rows.map((r) => {
    const orientedOn = String(r.decided_on ?? r.notified_on);
    return {
      personId: r.person_id,
      firstName: r.first_name,
      lastName: lastNameOf({ birthName: r.birth_name, usualName: r.usual_name }),
      birthDate: r.birth_date ? String(r.birth_date) : null,
      orientationId: r.orientation_id,
      orientedOn,
      notifiedOn: String(r.notified_on),
      pathway: r.pathway,
      programme: r.programme,
      ...inboxDeadlines(
        { orientedOn, notifiedOn: String(r.notified_on), pathway: r.pathway },
        today,
        deadlineRules,
      ),
    };
  });
  await recordPersonList(
    ctx,
    actor,
    request,
    'assignment.inbox',
    { structureId: structure.id },
    items.map((i) => i.personId),
  );
  return {
    structure,
    today,
    capsEffectiveFrom: rule.effectiveFrom,
    items,
    referents,
    proposedReferentId: leastLoaded(referents)?.id ?? null,
  };
}

const fullName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

/**
 * Checks a référent chosen by the actor: of the département (404), active, of a structure the
 * actor manages (a référent of another structure is refused, nothing changed).
 */
export function checkChosenReferent(actor: RequestActor, referent: ReferentRow | null): ReferentRow {
  if (!referent) throw notFound('Référent');
  const own = ownStructureOf(actor);
  if (roleScopeKind[actor.role] === 'structure' && referent.structureId !== own) {
    throw invalid(
      'referentId',
      `${fullName(referent)} est référent d’une autre structure : choisissez un référent de votre structure.`,
    );
  }
  if (!referent.active) {
    throw invalid(
      'referentId',
      `${fullName(referent)} n’est plus référent actif : choisissez un autre référent.`,
    );
  }
  return referent;
}

/**
 * Assigns persons to a référent, all or nothing, in one transaction: every person must be in the
 * actor's scope, oriented (latest orientation) to the référent's structure and without a référent
 * of that structure; over the cap, a reason is required and recorded. An open assignment to a
 * référent of another structure (a former orientation) is closed with the reorientation.
 */
export async function assignPersons(
  ctx: AppContext,
  actor: RequestActor,
  input: AssignPersonsInput,
  request: RequestInfo | null,
): Promise<{ assigned: number; referentId: string; load: number; cap: number }> {
  const personIds = [...new Set(input.personIds)];
  const today = parisToday();
  const dep = actor.departmentCode;
  const overCapReason = input.overCapReason?.trim() || undefined;
  return unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    // The persons first: one outside the actor's scope is refused whatever the référent.
    const locked = await lockPersons(trx, dep, personIds);
    if (locked.length !== personIds.length) throw notFound('Personne');
    for (const id of locked) await assertPersonInScope(trx, actor, id, 'act');
    const pre = await lockReferent(trx, dep, input.referentId, today);
    if (pre) await ensureAccountReferents(trx, dep, pre.structureId);
    const referent = checkChosenReferent(actor, pre);
    const structure = await loadStructure(trx, dep, referent.structureId);
    if (!structure) throw notFound('Structure');

    const orientations = await latestOrientations(trx, dep, locked);
    const notOriented = locked.filter((id) => orientations.get(id)?.structureId !== structure.id);
    if (notOriented.length) {
      throw invalid(
        'personIds',
        `${notOriented.length === 1 ? 'Une personne choisie n’est pas orientée' : `${notOriented.length} personnes choisies ne sont pas orientées`} vers ${structure.name} : aucune affectation n’a été faite.`,
      );
    }
    const open = await openAssignments(trx, dep, locked);
    const already = open.filter((a) => a.structureId === structure.id);
    if (already.length) {
      const a = already[0]!;
      throw conflict(
        `${already.length === 1 ? 'Une personne choisie a' : `${already.length} personnes choisies ont`} déjà un référent dans la structure (${a.referentFirstName} ${a.referentLastName}) : utilisez le changement de référent depuis son dossier. Aucune affectation n’a été faite.`,
      );
    }
    const rule = await capRuleOnDay(trx, dep, today);
    const loaded = { ...referent, cap: capOf(rule, referent, structure.kind) };
    const problem = overCapProblem(loaded, locked.length, overCapReason);
    if (problem) throw invalid('overCapReason', problem);
    const overCap = goesOverCap(loaded, locked.length);

    const name = fullName(referent);
    for (const personId of locked) {
      for (const former of open.filter((a) => a.personId === personId)) {
        await closeAssignment(trx, former.id, {
          toDate: today,
          endedBy: actor.accountId,
          reason: `Réorientation vers ${structure.name}`,
        });
      }
      const id = await openAssignment(trx, {
        departmentCode: dep,
        personId,
        referentId: referent.id,
        fromDate: today,
        assignedBy: actor.accountId,
        reason: null,
        overCapReason: overCap ? (overCapReason ?? null) : null,
      });
      await timeline(accompanimentEvents, {
        personId,
        occurredOn: today,
        type: 'referent_assignment',
        data: {
          referentId: referent.id,
          referentName: name,
          structureName: structure.name,
          assignmentId: id,
        },
      });
      await audit({
        action: 'assignment.assigned',
        personId,
        targetType: 'referent_assignment',
        targetId: id,
        details: {
          referentId: referent.id,
          structureId: structure.id,
          overCap,
          ...(overCap ? { overCapReason } : {}),
          bulk: locked.length > 1,
        },
      });
    }
    return {
      assigned: locked.length,
      referentId: referent.id,
      load: loaded.load + locked.length,
      cap: loaded.cap,
    };
  });
}
