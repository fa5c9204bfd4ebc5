/** What other contexts may use of the accompaniment context (agendas, appointments). */

// Every agent account of a structure is a référent (reaction to `account.saved`).
export { keepAccountReferent } from './application/account-referent';
// …and the alerts of the persons the référent or the structure follows.
export { countAlerts } from './application/alerts';
export { type BookedAppointment, bookAppointment } from './application/appointments';
// The contract's signature step, shared by the agent's route and the beneficiary space.
export {
  applySignature,
  type SignatureInput,
  type SignatureParty,
  type SignatureResult,
} from './application/contract-signature';
// The beneficiary space lists the person's own upcoming appointments.
export { appointmentsOfPerson, type PersonAppointment } from './application/person-appointments';
// The steering dashboard weighs the structures' loads against the caps in force on a day.
export { capRuleOnDay } from './application/portfolio-caps';
// The entry-spell read model (first accompaniment appointment, first contract) and its events.
export {
  accompanimentSpellProjector,
  refreshAccompanimentReadModel,
  releaseAccompanimentReadModel,
} from './application/read-model';
// The beneficiary space shows "my référent and how to reach them"; other contexts the current one.
export { currentReferentOf } from './application/referent-change';
// The home page's worklist counts today's appointments in the actor's agendas.
export { addCalendarDays, parisInstant } from './domain/agenda';
// Duties and sanctions detect a missing contract with the contract delay in force at the orientation.
export { type AlertRule, ruleInForce as alertRuleInForce } from './domain/alerts';
export {
  type AppointmentChanged,
  appointmentChanged,
  type ContractSigned,
  type ContractStatusChanged,
  contractSigned,
  contractStatusChanged,
} from './domain/events';
export { slotScope } from './infra/agenda-scope';
export { alertRules } from './infra/alerts-repo';
// The history import's writer of this context's tables.
export {
  deleteHistoryAccompaniment,
  insertHistoryAppointments,
  insertHistoryAssignments,
  insertHistoryContracts,
  upsertHistoryReferents,
} from './infra/history-rows';
