import type { PlanPauvreteIndicators } from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';

/** Where and when: an inclusive period in Europe/Paris dates, the whole département or one pôle (uuid). */
export interface IndicatorScope {
  departmentCode: string;
  from: string;
  to: string;
  /** The insertion hub's uuid (resolved from its code by the caller), null for the département. */
  hubId: string | null;
}

/**
 * Every indicator of INDICATORS.md for one scope, computed live in SQL from the dated facts and the
 * entry-spell read model. `computedOn` (today by default) bounds the cohorts' later events.
 */
export async function computePlanPauvreteIndicators(
  _db: Kysely<Database>,
  _scope: IndicatorScope,
): Promise<PlanPauvreteIndicators> {
  // Foundation stub, replaced by the indicators slice.
  return {
    newEntrants: 0,
    newEntrantsOriented: 0,
    newEntrantsOrientedWithin1Month: 0,
    firstAppointmentsSet: 0,
    firstAppointmentsWithin2Weeks: 0,
    firstContracts: 0,
    firstContractsWithin2Months: 0,
    activityGuaranteeOriented: 0,
    activityGuaranteeInProgress: 0,
    globalSupportPerAdvisor: null,
    globalSupportStartDelayDays: null,
  };
}
