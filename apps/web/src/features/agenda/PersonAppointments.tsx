import { type Appointment, type AppointmentPurpose, roleScopeKind, type Sex } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  type Column,
  Dialog,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  Table,
} from '../../ui';
import { useActor, useCan } from '../auth/session';
import { AppointmentActions } from './AppointmentActions';
import { bookAppointment, refreshAgenda, usePersonAppointments } from './api';
import { FirstAppointmentFlag } from './FirstAppointmentFlag';
import {
  appointmentPurposeLabels,
  appointmentShort,
  appointmentStatusLabels,
  appointmentWhen,
  slotKindLabels,
  statusTones,
} from './labels';
import { SlotPicker } from './SlotPicker';

/**
 * One person's appointments (newest first, those taken over from the history included), with the
 * agent's actions and a "Prendre rendez-vous" picker of free slots. For the person file and the
 * orientation screen.
 */
export function PersonAppointments({ personId, sex }: { personId: string; sex?: Sex }) {
  const appointments = usePersonAppointments(personId);
  const canManage = useCan('agenda.manage');
  // A structure's agents meet the persons they accompany: their slots are accompaniment first.
  const initialPurpose = roleScopeKind[useActor().role] === 'structure' ? 'accompaniment' : undefined;
  const [message, setMessage] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const headingId = useId();

  const columns: Column<Appointment>[] = [
    {
      key: 'when',
      header: 'Date',
      rowHeader: true,
      render: (a) => <time dateTime={a.startsAt ?? a.onDate}>{appointmentWhen(a)}</time>,
    },
    {
      key: 'what',
      header: 'Objet',
      render: (a) => (
        <>
          {appointmentPurposeLabels[a.purpose]}
          {a.slotKind ? <span className="muted"> · {slotKindLabels[a.slotKind].toLowerCase()}</span> : null}
          {a.firstAccompaniment ? (
            <>
              <br />
              <FirstAppointmentFlag first={a.firstAccompaniment} />
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'where',
      header: 'Lieu et conseiller',
      render: (a) =>
        a.source === 'parcours' ? (
          <>
            {a.place ?? '—'}
            {a.advisorName ? <span className="muted"> · {a.advisorName}</span> : null}
          </>
        ) : (
          <>
            {a.structureName ?? a.hubName ?? '—'}
            <span className="muted"> · repris de l’historique</span>
          </>
        ),
    },
    {
      key: 'status',
      header: 'Statut',
      render: (a) => (
        <>
          <Badge tone={statusTones[a.status]}>{appointmentStatusLabels[a.status]}</Badge>
          {a.statusReason ? <span className="muted"> · {a.statusReason}</span> : null}
          {a.outcomeRecordedAt ? (
            <span className="muted">
              {' '}
              · noté le {formatDateTime(a.outcomeRecordedAt)}
              {a.outcomeRecordedByName ? ` par ${a.outcomeRecordedByName}` : ''}
            </span>
          ) : null}
        </>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (a) =>
        a.source === 'parcours' || a.status === 'planned' ? (
          <AppointmentActions appointment={a} subject={appointmentShort(a)} sex={sex} onDone={setMessage} />
        ) : null,
    });
  }

  return (
    <section id="rendez-vous" className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>Rendez-vous</h2>
        {canManage ? (
          <Button size="sm" onClick={() => setBooking(true)}>
            Prendre rendez-vous
          </Button>
        ) : null}
      </div>
      <LiveMessage>{message}</LiveMessage>
      {appointments.isPending ? (
        <Loading label="Chargement des rendez-vous…" />
      ) : appointments.isError ? (
        <ErrorState error={appointments.error} onRetry={() => appointments.refetch()} />
      ) : appointments.data.length === 0 ? (
        <EmptyState title="Aucun rendez-vous pour cette personne." />
      ) : (
        <Table
          caption="Rendez-vous de la personne, du plus récent au plus ancien"
          captionHidden
          columns={columns}
          rows={appointments.data}
          rowKey={(a) => a.id}
        />
      )}
      <Dialog open={booking} title="Prendre rendez-vous" onClose={() => setBooking(false)} size="lg">
        <BookForm
          personId={personId}
          initialPurpose={initialPurpose}
          onClose={() => setBooking(false)}
          onBooked={(text) => {
            setBooking(false);
            setMessage(text);
          }}
        />
      </Dialog>
    </section>
  );
}

function BookForm({
  personId,
  initialPurpose,
  onClose,
  onBooked,
}: {
  personId: string;
  initialPurpose: AppointmentPurpose | undefined;
  onClose: () => void;
  onBooked: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [slotId, setSlotId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const book = useMutation({
    mutationFn: () => bookAppointment({ personId, slotId }),
    onSuccess: async (a) => {
      onBooked(
        `Rendez-vous pris : ${appointmentWhen(a)}${a.place ? `, ${a.place}` : ''}${a.firstAccompaniment ? ' — 1er rendez-vous d’accompagnement' : ''}.`,
      );
      await refreshAgenda(queryClient);
    },
    onError: (e) => {
      // The slot may have been taken meanwhile: show the fresh list.
      if (isApiError(e) && e.status === 409) void refreshAgenda(queryClient);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!slotId) {
      setError('Choisissez un créneau.');
      return;
    }
    setError(undefined);
    book.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      {book.isError ? (
        <Alert tone="error" title="Le rendez-vous n’a pas été pris">
          <p>{errorMessage(book.error)}</p>
        </Alert>
      ) : null}
      <SlotPicker value={slotId} onChange={setSlotId} error={error} initialPurpose={initialPurpose} />
      <div className="form-actions">
        <Button type="submit" pending={book.isPending}>
          Confirmer le rendez-vous
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Fermer
        </Button>
      </div>
    </form>
  );
}
