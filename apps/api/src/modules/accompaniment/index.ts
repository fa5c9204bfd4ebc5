/** What other contexts may use of the accompaniment context (agendas, appointments). */
export { type BookedAppointment, bookAppointment } from './application/appointments';
