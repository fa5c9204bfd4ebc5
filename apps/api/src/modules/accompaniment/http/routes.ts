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
} from '@parcours/contracts';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { actorOf, requestOf } from '../../../platform/http/request';
import type { TypedApp } from '../../../platform/http/types';
import {
  bookFromRequest,
  cancelAppointment,
  listPersonAppointments,
  recordOutcome,
  rescheduleAppointment,
} from '../application/appointments';
import { cancelSlot, createSlots, getSlot, listAdvisors, listSlots } from '../application/slots';

const idParams = z.object({ id: z.uuid({ message: 'Identifiant invalide.' }) });
const read = { access: { permission: 'agenda.read' as const } };
const manage = { access: { permission: 'agenda.manage' as const } };

/** Agendas and appointments (slots, booking, rescheduling, cancellation, outcomes). */
export async function registerAccompanimentModule(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/agenda/slots',
    {
      config: read,
      schema: {
        tags: ['agenda'],
        querystring: agendaSlotQuerySchema,
        response: { 200: z.object({ items: z.array(agendaSlotSchema) }) },
      },
    },
    async (req) => ({ items: await listSlots(ctx, actorOf(req), req.query) }),
  );

  app.post(
    '/api/agenda/slots',
    {
      config: manage,
      schema: {
        tags: ['agenda'],
        body: agendaSlotCreateSchema,
        response: { 201: z.object({ items: z.array(agendaSlotSchema) }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ items: await createSlots(ctx, actorOf(req), req.body, requestOf(req)) }),
  );

  app.get(
    '/api/agenda/advisors',
    {
      config: read,
      schema: { tags: ['agenda'], response: { 200: z.object({ items: z.array(agendaAdvisorSchema) }) } },
    },
    async (req) => ({ items: await listAdvisors(ctx, actorOf(req)) }),
  );

  app.get(
    '/api/agenda/slots/:id',
    {
      config: read,
      schema: { tags: ['agenda'], params: idParams, response: { 200: agendaSlotDetailSchema } },
    },
    async (req) => getSlot(ctx, actorOf(req), req.params.id, requestOf(req)),
  );

  app.post(
    '/api/agenda/slots/:id/cancel',
    {
      config: manage,
      schema: {
        tags: ['agenda'],
        params: idParams,
        body: agendaSlotCancelSchema,
        response: { 200: agendaSlotSchema },
      },
    },
    async (req) => cancelSlot(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.post(
    '/api/appointments',
    {
      config: manage,
      schema: { tags: ['agenda'], body: appointmentBookSchema, response: { 201: appointmentSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await bookFromRequest(ctx, actorOf(req), req.body, requestOf(req))),
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      config: manage,
      schema: {
        tags: ['agenda'],
        params: idParams,
        body: appointmentRescheduleSchema,
        response: { 200: appointmentRescheduleResultSchema },
      },
    },
    async (req) => rescheduleAppointment(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: manage,
      schema: {
        tags: ['agenda'],
        params: idParams,
        body: appointmentCancelSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => cancelAppointment(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.post(
    '/api/appointments/:id/outcome',
    {
      config: manage,
      schema: {
        tags: ['agenda'],
        params: idParams,
        body: appointmentOutcomeSchema,
        response: { 200: appointmentSchema },
      },
    },
    async (req) => recordOutcome(ctx, actorOf(req), req.params.id, req.body, requestOf(req)),
  );

  app.get(
    '/api/persons/:id/appointments',
    {
      config: { access: { permission: 'person.read' } },
      schema: {
        tags: ['persons'],
        params: idParams,
        response: { 200: z.object({ items: z.array(appointmentSchema) }) },
      },
    },
    async (req) => ({
      items: await listPersonAppointments(ctx, actorOf(req), req.params.id, requestOf(req)),
    }),
  );
}
