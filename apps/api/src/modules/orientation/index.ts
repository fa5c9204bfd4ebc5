/** What other contexts may use of the orientation context. */
export {
  entrySpellProjector,
  rebuildOrientationReadModel,
  refreshOrientationReadModel,
} from './application/read-model';
export { type OrientationDecided, orientationDecided } from './domain/events';
// The history import's writer of this context's tables.
export { deleteHistoryOrientations, insertHistoryOrientations } from './infra/history-rows';
