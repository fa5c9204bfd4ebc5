/** What other contexts may use of the orientation context. */
export { rebuildOrientationReadModel, refreshOrientationReadModel } from './application/read-model';
