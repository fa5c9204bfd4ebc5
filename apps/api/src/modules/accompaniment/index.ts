/** What other contexts may use of the accompaniment context (agendas, appointments). */
export { type BookedAppointment, bookAppointment } from './application/appointments';
// The history import's writer of this context's tables.
export {
  deleteHistoryAccompaniment,
  insertHistoryAppointments,
  insertHistoryAssignments,
  insertHistoryContracts,
  upsertHistoryReferents,
} from './infra/history-rows';
