import {
  type ActionDetail,
  type ActionSession,
  api,
  type SessionInput,
  sessionInputSchema,
  sessionUpdateSchema,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { call } from '../../lib/client';
import { emptyToNull, validate } from '../../lib/forms';
import { Dialog, FormActions, SelectField, TextField, useVersionedForm, VersionedFormAlerts } from '../../ui';
import { catalogueKeys, useCatalogueFilters } from './api';
import { parseDecimal } from './format';

const fields = ['label', 'startsOn', 'endsOn', 'place', 'communeCode', 'capacity', 'weeklyHours'] as const;

/** Creates a session of the action (`session` null) or edits one, with the version check. */
export function SessionDialog({
  action,
  session,
  onClose,
  onSaved,
}: {
  action: ActionDetail;
  session: ActionSession | null;
  onClose: () => void;
  onSaved: (session: ActionSession, created: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const filters = useCatalogueFilters();
  const form = useVersionedForm(fields);
  const [values, setValues] = useState({
    label: session?.label ?? '',
    startsOn: session?.startsOn ?? '',
    endsOn: session?.endsOn ?? '',
    place: session?.place ?? '',
    communeCode: session?.communeCode ?? '',
    capacity: session ? String(session.capacity) : '',
    weeklyHours:
      session?.weeklyHours != null
        ? String(session.weeklyHours).replace('.', ',')
        : action.weeklyHours != null
          ? String(action.weeklyHours).replace('.', ',')
          : '',
  });
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const errors = form.errors.fields;

  const save = useMutation({
    mutationFn: (body: SessionInput & { version?: number }) =>
      session
        ? call(api.catalogue.updateSession, {
            params: { id: session.id },
            body: { ...body, version: body.version ?? session.version },
          })
        : call(api.catalogue.createSession, { params: { id: action.id }, body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.all });
      onSaved(saved, !session);
    },
    onError: form.onSaveError,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const capacity = values.capacity.trim() === '' ? undefined : Number(values.capacity.trim());
    const input = {
      label: values.label,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      place: emptyToNull(values.place),
      communeCode: values.communeCode || null,
      capacity,
      weeklyHours: parseDecimal(values.weeklyHours),
    };
    form.send(
      session
        ? validate(sessionUpdateSchema, { ...input, version: session.version })
        : validate(sessionInputSchema, input),
      save.mutate,
    );
  }

  return (
    <Dialog
      open
      size="lg"
      title={session ? `Modifier la session ${session.label}` : `Nouvelle session de l’action ${action.code}`}
      onClose={onClose}
    >
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
        <VersionedFormAlerts
          title="La session n’a pas été enregistrée"
          form={form}
          save={save}
          refetch={() => queryClient.refetchQueries({ queryKey: catalogueKeys.action(action.id) })}
        />
        <div className="form-grid">
          <TextField
            label="Intitulé de la session"
            value={values.label}
            onChange={(label) => set({ label })}
            maxLength={200}
            error={errors.label}
          />
          <TextField
            type="date"
            label="Début"
            value={values.startsOn}
            onChange={(startsOn) => set({ startsOn })}
            error={errors.startsOn}
          />
          <TextField
            type="date"
            label="Fin"
            value={values.endsOn}
            onChange={(endsOn) => set({ endsOn })}
            error={errors.endsOn}
          />
          <TextField
            label="Capacité (places)"
            inputMode="numeric"
            value={values.capacity}
            onChange={(capacity) => set({ capacity })}
            hint={session ? `Places déjà prises : ${session.taken}` : undefined}
            error={errors.capacity}
          />
          <TextField
            label="Heures par semaine"
            optional
            inputMode="decimal"
            hint="Par exemple 7,5"
            value={values.weeklyHours}
            onChange={(weeklyHours) => set({ weeklyHours })}
            error={errors.weeklyHours}
          />
          <TextField
            label="Lieu"
            optional
            value={values.place}
            onChange={(place) => set({ place })}
            maxLength={300}
            error={errors.place}
          />
          <SelectField
            label="Commune de la session"
            optional
            value={values.communeCode}
            onChange={(communeCode) => set({ communeCode })}
            placeholder="Aucune commune"
            options={(filters.data?.communes ?? []).map((c) => ({ value: c.code, label: c.name }))}
            error={errors.communeCode}
          />
        </div>
        <FormActions submitLabel="Enregistrer la session" pending={save.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
