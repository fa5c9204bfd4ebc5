import {
  type Orientation,
  type OrientationDecisionResult,
  type OrientationPathway,
  type OrientationProgramme,
  type orientationDecisionInputSchema,
  orientationPathwayLabels,
  orientationStatusOf,
  orientationWorkflow,
  pathwayBodyKinds,
  type StructureKind,
  structureKindLabels,
} from '@parcours/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError, invalid, notFound, versionConflict } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { assertTransition, recordTransition } from '../../../platform/workflow/transition';
import { requirePerson } from '../../beneficiaries';
import { decisionLetterId, renderLettersPdf } from '../../messaging';
import { orientationDecided } from '../domain/events';
import { loadDiagnoses } from './diagnoses';
import { openMedicalReferral } from './medical';
import {
  currentRights,
  decisionBlockedReason,
  householdComposition,
  parisToday,
  type Request,
} from './person-context';
import { buildProposal } from './proposal-service';

type DecisionInput = z.output<typeof orientationDecisionInputSchema>;

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

/** A person's orientations, latest first; the first one is the current orientation. */
export async function loadOrientations(db: Kysely<Database>, personId: string): Promise<Orientation[]> {
  const rows = await db
    .selectFrom('orientation as o')
    .innerJoin('structure as s', 's.id', 'o.structure_id')
    .leftJoin('account as a', 'a.id', 'o.decided_by')
    .select([
      'o.id',
      'o.pathway',
      'o.structure_id',
      's.name as structure_name',
      's.kind as structure_kind',
      'o.programme',
      'o.notified_on',
      'o.decided_on',
      'a.display_name as decided_by_name',
      'o.source',
      'o.overridden',
      'o.override_reason',
      'o.proposal',
      'o.previous_orientation_id',
      'o.reorientation_reason',
      'o.diagnosis_id',
      'o.version',
      sql<boolean>`EXISTS (SELECT 1 FROM message m WHERE m.orientation_id = o.id AND m.kind = 'decision' AND m.channel = 'letter')`.as(
        'has_letter',
      ),
    ])
    .where('o.person_id', '=', personId)
    .orderBy('o.notified_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
  return rows.map((r, i) => {
    const proposal = r.proposal as {
      pathway: OrientationPathway;
      bodyKind: string;
      reasons: string[];
    } | null;
    return {
      id: r.id,
      pathway: r.pathway as OrientationPathway,
      pathwayLabel: orientationPathwayLabels[r.pathway as OrientationPathway] ?? r.pathway,
      structureId: r.structure_id,
      structureName: r.structure_name,
      structureKind: r.structure_kind,
      programme: r.programme as OrientationProgramme | null,
      notifiedOn: String(r.notified_on),
      decidedOn: r.decided_on ? String(r.decided_on) : null,
      decidedByName: r.decided_by_name,
      source: r.source,
      overridden: r.overridden,
      overrideReason: r.override_reason,
      proposal: proposal
        ? { pathway: proposal.pathway, bodyKind: proposal.bodyKind, reasons: proposal.reasons ?? [] }
        : null,
      previousOrientationId: r.previous_orientation_id,
      reorientationReason: r.reorientation_reason,
      diagnosisId: r.diagnosis_id,
      hasLetter: Boolean(r.has_letter),
      current: i === 0,
      version: r.version,
    };
  });
}

/**
 * The advisor's decision, a move of `orientationWorkflow` (oriented, or reoriented when the person
 * already is). Refused, with nothing changed: a person not subject to rights and duties or whose
 * rights are closed, a structure whose kind does not fit the pathway, a choice other than the
 * proposal without a reason, a reorientation without a reason or on a stale version. In one
 * transaction: the orientation (with the proposal it answers), the audit trace, the timeline, for
 * the health pathway a request to the pôle's medical team, and the `orientation.decided` event —
 * whose in-transaction subscribers keep the entry-spell read model and write the notification
 * letter (modules/event-subscribers.ts).
 */
export async function decideOrientation(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: DecisionInput,
  request: Request,
): Promise<OrientationDecisionResult> {
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  const dep = actor.departmentCode;
  if (input.decidedOn > parisToday())
    throw invalid('decidedOn', 'La date de décision ne peut pas être dans le futur.');
  if (input.programme && input.pathway === 'health') {
    throw invalid('programme', 'Un programme ne s’applique pas à une orientation santé.');
  }

  const result = await unitOfWork(ctx, actor, request, async ({ trx, publish }) => {
    // Decisions about one person are taken one at a time.
    await sql`SELECT id FROM person WHERE id = ${personId} FOR UPDATE`.execute(trx);
    const blocked = decisionBlockedReason(await currentRights(trx, personId));
    if (blocked) throw new DomainError('unprocessable', 'VALIDATION_ERROR', blocked);
    // A decision answers the person's entry: dated before it, it would be judged on another situation.
    const entry = await trx
      .selectFrom('entry_spell')
      .select('entry_date')
      .where('person_id', '=', personId)
      .orderBy('entry_date', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (entry && input.decidedOn < String(entry.entry_date)) {
      throw invalid(
        'decidedOn',
        `La décision ne peut pas précéder l’entrée de la personne dans le RSA, le ${frenchDate(String(entry.entry_date))} : indiquez une date à partir de celle-ci.`,
      );
    }

    const structure = await trx
      .selectFrom('structure')
      .select(['id', 'name', 'kind', 'hub_id', 'active'])
      .where('id', '=', input.structureId)
      .where('department_code', '=', dep)
      .executeTakeFirst();
    if (!structure?.active) throw invalid('structureId', 'Structure inconnue ou inactive.');
    const allowed = pathwayBodyKinds[input.pathway] as readonly string[];
    if (!allowed.includes(structure.kind)) {
      throw invalid(
        'structureId',
        `${structure.name} (${structureKindLabels[structure.kind as StructureKind] ?? structure.kind}) ne peut pas accompagner une orientation ${orientationPathwayLabels[input.pathway].toLowerCase()} : choisissez ${allowed.map((k) => `« ${structureKindLabels[k as StructureKind]} »`).join(', ')}.`,
      );
    }

    const diagnoses = await loadDiagnoses(trx, personId);
    const diagnosis = input.diagnosisId ? diagnoses.find((d) => d.id === input.diagnosisId) : diagnoses[0];
    if (input.diagnosisId && !diagnosis) {
      throw invalid('diagnosisId', 'Ce diagnostic n’est pas celui de cette personne.');
    }
    const household = await householdComposition(trx, person.householdId);
    const proposal = await buildProposal(trx, dep, person, household, diagnosis ?? null, input.decidedOn);
    const overridden = input.pathway !== proposal.pathway || structure.kind !== proposal.bodyKind;
    if (overridden && !input.overrideReason) {
      throw invalid(
        'overrideReason',
        `Le système propose une orientation ${orientationPathwayLabels[proposal.pathway].toLowerCase()} vers « ${structureKindLabels[proposal.bodyKind]} » : indiquez le motif de votre choix différent.`,
      );
    }

    const current = (await loadOrientations(trx, personId))[0] ?? null;
    const from = orientationStatusOf(current);
    const to = from === 'not_oriented' ? 'oriented' : 'reoriented';
    assertTransition(orientationWorkflow, from, to, actor.role);
    if (current) {
      if (!input.reorientationReason) {
        throw invalid(
          'reorientationReason',
          `La personne est déjà orientée (${current.pathwayLabel.toLowerCase()}, ${current.structureName}, le ${frenchDate(current.notifiedOn)}) : indiquez le motif de la réorientation.`,
        );
      }
      if (input.decidedOn < current.notifiedOn) {
        throw invalid(
          'decidedOn',
          `La réorientation ne peut pas précéder l’orientation en cours (notifiée le ${frenchDate(current.notifiedOn)}).`,
        );
      }
      // The person's row is locked: the latest orientation cannot change under us. Each new
      // orientation carries the next version, so a decision taken on a stale screen is refused.
      if (input.version === null || input.version !== current.version) throw versionConflict();
    }

    const spell = await trx
      .selectFrom('entry_spell')
      .select('id')
      .where('person_id', '=', personId)
      .where('entry_date', '<=', input.decidedOn)
      .orderBy('entry_date', 'desc')
      .limit(1)
      .executeTakeFirst();
    const snapshot = {
      pathway: proposal.pathway,
      bodyKind: proposal.bodyKind,
      rule: proposal.rule,
      reasons: proposal.reasons,
      structureId: proposal.structure?.id ?? null,
      diagnosisId: proposal.diagnosisId,
    };
    const row = await trx
      .insertInto('orientation')
      .values({
        department_code: dep,
        person_id: personId,
        notified_on: input.decidedOn,
        pathway: input.pathway,
        structure_id: structure.id,
        programme: input.programme,
        source: 'parcours',
        entry_spell_id: spell?.id ?? null,
        diagnosis_id: diagnosis?.id ?? null,
        body_kind: structure.kind,
        decided_on: input.decidedOn,
        decided_by: actor.accountId,
        proposal: JSON.stringify(snapshot),
        overridden,
        override_reason: overridden ? input.overrideReason : null,
        previous_orientation_id: current?.id ?? null,
        reorientation_reason: current ? input.reorientationReason : null,
        version: (current?.version ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordTransition(trx, {
      actor,
      request,
      audit: {
        action: to === 'oriented' ? 'orientation.decided' : 'orientation.reoriented',
        personId,
        targetType: 'orientation',
        targetId: row.id,
        details: {
          pathway: input.pathway,
          structureId: structure.id,
          programme: input.programme,
          overridden,
          proposedPathway: proposal.pathway,
          proposedBodyKind: proposal.bodyKind,
          previousOrientationId: current?.id ?? null,
        },
      },
      timeline: {
        departmentCode: dep,
        personId,
        occurredOn: input.decidedOn,
        type: 'orientation',
        data: {
          orientationId: row.id,
          pathway: input.pathway,
          structureId: structure.id,
          programme: input.programme,
          overridden,
          reorientation: Boolean(current),
        },
        actorAccountId: actor.accountId,
        source: 'parcours',
      },
    });
    let medicalReferralId: string | null = null;
    if (input.pathway === 'health') {
      const hubId = person.hubId ?? structure.hub_id;
      if (!hubId) {
        throw invalid(
          'structureId',
          'Ni la commune de la personne ni cette structure ne sont rattachées à un pôle : l’équipe médicale ne peut pas être saisie.',
        );
      }
      const referral = await openMedicalReferral(ctx, trx, actor, {
        personId,
        hubId,
        reason: `Orientation santé décidée le ${frenchDate(input.decidedOn)} : avis de l’équipe médicale sur les actions compatibles.`,
        requestedOn: input.decidedOn,
        request,
      });
      medicalReferralId = referral.id;
    }
    // The read model and the notification letter react to the event, in this transaction.
    const event = orientationDecided.of({
      orientationId: row.id,
      personId,
      pathway: input.pathway,
      structureId: structure.id,
      programme: input.programme,
      decidedOn: input.decidedOn,
      decidedBy: actor.accountId,
      overridden,
      reorientation: Boolean(current),
      previousOrientationId: current?.id ?? null,
    });
    await publish(event);
    return { id: row.id, letterMessageId: await decisionLetterId(trx, row.id), medicalReferralId };
  });

  const orientation = (await loadOrientations(ctx.db, personId)).find((o) => o.id === result.id)!;
  return {
    orientation,
    letterMessageId: result.letterMessageId,
    medicalReferralId: result.medicalReferralId,
  };
}

/** The notification letter of a decision, as a PDF, for whoever may read the person's file. */
export async function orientationLetter(
  ctx: AppContext,
  actor: RequestActor,
  orientationId: string,
  request: Request,
): Promise<Buffer> {
  const o = await ctx.db
    .selectFrom('orientation')
    .select(['id', 'person_id'])
    .where('id', '=', orientationId)
    .where('department_code', '=', actor.departmentCode)
    .executeTakeFirst();
  if (!o) throw notFound('Orientation');
  await requirePerson(ctx, actor, o.person_id, request);
  const letters = await ctx.db
    .selectFrom('message')
    .select('id')
    .where('orientation_id', '=', orientationId)
    .where('kind', '=', 'decision')
    .where('channel', '=', 'letter')
    .orderBy('created_at')
    .execute();
  if (letters.length === 0) throw notFound('Courrier de notification');
  await ctx.audit.personRead(actor, o.person_id, request, 'courrier de notification d’orientation');
  return renderLettersPdf(ctx, actor, { messageIds: letters.map((l) => l.id) });
}
