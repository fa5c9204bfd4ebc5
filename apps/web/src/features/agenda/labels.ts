import {
  type AgendaSlot,
  type Appointment,
  type AppointmentPurpose,
  type AppointmentStatus,
  appointmentPurposeLabels,
  appointmentPurposes,
  appointmentStatusLabels,
  slotKindLabels,
} from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { capitalised, dayLabel, timeRange } from './dates';

export { appointmentPurposeLabels, appointmentStatusLabels, slotKindLabels };

export const statusTones: Record<AppointmentStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  planned: 'neutral',
  seen: 'success',
  noshow: 'danger',
  excused: 'warning',
  cancelled: 'neutral',
  rescheduled: 'neutral',
};

/** "Séance collective du lundi 2 mars 2026, 14:00 – 16:00". */
export function slotTitle(slot: Pick<AgendaSlot, 'kind' | 'date' | 'startTime' | 'endTime'>): string {
  return `${slotKindLabels[slot.kind]} du ${dayLabel(slot.date)}, ${timeRange(slot.startTime, slot.endTime)}`;
}

/** "3 places libres sur 12", "Complet", "Libre". */
export function placesLabel(slot: Pick<AgendaSlot, 'capacity' | 'booked' | 'free' | 'status'>): string {
  if (slot.status === 'cancelled') return 'Annulé';
  if (slot.capacity === 1) return slot.free > 0 ? 'Libre' : 'Pris';
  if (slot.free === 0) return `Complet (${slot.capacity} places)`;
  return `${slot.free} ${slot.free > 1 ? 'places libres' : 'place libre'} sur ${slot.capacity}`;
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** "Lundi 2 mars 2026, 09:00 – 09:45", or the date alone for appointments taken over from the history. */
export function appointmentWhen(a: Pick<Appointment, 'onDate' | 'startsAt' | 'endsAt'>): string {
  const day = capitalised(dayLabel(a.onDate));
  if (!a.startsAt || !a.endsAt) return day;
  return `${day}, ${timeRange(parisTime.format(new Date(a.startsAt)), parisTime.format(new Date(a.endsAt)))}`;
}

/** Short form used in accessible names: "rendez-vous du 02/03/2026". */
export function appointmentShort(a: Pick<Appointment, 'onDate' | 'startsAt'>): string {
  return `rendez-vous du ${formatDate(a.onDate)}${a.startsAt ? ` à ${parisTime.format(new Date(a.startsAt))}` : ''}`;
}

export function isPurpose(value: string | null): value is AppointmentPurpose {
  return !!value && (appointmentPurposes as readonly string[]).includes(value);
}
