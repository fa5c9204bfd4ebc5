import {
  attendanceInputSchema,
  type OperatorReferral,
  presenceLabels,
  presenceValues,
} from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Button, FormAlert, SelectField, TextField } from '../../ui';
import { parisToday } from '../agenda/dates';
import { recordAttendance } from './api';

const fields = ['day', 'presence', 'hours', 'halfDays', 'note'] as const;
const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

/** A day of attendance: present (hours or half-days), absent or excused; a day recorded again is corrected. */
export function AttendanceForm({
  referral: r,
  onSaved,
}: {
  referral: OperatorReferral;
  onSaved: (next: OperatorReferral, text: string) => void;
}) {
  const [day, setDay] = useState(parisToday());
  const [presence, setPresence] = useState('present');
  const [hours, setHours] = useState('');
  const [halfDays, setHalfDays] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const form = useRef<HTMLFormElement>(null);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof recordAttendance>[1]) => recordAttendance(r.id, body),
    onSuccess: (next) => {
      setErrors(noErrors);
      onSaved(next, 'La présence est enregistrée.');
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, fields));
      focusFirstInvalid(form.current);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(attendanceInputSchema, {
      day,
      presence,
      hours: num(hours),
      halfDays: num(halfDays),
      note: note.trim() || undefined,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form.current);
      return;
    }
    save.mutate(checked.data);
  }
  return (
    <form ref={form} noValidate onSubmit={submit} aria-label="Noter une présence">
      <h3>Noter une présence</h3>
      <FormAlert
        title="La présence n’a pas été enregistrée"
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <TextField label="Jour" type="date" value={day} onChange={setDay} error={errors.fields.day} />
      <SelectField
        label="Présence"
        value={presence}
        onChange={setPresence}
        options={presenceValues.map((p) => ({ value: p, label: presenceLabels[p] }))}
        error={errors.fields.presence}
      />
      {presence === 'present' ? (
        <>
          <TextField
            label="Heures de présence"
            type="number"
            inputMode="decimal"
            min={0}
            max={12}
            value={hours}
            onChange={setHours}
            error={errors.fields.hours}
            hint="Ou le nombre de demi-journées ci-dessous."
          />
          <TextField
            label="Demi-journées"
            type="number"
            inputMode="numeric"
            min={0}
            max={2}
            value={halfDays}
            onChange={setHalfDays}
            error={errors.fields.halfDays}
          />
        </>
      ) : null}
      <TextField label="Remarque" optional value={note} onChange={setNote} error={errors.fields.note} />
      <div className="form-actions">
        <Button type="submit" variant="secondary" pending={save.isPending}>
          Enregistrer la présence
        </Button>
      </div>
    </form>
  );
}
