/**
 * What other contexts may use of the beneficiaries context: the person gate, the scope of lists of
 * persons, the person summary, and the labels of rights. Nothing else of its internals.
 */
export {
  assertPersonInScope,
  decidePersonAccess,
  type GatedPerson,
  type PersonPurpose,
  requirePerson,
} from './application/person-gate';
export { rightsStatusLabels } from './domain/rights';
// The history import's writers of this context's tables.
export { deleteHistoryRights, HistoryRightsWriter } from './infra/history-rights';
export { upsertHistoryHouseholds, upsertHistoryPersons, writeHistoryMemberships } from './infra/history-rows';
export { personScope } from './infra/person-scope';
export { personSummaryQuery, toPersonSummary } from './infra/person-summary';
