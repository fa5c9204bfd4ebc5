import type { SlotAttendee } from '@parcours/contracts';
import { Link, useLocation } from 'react-router';
import { formatDate } from '../../lib/format';
import { originState } from '../../lib/origin';
import { Badge, type Column, Table } from '../../ui';
import { useCan } from '../auth/session';
import { personName } from '../persons/labels';
import { AppointmentActions } from './AppointmentActions';
import { FirstAppointmentFlag } from './FirstAppointmentFlag';
import { appointmentStatusLabels, statusTones } from './labels';

/** The persons booked on a slot, with the actions on their appointment. */
export function AttendeesTable({
  attendees,
  canManage,
  onMessage,
  caption,
}: {
  attendees: SlotAttendee[];
  canManage: boolean;
  onMessage: (message: string) => void;
  caption: string;
}) {
  const canRead = useCan('person.read');
  const origin = originState(useLocation());
  const columns: Column<SlotAttendee>[] = [
    {
      key: 'person',
      header: 'Personne',
      rowHeader: true,
      render: (a) =>
        canRead ? (
          <Link to={`/personnes/${encodeURIComponent(a.person.id)}`} state={origin}>
            {personName(a.person)}
          </Link>
        ) : (
          personName(a.person)
        ),
    },
    {
      key: 'birth',
      header: 'Naissance',
      render: (a) => <time dateTime={a.person.birthDate}>{formatDate(a.person.birthDate)}</time>,
    },
    { key: 'file', header: 'N° de dossier', render: (a) => a.person.claimNumber ?? '—' },
    {
      key: 'status',
      header: 'Statut',
      render: (a) => (
        <>
          <Badge tone={statusTones[a.appointment.status]}>
            {appointmentStatusLabels[a.appointment.status]}
          </Badge>
          {a.appointment.statusReason ? <span className="muted"> · {a.appointment.statusReason}</span> : null}
          {a.appointment.firstAccompaniment ? (
            <>
              <br />
              <FirstAppointmentFlag first={a.appointment.firstAccompaniment} />
            </>
          ) : null}
        </>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (a) => (
        <AppointmentActions
          appointment={a.appointment}
          subject={personName(a.person)}
          sex={a.person.sex}
          onDone={onMessage}
        />
      ),
    });
  }
  return (
    <Table
      caption={caption}
      captionHidden
      columns={columns}
      rows={attendees}
      rowKey={(a) => a.appointment.id}
    />
  );
}
