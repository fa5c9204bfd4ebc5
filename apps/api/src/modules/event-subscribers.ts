/**
 * Composition root of the reactions to domain events that run in the publisher's transaction:
 * who reacts to which fact, in one place, loaded by the server, the CLI and the tests (a context
 * never registers itself on another's events). Order of registration is order of execution.
 */
import { registerProjector, subscribe } from '../platform/events';
import { notifyOrientationDecision } from './messaging';
import { entrySpellProjector, orientationDecided } from './orientation';

// Read models.
registerProjector(entrySpellProjector);

// Reactions of other contexts.
subscribe(orientationDecided, 'messaging.decision-letter', notifyOrientationDecision);
