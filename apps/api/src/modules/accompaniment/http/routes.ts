import { api } from '@parcours/contracts';
import type { AppContext } from '../../../platform/context';
import { registerRoute } from '../../../platform/http/route';
import type { TypedApp } from '../../../platform/http/types';
import { getAgendaDay, getAttendanceSheet } from '../application/agenda-day';
import {
  bookFromRequest,
  cancelAppointment,
  listPersonAppointments,
  recordOutcome,
  rescheduleAppointment,
} from '../application/appointments';
import { cancelSlot, createSlots, getSlot, listAdvisors, listSlots } from '../application/slots';
import { registerAssignmentRoutes } from './assignment-routes';
import { registerContractRoutes } from './contract-routes';

const routes = api.agenda;

/** Agendas and appointments (slots, booking, rescheduling, cancellation, outcomes). */
export async function registerAccompanimentModule(app: TypedApp, ctx: AppContext) {
  registerAssignmentRoutes(app, ctx);
  registerContractRoutes(app, ctx);
  registerRoute(app, routes.listSlots, async ({ actor, query }) => ({
    items: await listSlots(ctx, actor, query),
  }));
  registerRoute(app, routes.createSlots, async ({ actor, body, request }) => ({
    items: await createSlots(ctx, actor, body, request),
  }));
  registerRoute(app, routes.listAdvisors, async ({ actor }) => ({ items: await listAdvisors(ctx, actor) }));
  registerRoute(app, routes.day, ({ actor, query, request }) => getAgendaDay(ctx, actor, query, request));
  registerRoute(app, routes.attendanceSheet, async ({ actor, query, request, reply }) => {
    const { pdf, fileName } = await getAttendanceSheet(ctx, actor, query, request);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
  registerRoute(app, routes.getSlot, ({ actor, params, request }) => getSlot(ctx, actor, params.id, request));
  registerRoute(app, routes.cancelSlot, ({ actor, params, body, request }) =>
    cancelSlot(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.book, ({ actor, body, request }) => bookFromRequest(ctx, actor, body, request));
  registerRoute(app, routes.reschedule, ({ actor, params, body, request }) =>
    rescheduleAppointment(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.cancelAppointment, ({ actor, params, body, request }) =>
    cancelAppointment(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.recordOutcome, ({ actor, params, body, request }) =>
    recordOutcome(ctx, actor, params.id, body, request),
  );
  registerRoute(app, routes.listPersonAppointments, async ({ actor, params, request }) => ({
    items: await listPersonAppointments(ctx, actor, params.id, request),
  }));
}
