import type {
  SanctionBounds,
  SanctionLevel,
  SanctionPractice,
  SanctionPracticeInput,
  SanctionPracticeValue,
  SanctionRegime,
  SanctionRegimeInput,
  SanctionRegimeValue,
  SanctionRules,
} from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import type { RequestInfo } from '../../../platform/request-info';
import { ruleSetHistory } from '../../../platform/rules/dated-rules';
import { addRuleSet, asHistoryLine, storedRuleSets } from '../../../platform/rules/rule-set-store';
import { parisToday } from '../../../platform/time';
import {
  builtInSanctionPractices,
  builtInSanctionRegimes,
  practiceOn,
  REGIME_2025_FROM,
  regimeOn,
  SANCTION_PRACTICE_KIND,
  SANCTION_REGIME_KIND,
  type SanctionSituation,
  sanctionBoundsOn,
} from '../domain/sanction-rules';

const latestRegime = builtInSanctionRegimes.find((r) => r.effectiveFrom === REGIME_2025_FROM)!;
const latestPractice = builtInSanctionPractices.at(-1)!;

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const numOrNull = (v: unknown, fallback: number | null) =>
  v === null ? null : typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);

function parseLevel(raw: unknown, base: SanctionLevel): SanctionLevel {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    minPercent: numOrNull(v.minPercent, base.minPercent),
    maxPercent: num(v.maxPercent, base.maxPercent),
    minMonths: num(v.minMonths, base.minMonths),
    maxMonths: num(v.maxMonths, base.maxMonths),
  };
}

/** A stored `sanction_regime` value; a missing field takes the 2025 regime's. */
export function parseRegimeValue(v: Record<string, unknown>): SanctionRegimeValue {
  const b = latestRegime;
  return {
    regime: typeof v.regime === 'string' && v.regime ? v.regime : b.regime,
    label: typeof v.label === 'string' && v.label ? v.label : b.label,
    first: parseLevel(v.first, b.first),
    repeated: parseLevel(v.repeated, b.repeated),
    householdCapPercent: numOrNull(v.householdCapPercent, b.householdCapPercent),
    capForSingleParentIncrease: bool(v.capForSingleParentIncrease, b.capForSingleParentIncrease),
    repeatWindowMonths: num(v.repeatWindowMonths, b.repeatWindowMonths),
    epOpinionRequiredForSanction: bool(v.epOpinionRequiredForSanction, b.epOpinionRequiredForSanction),
    epOpinionRequiredForRemoval: bool(v.epOpinionRequiredForRemoval, b.epOpinionRequiredForRemoval),
    removalAtEndOfSuspension: bool(v.removalAtEndOfSuspension, b.removalAtEndOfSuspension),
  };
}

function parsePracticeValue(v: Record<string, unknown>): SanctionPracticeValue {
  const b = latestPractice;
  return {
    applies: bool(v.applies, b.applies),
    firstSuspensionMonths: num(v.firstSuspensionMonths, b.firstSuspensionMonths),
    automaticReinstatement: bool(v.automaticReinstatement, b.automaticReinstatement),
    secondSuspensionMonths: num(v.secondSuspensionMonths, b.secondSuspensionMonths),
    removalAfterSecondSuspension: bool(v.removalAfterSecondSuspension, b.removalAfterSecondSuspension),
    sasWeeks: num(v.sasWeeks, b.sasWeeks),
    sasHalfDaysPerWeek: num(v.sasHalfDaysPerWeek, b.sasHalfDaysPerWeek),
  };
}

/** The built-in regimes and the département's own dated sets, the latest first. */
async function regimeHistory(db: Db, departmentCode: string): Promise<SanctionRegime[]> {
  const own = await storedRuleSets(db, departmentCode, SANCTION_REGIME_KIND, parseRegimeValue);
  return ruleSetHistory(builtInSanctionRegimes, own.map(asHistoryLine));
}

async function practiceHistory(db: Db, departmentCode: string): Promise<SanctionPractice[]> {
  const own = await storedRuleSets(db, departmentCode, SANCTION_PRACTICE_KIND, parsePracticeValue);
  return ruleSetHistory(builtInSanctionPractices, own.map(asHistoryLine));
}

