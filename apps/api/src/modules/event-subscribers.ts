/**
 * Composition root of the reactions to domain events that run in the publisher's transaction:
 * who reacts to which fact, in one place, loaded by the server, the CLI and the tests (a context
 * never registers itself on another's events). Order of registration is order of execution.
 */
import { registerProjector, subscribe } from '../platform/events';
import { accountSaved } from './access';
import {
  accompanimentSpellProjector,
  appointmentChanged,
  contractSigned,
  keepAccountReferent,
} from './accompaniment';
import { notifyOrientationDecision } from './messaging';
import { entrySpellProjector, orientationDecided } from './orientation';
import { remobiliseOnAppointment, remobiliseOnContract } from './sanctions';
import { factHubsProjector } from './steering';

// Read models.
registerProjector(entrySpellProjector);
// After the orientation's: it reads the initial orientation date that one keeps.
registerProjector(accompanimentSpellProjector);
// Kept by triggers (ADR 0017); registered for `projections rebuild`.
registerProjector(factHubsProjector);

// Reactions of other contexts.
subscribe(orientationDecided, 'messaging.decision-letter', notifyOrientationDecision);
subscribe(accountSaved, 'accompaniment.account-referent', keepAccountReferent);
// A suspension of the 2025 regime ends when the person complies (contract signed, appointment honoured).
subscribe(contractSigned, 'sanctions.remobilisation-contract', remobiliseOnContract);
subscribe(appointmentChanged, 'sanctions.remobilisation-appointment', remobiliseOnAppointment);
