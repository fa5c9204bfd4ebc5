import {
  DEFAULT_OPENING_HOURS,
  formatDayRanges,
  type OpeningHours,
  openingHoursSchema,
  rangesFromText,
  rangesToText,
  type Weekday,
  weekdayLabels,
  weekdays,
} from '@parcours/contracts';
import { useState } from 'react';
import type { FieldErrors, Validation } from '../../lib/forms';
import { Checkbox, Fieldset, TextField } from '../../ui';

const defaultText = formatDayRanges(DEFAULT_OPENING_HOURS.monday);
const fieldOf = (day: Weekday) => `openingHours.${day}`;

/** The form names of the opening hours fields (API messages for them land under them). */
export const openingHoursFields = weekdays.map(fieldOf);

type Read = { ok: true; value: OpeningHours | null } | { ok: false; errors: FieldErrors };

/**
 * State of a structure's opening hours in its dialog: the default hours, or one text per weekday
 * ("08:30-12:30, 13:30-17:30"; empty: closed).
 */
export function useOpeningHours(initial: OpeningHours | null) {
  const [custom, setCustom] = useState(initial !== null);
  const [texts, setTexts] = useState<Record<Weekday, string>>(
    () =>
      Object.fromEntries(
        weekdays.map((d) => [d, rangesToText((initial ?? DEFAULT_OPENING_HOURS)[d])]),
      ) as Record<Weekday, string>,
  );
  return {
    custom,
    setCustom,
    texts,
    setText: (day: Weekday, text: string) => setTexts((t) => ({ ...t, [day]: text })),
    /** The hours to send (null: the default ones), or a message per day that is not right. */
    read(): Read {
      if (!custom) return { ok: true, value: null };
      const errors: FieldErrors = {};
      const value: Partial<OpeningHours> = {};
      for (const day of weekdays) {
        const ranges = rangesFromText(texts[day]);
        const parsed = ranges ? openingHoursSchema.shape[day].safeParse(ranges) : null;
        if (parsed?.success) value[day] = parsed.data;
        else
          errors[fieldOf(day)] =
            parsed?.error.issues[0]?.message ??
            'Plages attendues sous la forme 08:30-12:30, 13:30-17:30 (vide : fermé ce jour-là).';
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: value as OpeningHours };
    },
  };
}

export type OpeningHoursState = ReturnType<typeof useOpeningHours>;

/** Adds the opening hours (or their messages) to the validation of the rest of the form. */
export function withOpeningHours<T extends object>(
  result: Validation<T>,
  hours: Read,
): Validation<T & { openingHours: OpeningHours | null }> {
  if (!hours.ok) {
    const fields = result.ok ? hours.errors : { ...result.errors.fields, ...hours.errors };
    return { ok: false, errors: { message: result.ok ? null : result.errors.message, fields } };
  }
  if (!result.ok) return result;
  return { ok: true, data: { ...result.data, openingHours: hours.value } };
}

/** Opening hours of a structure: the slots of its agendas must fit inside them. */
export function OpeningHoursFields({ hours, errors }: { hours: OpeningHoursState; errors: FieldErrors }) {
  return (
    <Fieldset legend="Heures d’ouverture" className="form-grid__wide">
      <p className="form-note">
        Les créneaux des agendas de la structure doivent tenir dans ces heures. Pour un pôle d’insertion, ce
        sont celles de sa structure « Pôle d'insertion (services) ».
      </p>
      <Checkbox
        label="Heures d’ouverture propres à cette structure"
        hint={`Sinon, les heures par défaut s’appliquent : ${defaultText}, tous les jours.`}
        checked={hours.custom}
        onChange={hours.setCustom}
      />
      {hours.custom ? (
        <div className="form-grid">
          {weekdays.map((day) => (
            <TextField
              key={day}
              label={weekdayLabels[day]}
              required={false}
              hint="Par exemple 08:30-12:30, 13:30-17:30 ; vide : fermé."
              value={hours.texts[day]}
              onChange={(text) => hours.setText(day, text)}
              error={errors[fieldOf(day)]}
              maxLength={80}
            />
          ))}
        </div>
      ) : null}
    </Fieldset>
  );
}
