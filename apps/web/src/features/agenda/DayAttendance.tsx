import type { AgendaSlotDetail } from '@parcours/contracts';
import { plural } from '../../lib/format';
import { EmptyState, ErrorState, Loading } from '../../ui';
import { AttendeesTable } from './AttendeesTable';
import { useAgendaDay } from './api';
import { dayLabel, timeRange } from './dates';
import { appointmentPurposeLabels, slotKindLabels } from './labels';

function SlotAttendance({
  slot,
  canManage,
  onMessage,
  level,
}: {
  slot: AgendaSlotDetail;
  canManage: boolean;
  onMessage: (message: string) => void;
  level: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const title = `${timeRange(slot.startTime, slot.endTime)} · ${slotKindLabels[slot.kind]} (${appointmentPurposeLabels[slot.purpose].toLowerCase()})`;
  return (
    <section className="day-slot" aria-label={`${title}, ${dayLabel(slot.date)}`}>
      <Heading className="day-slot__title">{title}</Heading>
      <p className="muted">
        {slot.place}
        {slot.advisorName ? ` · ${slot.advisorName}` : ''}
        {slot.status === 'cancelled' ? ' · créneau annulé' : ''}
      </p>
      {slot.attendees.length > 0 ? (
        <AttendeesTable
          attendees={slot.attendees}
          canManage={canManage}
          onMessage={onMessage}
          caption={`Personnes inscrites : ${title}`}
        />
      ) : (
        <p>Aucune personne inscrite.</p>
      )}
      {slot.hiddenAttendees > 0 ? (
        <p className="muted">
          {plural(slot.hiddenAttendees, 'autre personne inscrite', 'autres personnes inscrites')} hors de
          votre périmètre.
        </p>
      ) : null}
    </section>
  );
}

/**
 * The persons expected on one day, slot by slot, with the presence buttons once a slot has begun.
 * `bookedOnly` leaves out the slots nobody is booked on (the home page).
 */
export function DayAttendance({
  date,
  hubId,
  canManage,
  onMessage,
  bookedOnly = false,
  level = 3,
}: {
  date: string;
  hubId?: string | undefined;
  canManage: boolean;
  onMessage: (message: string) => void;
  bookedOnly?: boolean;
  level?: 2 | 3;
}) {
  const day = useAgendaDay(date, hubId);
  if (day.isPending) return <Loading label="Chargement des rendez-vous du jour…" />;
  if (day.isError) return <ErrorState error={day.error} onRetry={() => day.refetch()} />;
  const slots = day.data.slots.filter((s) => !bookedOnly || s.attendees.length > 0 || s.hiddenAttendees > 0);
  if (slots.length === 0)
    return <EmptyState title={bookedOnly ? 'Aucun rendez-vous ce jour-là.' : 'Aucun créneau ce jour-là.'} />;
  return (
    <div className="day-attendance">
      {slots.map((slot) => (
        <SlotAttendance key={slot.id} slot={slot} canManage={canManage} onMessage={onMessage} level={level} />
      ))}
    </div>
  );
}
