import { api } from '@parcours/contracts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../lib/client';
import { formatDate, formatDateTime } from '../../lib/format';
import { Section } from '../../ui/Section';

/**
 * On the person's file: what the person said from their space ("je ne pourrai pas venir"). The
 * appointment stays planned: the agent reschedules it from the agenda. Shown only when there is one.
 */
export function AppointmentNoticesSection({ personId }: { personId: string }) {
  const notices = useQuery({
    queryKey: ['space', 'notices', personId],
    queryFn: ({ signal }) =>
      call(api.space.noticesOfPerson, { params: { id: personId }, signal, redirectOnForbidden: false }),
  });
  const items = notices.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Section id="absences-signalees" title="Absences signalées par la personne">
      <ul className="notice-list">
        {items.map((n) => (
          <li key={`${n.appointmentId}-${n.recordedAt}`}>
            <p>
              <strong>
                Rendez-vous du{' '}
                {n.appointmentStartsAt
                  ? formatDateTime(n.appointmentStartsAt)
                  : formatDate(n.appointmentDate)}
              </strong>
              {n.appointmentStatus === 'planned' ? ' — toujours prévu : à reporter' : ''}
            </p>
            <p>
              « {n.reason} » — signalé depuis son espace le {formatDateTime(n.recordedAt)}.
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
