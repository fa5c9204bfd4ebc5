import type { PlanPauvreteIndicators } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { parisToday } from '../../../platform/time';
import { countIndicators } from '../infra/indicator-queries';

/** Where and when: an inclusive period in Europe/Paris dates, the whole département or one pôle (uuid). */
export interface IndicatorScope {
  departmentCode: string;
  from: string;
  to: string;
  /** The insertion hub's uuid (resolved from its code by the caller), null for the département. */
  hubId: string | null;
  /** The computation date (today in Paris by default): the cohorts' later events are looked at up to it. */
  computedOn?: string;
}

/**
 * Every indicator of INDICATORS.md for one scope, computed live in SQL from the dated facts and the
 * entry-spell read model (`infra/indicator-rows.ts`); never from counters or batch tables.
 */
export async function computePlanPauvreteIndicators(
  db: Kysely<Database>,
  scope: IndicatorScope,
): Promise<PlanPauvreteIndicators> {
  return countIndicators(db, { ...scope, computedOn: scope.computedOn ?? parisToday() });
}
