/**
 * Composition root of the timeline registry: every context's declared events, loaded together by
 * the server, the CLI and the tests (a context never imports another's declarations).
 */
import './accompaniment/domain/timeline-events';
import './aids/domain/timeline-events';
import './beneficiaries/domain/document-events';
import './beneficiaries/domain/timeline-events';
import './immersions/domain/timeline-events';
import './messaging/domain/timeline-events';
import './orientation/domain/timeline-events';
import './referrals/domain/timeline-events';
import './sanctions/domain/ep-timeline-events';
import './sanctions/domain/sas-timeline-events';
import './sanctions/domain/caf-timeline-events';
import './sanctions/domain/timeline-events';
import './space/domain/timeline-events';

export { declaredTimelineTypes, timelineLabel } from '../platform/timeline/registry';
