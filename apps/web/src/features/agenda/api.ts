import { type AppointmentOutcome, type AppointmentPurpose, api } from '@parcours/contracts';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { call, hrefOf } from '../../lib/client';

const routes = api.agenda;

export interface SlotFilters {
  from: string;
  to: string;
  purpose?: AppointmentPurpose | undefined;
  hubId?: string | undefined;
  available?: boolean | undefined;
}

export const agendaKeys = {
  all: ['agenda'] as const,
  slots: (filters: SlotFilters) => ['agenda', 'slots', filters] as const,
  slot: (id: string) => ['agenda', 'slot', id] as const,
  advisors: ['agenda', 'advisors'] as const,
  person: (personId: string) => ['agenda', 'person', personId] as const,
  day: (date: string, hubId: string | undefined) => ['agenda', 'day', date, hubId ?? null] as const,
};

export function useSlots(filters: SlotFilters, enabled = true) {
  return useQuery({
    queryKey: agendaKeys.slots(filters),
    queryFn: ({ signal }) =>
      call(routes.listSlots, {
        signal,
        query: {
          from: filters.from,
          to: filters.to,
          purpose: filters.purpose,
          hubId: filters.hubId,
          available: filters.available ? 'true' : undefined,
        },
        redirectOnForbidden: false,
      }).then((r) => r.items),
    enabled,
  });
}

/** One day of the agenda with the persons booked (an audited list read: no refetch behind the user's back). */
export function useAgendaDay(date: string, hubId?: string) {
  return useQuery({
    queryKey: agendaKeys.day(date, hubId),
    queryFn: ({ signal }) => call(routes.day, { query: { date, hubId }, signal, redirectOnForbidden: false }),
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

/** The attendance sheet (PDF) of a day, or of one slot of that day. */
export const attendanceSheetHref = (date: string, hubId?: string, slotId?: string) =>
  hrefOf(routes.attendanceSheet, { query: { date, hubId, slotId } });

export function useSlot(id: string | null) {
  return useQuery({
    queryKey: agendaKeys.slot(id ?? ''),
    queryFn: ({ signal }) =>
      call(routes.getSlot, {
        params: { id: id ?? '' },
        signal,
        redirectOnForbidden: false,
      }),
    enabled: !!id,
    retry: false,
    // Reading the attendees is audited: no refetch behind the user's back.
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export function useAdvisors(enabled = true) {
  return useQuery({
    queryKey: agendaKeys.advisors,
    queryFn: ({ signal }) =>
      call(routes.listAdvisors, { signal, redirectOnForbidden: false }).then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function usePersonAppointments(personId: string) {
  return useQuery({
    queryKey: agendaKeys.person(personId),
    queryFn: ({ signal }) =>
      call(routes.listPersonAppointments, {
        params: { id: personId },
        signal,
        redirectOnForbidden: false,
      }).then((r) => r.items),
    retry: false,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}

export interface SlotCreateBody {
  kind: 'individual' | 'collective';
  purpose: AppointmentPurpose;
  date: string;
  startTime: string;
  endTime: string | null;
  durationMinutes: number | null;
  place: string;
  capacity: number | null;
  advisorAccountId: string | null;
  weeks: number;
}

export const createSlots = (body: SlotCreateBody) => call(routes.createSlots, { body }).then((r) => r.items);

export const cancelSlot = (id: string, body: { reason: string; version: number }) =>
  call(routes.cancelSlot, { params: { id }, body });

export const bookAppointment = (body: { personId: string; slotId: string }) => call(routes.book, { body });

export const rescheduleAppointment = (
  id: string,
  body: { slotId: string; reason: string; version: number },
) => call(routes.reschedule, { params: { id }, body });

export const cancelAppointment = (id: string, body: { reason: string; version: number }) =>
  call(routes.cancelAppointment, { params: { id }, body });

export const recordOutcome = (
  id: string,
  body: { status: AppointmentOutcome; reason: string | null; version: number },
) => call(routes.recordOutcome, { params: { id }, body });

/** After any change: slots (places), slot panels, persons' lists and files (timeline). */
export async function refreshAgenda(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: agendaKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['persons', 'file'] });
  void queryClient.invalidateQueries({ queryKey: ['orientation'] });
}
