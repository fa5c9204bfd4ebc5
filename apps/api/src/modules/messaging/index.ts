/** What other contexts may use of the messaging context (convocations, decision letters). */

export { convocationDelayRuleOn, getConvocationDelays } from './application/convocation-delays';
export {
  createConvocationMessages,
  createDecisionMessages,
  createMessageBatch,
  type MessageChannel,
  reachableChannels,
} from './application/convocations';
export { decisionLetterId, notifyOrientationDecision } from './application/decision-letters';
export { renderLettersPdf } from './application/letters';
export {
  type ConvocationDelayRule,
  channelsInTime,
  earliestByChannel,
  earliestConvocation,
} from './domain/convocation-delays';
export { frenchLongDate, frenchTime } from './domain/format';
