/** The sanctions context's facade (duties and sanctions, issue 14): the rules in force at a facts' date. */

export { ensureSanctionSchedule, runSanctionTermEnds } from './application/daily';
// The EP (issue 14 point 4): records a person's invitation to be heard (the letter is messaging's).
export { inviteToSession } from './application/ep-agenda';
export { remobiliseOnAppointment, remobiliseOnContract } from './application/remobilisation';
export { sanctionBoundsFor, sanctionPracticeOn, sanctionRegimeOn } from './application/sanction-rules';
export {
  householdCapApplies,
  REGIME_2025_FROM,
  SANCTION_PRACTICE_KIND,
  SANCTION_REGIME_KIND,
  type SanctionPracticeRule,
  type SanctionRegimeRule,
  type SanctionSituation,
  sanctionBoundsUnder,
} from './domain/sanction-rules';
export { registerSanctionJobs } from './jobs';
