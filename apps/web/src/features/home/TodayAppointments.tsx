import { Link } from 'react-router';
import { LiveMessage } from '../../ui';
import { buttonClasses } from '../../ui/Button';
import { attendanceSheetHref } from '../agenda/api';
import { DayAttendance } from '../agenda/DayAttendance';
import { dayLabel, parisToday } from '../agenda/dates';

/** Today's appointments of the agent's agenda, with the presence buttons once each has begun. */
export function TodayAppointments({
  onMessage,
  message,
}: {
  onMessage: (m: string) => void;
  message: string | null;
}) {
  const today = parisToday();
  return (
    <section className="section" aria-labelledby="rendez-vous-du-jour">
      <div className="page-header__actions day-view__header">
        <h2 id="rendez-vous-du-jour">Rendez-vous du jour</h2>
        <div className="row-actions">
          <Link className={buttonClasses('secondary', 'sm')} to={`/agenda?jour=${today}`}>
            Ouvrir la journée dans l’agenda
          </Link>
          <a
            className={buttonClasses('secondary', 'sm')}
            href={attendanceSheetHref(today)}
            target="_blank"
            rel="noopener"
          >
            Feuille d’émargement (PDF)<span className="sr-only"> du {dayLabel(today)}, nouvelle fenêtre</span>
          </a>
        </div>
      </div>
      <LiveMessage>{message}</LiveMessage>
      <DayAttendance date={today} canManage onMessage={onMessage} bookedOnly />
    </section>
  );
}
