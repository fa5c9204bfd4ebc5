import { z } from 'zod';
import {
  agendaAdvisorSchema,
  agendaSlotCancelSchema,
  agendaSlotCreateSchema,
  agendaSlotDetailSchema,
  agendaSlotQuerySchema,
  agendaSlotSchema,
  appointmentBookSchema,
  appointmentCancelSchema,
  appointmentOutcomeSchema,
  appointmentRescheduleResultSchema,
  appointmentRescheduleSchema,
  appointmentSchema,
} from '../agenda';
import { binary, defineRoute } from '../route';
import { idParams } from '../scalars';
import { agendaDayQuerySchema, agendaDaySchema } from '../worklist';

const read = { permission: 'agenda.read' } as const;
const manage = { permission: 'agenda.manage' } as const;
const tags = ['agenda'];

/** Agendas and appointments: slots, booking, rescheduling, cancellation, outcomes. */
export const agendaApi = {
  listSlots: defineRoute({
    method: 'GET',
    path: '/api/agenda/slots',
    access: read,
    tags,
    query: agendaSlotQuerySchema,
    responses: { 200: z.object({ items: z.array(agendaSlotSchema) }) },
  }),
  createSlots: defineRoute({
    method: 'POST',
    path: '/api/agenda/slots',
    access: manage,
    tags,
    body: agendaSlotCreateSchema,
    responses: { 201: z.object({ items: z.array(agendaSlotSchema) }) },
  }),
  listAdvisors: defineRoute({
    method: 'GET',
    path: '/api/agenda/advisors',
    access: read,
    tags,
    responses: { 200: z.object({ items: z.array(agendaAdvisorSchema) }) },
  }),
  /** One day of the actor's agendas with the persons booked: a list of persons, audited. */
  day: defineRoute({
    method: 'GET',
    path: '/api/agenda/day',
    access: read,
    tags,
    query: agendaDayQuerySchema,
    responses: { 200: agendaDaySchema },
  }),
  /** The same day printed: the attendance sheet (« feuille d'émargement »), one table per slot. */
  attendanceSheet: defineRoute({
    method: 'GET',
    path: '/api/agenda/day/attendance-sheet.pdf',
    access: read,
    tags,
    query: agendaDayQuerySchema,
    responses: { 200: binary('application/pdf') },
  }),
  getSlot: defineRoute({
    method: 'GET',
    path: '/api/agenda/slots/:id',
    access: read,
    tags,
    params: idParams,
    responses: { 200: agendaSlotDetailSchema },
  }),
  cancelSlot: defineRoute({
    method: 'POST',
    path: '/api/agenda/slots/:id/cancel',
    access: manage,
    tags,
    params: idParams,
    body: agendaSlotCancelSchema,
    responses: { 200: agendaSlotSchema },
  }),
  book: defineRoute({
    method: 'POST',
    path: '/api/appointments',
    access: manage,
    tags,
    body: appointmentBookSchema,
    responses: { 201: appointmentSchema },
  }),
  reschedule: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/reschedule',
    access: manage,
    tags,
    params: idParams,
    body: appointmentRescheduleSchema,
    responses: { 200: appointmentRescheduleResultSchema },
  }),
  cancelAppointment: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/cancel',
    access: manage,
    tags,
    params: idParams,
    body: appointmentCancelSchema,
    responses: { 200: appointmentSchema },
  }),
  recordOutcome: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/outcome',
    access: manage,
    tags,
    params: idParams,
    body: appointmentOutcomeSchema,
    responses: { 200: appointmentSchema },
  }),
  /** A person's appointments: the `:id` is a person, gated before the handler. */
  listPersonAppointments: defineRoute({
    method: 'GET',
    path: '/api/persons/:id/appointments',
    access: { permission: 'person.read', scope: 'person' },
    tags: ['persons'],
    params: idParams,
    responses: { 200: z.object({ items: z.array(appointmentSchema) }) },
  }),
};
