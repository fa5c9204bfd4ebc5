/** What other contexts may use of the messaging context (convocations, decision letters). */

// The beneficiary space tells the référent that the person cannot come.
export { createAppointmentNoticeMessage } from './application/appointment-notice';
export { convocationDelayRuleOn, getConvocationDelays } from './application/convocation-delays';
export {
  createConvocationMessages,
  createDecisionMessages,
  createMessageBatch,
  type MessageChannel,
  reachableChannels,
} from './application/convocations';
export { decisionLetterId, notifyOrientationDecision } from './application/decision-letters';
export { type LetterFile, renderLettersPdf } from './application/letters';
export { createReferentChangeMessages, type ReferentNotice } from './application/referent-change';
// The letters of the sanction procedure (prior notice, decision, EP invitation, reinstatement).
export { createTemplateMessages } from './application/template-letters';
export {
  type ConvocationDelayRule,
  channelsInTime,
  earliestByChannel,
  earliestConvocation,
} from './domain/convocation-delays';
export { frenchDate, frenchLongDate, frenchTime } from './domain/format';
// The beneficiary space's sign-in and signature codes go out by SMS, outside the message table.
export { normalizeFrenchPhone } from './domain/phone';
export { createSmsSender } from './infra/sms';
