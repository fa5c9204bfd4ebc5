/** What other contexts may use of the orientation context. */

// The home page's worklist counts the queue's late persons (counts only, never the persons).
export { listOrientationQueue } from './application/queue';
export {
  entrySpellProjector,
  rebuildOrientationReadModel,
  refreshOrientationReadModel,
} from './application/read-model';
export { type OrientationDecided, orientationDecided } from './domain/events';
// The history import's writer of this context's tables.
export { deleteHistoryOrientations, insertHistoryOrientations } from './infra/history-rows';
