import { Button } from '../../ui';
import { buttonClasses } from '../../ui/Button';
import { attendanceSheetHref } from './api';
import { DayAttendance } from './DayAttendance';
import { addDays, capitalised, dayLabel, mondayOf, parisToday } from './dates';

/**
 * The daily list of an agenda: every slot of the day with the persons booked and their presence,
 * the day's attendance sheet to print, and the way back to the week.
 */
export function DayView({
  date,
  hubId,
  canManage,
  onGo,
  onMessage,
}: {
  date: string;
  hubId: string | undefined;
  canManage: boolean;
  /** Opens another day (null: back to the week of `date`). */
  onGo: (day: string | null) => void;
  onMessage: (message: string) => void;
}) {
  const today = parisToday();
  return (
    <section aria-labelledby="jour-titre">
      <nav aria-label="Choix du jour" className="filters filters--inline">
        <div className="row-actions">
          <Button variant="secondary" size="sm" onClick={() => onGo(addDays(date, -1))}>
            <span aria-hidden="true">← </span>Jour précédent
          </Button>
          <Button variant="secondary" size="sm" onClick={() => onGo(today)} aria-pressed={date === today}>
            Aujourd’hui
          </Button>
          <Button variant="secondary" size="sm" onClick={() => onGo(addDays(date, 1))}>
            Jour suivant<span aria-hidden="true"> →</span>
          </Button>
          <Button variant="tertiary" size="sm" onClick={() => onGo(null)}>
            Semaine du {dayLabel(mondayOf(date), false)}
          </Button>
        </div>
      </nav>
      <div className="page-header__actions day-view__header">
        <h2 id="jour-titre">Liste du {dayLabel(date)}</h2>
        <a
          className={buttonClasses('secondary', 'sm')}
          href={attendanceSheetHref(date, hubId)}
          target="_blank"
          rel="noopener"
        >
          Feuille d’émargement (PDF)<span className="sr-only"> du {dayLabel(date)}, nouvelle fenêtre</span>
        </a>
      </div>
      <p className="muted">
        {capitalised(dayLabel(date))} : les personnes attendues créneau par créneau. Une fois le créneau
        commencé, notez leur présence ; la feuille d’émargement se signe sur place.
      </p>
      <DayAttendance date={date} hubId={hubId} canManage={canManage} onMessage={onMessage} />
    </section>
  );
}
