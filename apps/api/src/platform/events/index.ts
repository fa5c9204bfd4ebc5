/**
 * Domain events: declare a type (`defineEvent`), publish it in the transaction of the fact
 * (`publish`: outbox + in-transaction subscribers), react to it (`subscribe`), or maintain a read
 * model from it (`defineProjector`, rebuilt by `npm run cli -- projections rebuild`).
 */
export { type EventHandler, type PublishedEvent, publish, subscribe, subscribersOf } from './bus';
export { declaredEventTypes, defineEvent, type EventDefinition, type PayloadOf } from './define';
export {
  defineProjector,
  type Projector,
  type RebuildResult,
  rebuildProjections,
  registeredProjectors,
  registerProjector,
} from './projectors';
export { type DomainEvent, writeToOutbox } from './publish';
