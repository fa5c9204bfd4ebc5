import type { OrientationWorkspace } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { requirePerson } from '../../beneficiaries';
import { orientationDeadlines } from '../domain/delays';
import { ageOn } from '../domain/proposal';
import { loadOrientations } from './decision';
import { loadDiagnoses } from './diagnoses';
import { recommendationsOf } from './medical';
import { currentRights, decisionBlockedReason, householdComposition } from './person-context';
import { buildProposal, structureChoices } from './proposal-service';
import { loadOrientationDelayRules } from './queue-delay-rules';

function compositionLabel(couple: boolean, minors: number, children: number): string {
  const who = couple ? 'En couple' : 'Personne isolée';
  if (children === 0) return `${who}, sans enfant`;
  const minorsText =
    minors === 0
      ? children === 1
        ? 'un enfant majeur'
        : `${children} enfants, tous majeurs`
      : minors === children
        ? children === 1
          ? 'un enfant mineur'
          : `${children} enfants mineurs`
        : `${children} enfants dont ${minors} mineur${minors > 1 ? 's' : ''}`;
  return `${who}, ${minorsText}`;
}

/**
 * Everything the advisor needs to orient a person, in one reading (traced): situation and
 * deadlines, diagnoses, the proposal with its reasons and structures, the decisions, and of the
 * medical team's work only its recommendation.
 */
export async function getOrientationWorkspace(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  request: RequestInfo,
  today = parisToday(),
): Promise<OrientationWorkspace> {
  const person = await requirePerson(ctx, actor, personId, request);
  await ctx.audit.personRead(actor, personId, request, 'orientation');
  const dep = actor.departmentCode;
  const [household, rights, spell, diagnoses, choices, orientations, medical, rules] = await Promise.all([
    householdComposition(ctx.db, person.householdId),
    currentRights(ctx.db, personId),
    ctx.db
      .selectFrom('entry_spell')
      .select(['id', 'entry_date', 'oriented_on', 'orientation_pathway'])
      .where('person_id', '=', personId)
      .orderBy('entry_date', 'desc')
      .limit(1)
      .executeTakeFirst(),
    loadDiagnoses(ctx.db, personId),
    structureChoices(ctx.db, dep, person.hubId),
    loadOrientations(ctx.db, personId),
    recommendationsOf(ctx.db, personId),
    loadOrientationDelayRules(ctx.db, dep),
  ]);
  const proposal = await buildProposal(ctx.db, dep, person, household, diagnoses[0] ?? null, today, choices);
  const children = household.children.map((c) => ({ ...c, age: ageOn(c.birthDate, today) }));
  const minors = children.filter((c) => c.age < 18).length;
  const deadlines = spell ? orientationDeadlines(String(spell.entry_date), today, rules) : null;
  return {
    today,
    person: { ...person.summary, age: ageOn(person.birthDate, today), hubId: person.hubId },
    household: {
      couple: household.couple,
      compositionLabel: compositionLabel(household.couple, minors, children.length),
      children,
      minorChildren: minors,
    },
    rights: { current: rights, decisionBlockedReason: decisionBlockedReason(rights) },
    entry:
      spell && deadlines
        ? {
            entrySpellId: String(spell.id),
            entryDate: String(spell.entry_date),
            targetDate: deadlines.targetDate,
            legalDeadline: deadlines.legalDeadline,
            daysLeftTarget: deadlines.daysLeftTarget,
            daysLeftLegal: deadlines.daysLeftLegal,
            ruleSource: deadlines.rule.source,
            orientedOn: spell.oriented_on ? String(spell.oriented_on) : null,
            orientationPathway: spell.orientation_pathway,
          }
        : null,
    diagnoses,
    proposal,
    structureChoices: choices,
    orientations,
    medical,
  };
}
