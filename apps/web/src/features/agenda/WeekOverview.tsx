import type { AgendaSlot } from '@parcours/contracts';
import { Link } from 'react-router';
import { plural } from '../../lib/format';
import { attendanceSheetHref } from './api';
import { addDays, capitalised, dayLabel, parisToday } from './dates';

/**
 * The week at a glance: the working days (and a weekend day that has slots), each with its
 * numbers, a link to its daily list and its attendance sheet.
 */
export function WeekOverview({
  week,
  slots,
  dayHref,
  hubId,
}: {
  week: string;
  slots: AgendaSlot[];
  dayHref: (day: string) => string;
  hubId: string | undefined;
}) {
  const today = parisToday();
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i)).filter(
    (d, i) => i < 5 || slots.some((s) => s.date === d),
  );
  return (
    <ol className="week-overview" aria-label="Jours de la semaine">
      {days.map((d) => {
        const own = slots.filter((s) => s.date === d && s.status === 'open');
        const persons = own.reduce((n, s) => n + s.booked, 0);
        const label = capitalised(dayLabel(d, false));
        return (
          <li key={d} className={`week-overview__day${d === today ? ' week-overview__day--today' : ''}`}>
            <Link
              to={dayHref(d)}
              className="week-overview__link"
              aria-current={d === today ? 'date' : undefined}
            >
              {label}
              <span className="sr-only"> : liste du jour</span>
            </Link>
            <p>
              {own.length === 0
                ? 'Aucun créneau'
                : `${plural(own.length, 'créneau', 'créneaux')}, ${plural(persons, 'personne inscrite', 'personnes inscrites')}`}
            </p>
            {persons > 0 ? (
              <a href={attendanceSheetHref(d, hubId)} target="_blank" rel="noopener">
                Émargement (PDF)<span className="sr-only"> du {dayLabel(d)}, nouvelle fenêtre</span>
              </a>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