/** The regime in force on the facts' date, for this département (its own sets included). */
export async function sanctionRegimeOn(db: Db, departmentCode: string, factsDate: string) {
  return regimeOn(await regimeHistory(db, departmentCode), factsDate);
}

/** The département's practice in force on the facts' date. */
export async function sanctionPracticeOn(db: Db, departmentCode: string, factsDate: string) {
  return practiceOn(await practiceHistory(db, departmentCode), factsDate);
}

/** The bounds of a sanction for facts of that day and that situation (CLI `rules sanction`). */
export async function sanctionBoundsFor(
  db: Db,
  departmentCode: string,
  factsDate: string,
  situation: SanctionSituation,
): Promise<SanctionBounds> {
  return sanctionBoundsOn(await regimeHistory(db, departmentCode), factsDate, situation);
}

/** `GET /api/sanction-rules`: each kind's set in force today and its history. */
export async function getSanctionRules(ctx: AppContext, actor: RequestActor): Promise<SanctionRules> {
  const today = parisToday();
  const [regimes, practices] = await Promise.all([
    regimeHistory(ctx.db, actor.departmentCode),
    practiceHistory(ctx.db, actor.departmentCode),
  ]);
  return {
    regime: { current: regimeOn(regimes, today), rules: regimes },
    practice: { current: practiceOn(practices, today), rules: practices },
  };
}

/** A new regime from a date (today or later): facts before it keep the former regimes. */
export async function addSanctionRegime(
  ctx: AppContext,
  actor: RequestActor,
  input: SanctionRegimeInput,
  request: RequestInfo,
): Promise<SanctionRules> {
  const value: SanctionRegimeValue = {
    regime: input.regime,
    label: input.label,
    first: {
      minPercent: input.firstMinPercent,
      maxPercent: input.firstMaxPercent,
      minMonths: input.firstMinMonths,
      maxMonths: input.firstMaxMonths,
    },
    repeated: {
      minPercent: input.repeatedMinPercent,
      maxPercent: input.repeatedMaxPercent,
      minMonths: input.repeatedMinMonths,
      maxMonths: input.repeatedMaxMonths,
    },
    householdCapPercent: input.householdCapPercent,
    capForSingleParentIncrease: input.capForSingleParentIncrease,
    repeatWindowMonths: input.repeatWindowMonths,
    epOpinionRequiredForSanction: input.epOpinionRequiredForSanction,
    epOpinionRequiredForRemoval: input.epOpinionRequiredForRemoval,
    removalAtEndOfSuspension: input.removalAtEndOfSuspension,
  };
  await addRuleSet(
    ctx,
    actor,
    request,
    {
      kind: SANCTION_REGIME_KIND,
      effectiveFrom: input.effectiveFrom,
      value: { ...value },
      source: input.source,
    },
    {
      past: 'Un régime de sanctions ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Un régime de sanctions est déjà fixé à partir de cette date : choisissez une autre date.',
      takenField: 'Un régime de sanctions est déjà fixé à partir de cette date.',
      audit: 'sanction.regime_set',
    },
  );
  return getSanctionRules(ctx, actor);
}

/** A new practice of the département from a date (today or later). */
export async function addSanctionPractice(
  ctx: AppContext,
  actor: RequestActor,
  input: SanctionPracticeInput,
  request: RequestInfo,
): Promise<SanctionRules> {
  const { effectiveFrom, source, ...value } = input;
  await addRuleSet(
    ctx,
    actor,
    request,
    { kind: SANCTION_PRACTICE_KIND, effectiveFrom, value, source },
    {
      past: 'Une pratique ne s’applique pas au passé : choisissez aujourd’hui ou une date à venir.',
      taken: 'Une pratique est déjà fixée à partir de cette date : choisissez une autre date.',
      takenField: 'Une pratique est déjà fixée à partir de cette date.',
      audit: 'sanction.practice_set',
    },
  );
  return getSanctionRules(ctx, actor);
}
