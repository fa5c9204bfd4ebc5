import { hoursLabel, type ScheduleSlot, weekDayLabels, weeklyHoursOf } from '@parcours/contracts';
import { Fieldset } from '../../ui';

/** Two half-days a day (morning, afternoon): empty times mean no work that half-day. */
export interface DayHours {
  amStart: string;
  amEnd: string;
  pmStart: string;
  pmEnd: string;
}
export type WeekHours = Record<number, DayHours>;

const days = [1, 2, 3, 4, 5, 6, 7];
const empty: DayHours = { amStart: '', amEnd: '', pmStart: '', pmEnd: '' };

/** Mon–Fri 9:00–12:00, 13:00–17:00: the usual week, to adjust. */
export function defaultWeek(): WeekHours {
  return Object.fromEntries(
    days.map((d) => [
      d,
      d <= 5 ? { amStart: '09:00', amEnd: '12:00', pmStart: '13:00', pmEnd: '17:00' } : empty,
    ]),
  );
}

export function weekFromSlots(slots: readonly ScheduleSlot[]): WeekHours {
  const week: WeekHours = Object.fromEntries(days.map((d) => [d, { ...empty }]));
  for (const d of days) {
    const ofDay = slots.filter((s) => s.day === d).sort((a, b) => a.start.localeCompare(b.start));
    const [am, pm] = ofDay;
    week[d] = {
      amStart: am?.start ?? '',
      amEnd: am?.end ?? '',
      pmStart: pm?.start ?? '',
      pmEnd: pm?.end ?? '',
    };
  }
  return week;
}

/** The slots typed (a half-day with both times); a half-day with one time only is sent as is (refused). */
export function slotsOf(week: WeekHours): ScheduleSlot[] {
  return days.flatMap((day) => {
    const h = week[day] ?? empty;
    return [
      [h.amStart, h.amEnd],
      [h.pmStart, h.pmEnd],
    ]
      .filter(([s, e]) => s || e)
      .map(([start, end]) => ({ day, start: start ?? '', end: end ?? '' }));
  });
}

/** The weekly schedule as a keyboard-usable grid of time fields, with the computed weekly hours. */
export function ScheduleGrid({
  week,
  onChange,
  error,
}: {
  week: WeekHours;
  onChange: (week: WeekHours) => void;
  error?: string | undefined;
}) {
  const set = (day: number, key: keyof DayHours) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...week, [day]: { ...(week[day] ?? empty), [key]: e.target.value } });
  const complete = slotsOf(week).filter((s) => s.start && s.end && s.end > s.start);
  return (
    <Fieldset legend="Horaires de la semaine">
      {error ? (
        <p id="horaires-erreur" className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <table className="immersion-schedule">
        <caption className="sr-only">Horaires par jour : matin et après-midi</caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Matin : début</th>
            <th scope="col">Matin : fin</th>
            <th scope="col">Après-midi : début</th>
            <th scope="col">Après-midi : fin</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day}>
              <th scope="row">{weekDayLabels[day]}</th>
              {(['amStart', 'amEnd', 'pmStart', 'pmEnd'] as const).map((key) => (
                <td key={key}>
                  <input
                    type="time"
                    className="input"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? 'horaires-erreur' : undefined}
                    aria-label={`${weekDayLabels[day]} — ${key.startsWith('am') ? 'matin' : 'après-midi'}, ${key.endsWith('Start') ? 'début' : 'fin'}`}
                    value={week[day]?.[key] ?? ''}
                    onChange={set(day, key)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p aria-live="polite">
        Durée hebdomadaire : <strong>{hoursLabel(weeklyHoursOf(complete))}</strong>
      </p>
    </Fieldset>
  );
}
