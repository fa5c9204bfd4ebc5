/** What other contexts may use of the accompaniment context (agendas, appointments). */
export { type BookedAppointment, bookAppointment } from './application/appointments';
// The home page's worklist counts today's appointments in the actor's agendas.
export { addCalendarDays, parisInstant } from './domain/agenda';
export { slotScope } from './infra/agenda-scope';
// The history import's writer of this context's tables.
export {
  deleteHistoryAccompaniment,
  insertHistoryAppointments,
  insertHistoryAssignments,
  insertHistoryContracts,
  upsertHistoryReferents,
} from './infra/history-rows';
