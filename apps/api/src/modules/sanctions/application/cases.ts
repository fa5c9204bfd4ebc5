import { openCaseInputSchema, type SanctionCase } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { notFound, unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { withBuiltIns } from '../../../platform/rules/dated-rules';
import { asRule, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { requirePerson } from '../../beneficiaries';
import {
  builtInSanctionProcedures,
  repeatOf,
  SANCTION_PROCEDURE_KIND,
  type SanctionProcedureRule,
} from '../domain/sanction-cases';
import { sanctionEvents } from '../domain/timeline-events';
import {
  casesOf,
  failureById,
  householdPersonsOn,
  sanctionedFactsDates,
  toCase,
  toFailure,
} from '../infra/sanction-repo';
import { withEp } from './case-ep';
import { failureToExamine, notSubjectRefusal } from './failures';
import { withPayBack } from './pay-back';
import { sanctionRegimeOn } from './sanction-rules';

const num = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;

/** The procedure's dated sets (built-in, then the département's own of kind `sanction_procedure`). */
export async function sanctionProcedures(db: Db, departmentCode: string): Promise<SanctionProcedureRule[]> {
  const base = builtInSanctionProcedures.at(-1)!;
  const own = await storedRuleSets(db, departmentCode, SANCTION_PROCEDURE_KIND, (v) => ({
    observationsDelayMonths: num(v.observationsDelayMonths, base.observationsDelayMonths),
    observationsDelayDays: num(v.observationsDelayDays, base.observationsDelayDays),
  }));
  return withBuiltIns(builtInSanctionProcedures, own.map(asRule));
}

export async function loadCase(
  db: Db,
  departmentCode: string,
  personId: string,
  caseId: string,
): Promise<SanctionCase> {
  const [row] = await casesOf(db, departmentCode, personId, caseId);
  if (!row) throw notFound('Procédure de sanction');
  const failure = await failureById(db, departmentCode, personId, row.failure_id);
  const [withSums] = await withEp(
    db,
    await withPayBack(db, departmentCode, [toCase(row, toFailure(failure!))]),
  );
  return withSums!;
}

/** Opens the case of a failure to examine: the regime of the facts' date, the repeat, the household. */
export async function openCase(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: unknown,
  request: RequestInfo,
): Promise<SanctionCase> {
  const { failureId } = openCaseInputSchema.parse(input);
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  if (!person.summary.subjectToDuties) throw notSubjectRefusal();
  const failure = await failureToExamine(ctx.db, actor.departmentCode, personId, failureId);
  const factsDate = String(failure.facts_date).slice(0, 10);
  const regime = await sanctionRegimeOn(ctx.db, actor.departmentCode, factsDate);
  const [earlier, householdPersons] = await Promise.all([
    sanctionedFactsDates(ctx.db, personId, failureId),
    householdPersonsOn(ctx.db, personId, factsDate),
  ]);
  const repeat = repeatOf(factsDate, regime.repeatWindowMonths, earlier);
  const id = await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    // The failure moves with the case, or not at all (two agents opening the same failure).
    const moved = await trx
      .updateTable('sanction_failure')
      .set((eb) => ({ status: 'in_case', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', failureId)
      .where('status', '=', 'to_examine')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw unprocessable('Ce manquement fait déjà l’objet d’une procédure de sanction.');
    const created = await trx
      .insertInto('sanction_case')
      .values({
        department_code: actor.departmentCode,
        person_id: personId,
        failure_id: failureId,
        regime: regime.regime,
        rule_set_from: regime.effectiveFrom,
        facts_date: factsDate,
        repeat,
        household_persons: householdPersons,
        // The CAF flux carries no single-parent increase yet: false until it does (README, doubts).
        single_parent_increase: false,
        opened_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      action: 'sanction.case_opened',
      personId,
      targetType: 'sanction_case',
      targetId: created.id,
      details: {
        failureId,
        regime: regime.regime,
        ruleSetFrom: regime.effectiveFrom,
        repeat,
        householdPersons,
      },
    });
    await timeline(sanctionEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'sanction_case_opened',
      data: { kind: failure.kind },
    });
    return created.id;
  });
  return loadCase(ctx.db, actor.departmentCode, personId, id);
}
