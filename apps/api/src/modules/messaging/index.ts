/** What other contexts may use of the messaging context (convocations, decision letters). */
export {
  createConvocationMessages,
  createDecisionMessages,
  createMessageBatch,
  type MessageChannel,
  reachableChannels,
} from './application/convocations';
export { decisionLetterId, notifyOrientationDecision } from './application/decision-letters';
export { renderLettersPdf } from './application/letters';
