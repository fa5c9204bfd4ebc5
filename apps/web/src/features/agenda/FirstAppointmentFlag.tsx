import type { FirstAccompaniment } from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { Badge } from '../../ui';

/** "dans les 2 semaines" or "hors délai (21 jours)": the 2-week target of the first appointment. */
export function firstAppointmentDelayLabel(f: Pick<FirstAccompaniment, 'days' | 'withinTarget'>): string {
  return f.withinTarget ? 'dans les 2 semaines' : `hors délai (${f.days} jours)`;
}

/** "5 jours après l’orientation du 12/01/2026", "le jour de l’orientation du 12/01/2026". */
export function daysFromOrientation(f: Pick<FirstAccompaniment, 'days' | 'orientedOn'>): string {
  const when = f.days === 0 ? 'le jour de' : `${f.days} jour${Math.abs(f.days) > 1 ? 's' : ''} après`;
  return `${when} l’orientation du ${formatDate(f.orientedOn)}`;
}

/**
 * The flag of the first accompaniment appointment after the initial orientation (derived by the
 * server from the entry-spell read model), with its delay against the 2-week target.
 */
export function FirstAppointmentFlag({ first }: { first: FirstAccompaniment | null }) {
  if (!first) return null;
  return (
    <span className="first-appointment">
      <Badge tone={first.withinTarget ? 'success' : 'warning'}>1er rendez-vous d’accompagnement</Badge>
      <span className="muted">
        {' '}
        {daysFromOrientation(first)} : {firstAppointmentDelayLabel(first)}
      </span>
    </span>
  );
}
