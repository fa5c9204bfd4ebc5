/** What other contexts may use of the territory context. */
// The history import's writer of this context's tables.
export { upsertHistoryHubs, upsertHistoryStructures } from './infra/history-rows';
