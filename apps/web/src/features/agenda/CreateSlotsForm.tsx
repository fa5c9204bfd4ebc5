import {
  type AgendaSlot,
  type AppointmentPurpose,
  appointmentPurposes,
  roleScopeKind,
  type SlotKind,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Button, Checkbox, FormAlert, SelectField, TextField } from '../../ui';
import { useActor } from '../auth/session';
import { createSlots, refreshAgenda, type SlotCreateBody, useAdvisors } from './api';
import { addDays, isIsoDay, parisToday } from './dates';
import { appointmentPurposeLabels, isPurpose } from './labels';

interface CreateValues {
  kind: SlotKind;
  purpose: AppointmentPurpose;
  date: string;
  startTime: string;
  endTime: string;
  durationMinutes: string;
  capacity: string;
  place: string;
  advisorAccountId: string;
  repeat: boolean;
  weeks: string;
}

const createFields = [
  'kind',
  'purpose',
  'date',
  'startTime',
  'endTime',
  'durationMinutes',
  'capacity',
  'place',
  'advisorAccountId',
  'weeks',
] as const;

/** New slots: one, or the same every week for some weeks. */
export function CreateSlotsForm({ onCreated }: { onCreated: (slots: AgendaSlot[]) => void }) {
  const queryClient = useQueryClient();
  const actor = useActor();
  const advisors = useAdvisors();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<CreateValues>({
    kind: 'individual',
    // A structure's agents (référents, managers) receive for accompaniment; a pôle for orientation.
    purpose: roleScopeKind[actor.role] === 'structure' ? 'accompaniment' : 'orientation',
    date: addDays(parisToday(), 1),
    startTime: '09:00',
    endTime: '',
    durationMinutes: '45',
    capacity: '12',
    place: '',
    advisorAccountId: actor.accountId,
    repeat: false,
    weeks: '4',
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const set = <K extends keyof CreateValues>(key: K, value: CreateValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const create = useMutation({
    mutationFn: (body: SlotCreateBody) => createSlots(body),
    onSuccess: async (created) => {
      setErrors(noErrors);
      onCreated(created);
      await refreshAgenda(queryClient);
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, createFields));
      focusFirstInvalid(formRef.current);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!isIsoDay(values.date)) fields.date = 'Indiquez la date (JJ/MM/AAAA).';
    if (!/^\d{2}:\d{2}$/.test(values.startTime)) fields.startTime = 'Indiquez l’heure de début.';
    const duration = Number(values.durationMinutes);
    if (!values.endTime && (!Number.isInteger(duration) || duration < 5 || duration > 720))
      fields.durationMinutes = 'Indiquez une durée entre 5 et 720 minutes, ou une heure de fin.';
    if (values.endTime && values.endTime <= values.startTime)
      fields.endTime = 'L’heure de fin doit suivre l’heure de début.';
    const capacity = Number(values.capacity);
    if (values.kind === 'collective' && (!Number.isInteger(capacity) || capacity < 2 || capacity > 500))
      fields.capacity = 'Une séance collective a de 2 à 500 places.';
    if (!values.place.trim()) fields.place = 'Indiquez le lieu.';
    const weeks = values.repeat ? Number(values.weeks) : 1;
    if (values.repeat && (!Number.isInteger(weeks) || weeks < 2 || weeks > 52))
      fields.weeks = 'Indiquez un nombre de semaines entre 2 et 52.';
    if (Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    create.mutate({
      kind: values.kind,
      purpose: values.purpose,
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime || null,
      durationMinutes: values.endTime ? null : duration,
      place: values.place.trim(),
      capacity: values.kind === 'collective' ? capacity : 1,
      advisorAccountId: values.advisorAccountId || null,
      weeks,
    });
  }

  const count = values.repeat ? Number(values.weeks) || 0 : 1;

  return (
    <section className="section" aria-labelledby="creation-titre">
      <h2 id="creation-titre" ref={headingRef} tabIndex={-1}>
        Créer des créneaux
      </h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p className="form-note">
          Les champs sans mention « facultatif » sont obligatoires. Un créneau ne peut pas chevaucher un autre
          créneau du même conseiller.
        </p>
        <FormAlert
          title="Les créneaux n’ont pas été créés"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <div className="form-grid">
          <SelectField
            label="Type de créneau"
            value={values.kind}
            onChange={(v) => set('kind', v === 'collective' ? 'collective' : 'individual')}
            options={[
              { value: 'individual', label: 'Entretien individuel (1 place)' },
              { value: 'collective', label: 'Séance collective (plusieurs places)' },
            ]}
            error={errors.fields.kind}
          />
          <SelectField
            label="Objet"
            value={values.purpose}
            onChange={(v) => set('purpose', isPurpose(v) ? v : 'orientation')}
            options={appointmentPurposes.map((p) => ({ value: p, label: appointmentPurposeLabels[p] }))}
            error={errors.fields.purpose}
          />
          {values.kind === 'collective' ? (
            <TextField
              label="Nombre de places"
              type="number"
              inputMode="numeric"
              min={2}
              max={500}
              value={values.capacity}
              onChange={(v) => set('capacity', v)}
              error={errors.fields.capacity}
            />
          ) : null}
          <TextField
            label="Date"
            type="date"
            value={values.date}
            onChange={(v) => set('date', v)}
            error={errors.fields.date}
          />
          <TextField
            label="Heure de début"
            type="time"
            value={values.startTime}
            onChange={(v) => set('startTime', v)}
            error={errors.fields.startTime}
          />
          <TextField
            label="Durée (minutes)"
            type="number"
            inputMode="numeric"
            min={5}
            max={720}
            hint="Ignorée si vous indiquez une heure de fin."
            value={values.durationMinutes}
            onChange={(v) => set('durationMinutes', v)}
            error={errors.fields.durationMinutes}
            required={!values.endTime}
          />
          <TextField
            label="Heure de fin"
            type="time"
            optional
            value={values.endTime}
            onChange={(v) => set('endTime', v)}
            error={errors.fields.endTime}
          />
          <TextField
            label="Lieu"
            className="form-grid__wide"
            hint="Adresse et salle, telles qu’elles figureront sur la convocation."
            value={values.place}
            onChange={(v) => set('place', v)}
            maxLength={300}
            error={errors.fields.place}
          />
          <SelectField
            label="Conseiller"
            value={values.advisorAccountId}
            onChange={(v) => set('advisorAccountId', v)}
            options={(advisors.data ?? [{ id: actor.accountId, displayName: actor.displayName }]).map(
              (a) => ({
                value: a.id,
                label: a.id === actor.accountId ? `${a.displayName} (vous)` : a.displayName,
              }),
            )}
            error={errors.fields.advisorAccountId}
          />
        </div>
        <Checkbox
          label="Répéter chaque semaine, à la même heure"
          checked={values.repeat}
          onChange={(v) => set('repeat', v)}
        />
        {values.repeat ? (
          <TextField
            label="Nombre de semaines (celle-ci comprise)"
            type="number"
            inputMode="numeric"
            min={2}
            max={52}
            value={values.weeks}
            onChange={(v) => set('weeks', v)}
            error={errors.fields.weeks}
            className="form--narrow"
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" pending={create.isPending}>
            {count > 1 ? `Créer les ${count} créneaux` : 'Créer le créneau'}
          </Button>
        </div>
      </form>
    </section>
  );
}
