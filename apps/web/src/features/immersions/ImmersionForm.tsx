import {
  type ImmersionContentInput,
  type ImmersionDetail,
  immersionContentSchema,
  immersionObjectiveLabels,
  immersionObjectives,
  romeProblem,
  siretProblem,
} from '@parcours/contracts';
import { useState } from 'react';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Fieldset, FormActions, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { defaultWeek, ScheduleGrid, slotsOf, weekFromSlots } from './ScheduleGrid';

const hostKeys = [
  'name',
  'siret',
  'address',
  'tutorName',
  'tutorFunction',
  'tutorEmail',
  'tutorPhone',
] as const;
type HostKey = (typeof hostKeys)[number];
const fieldNames = [
  ...hostKeys.map((k) => `host.${k}`),
  'objective',
  'romeCode',
  'jobLabel',
  'startDate',
  'endDate',
  'schedule',
  'place',
  'tasks',
  'risks',
];

function initial(detail?: ImmersionDetail) {
  const c = detail?.content;
  return {
    host: Object.fromEntries(hostKeys.map((k) => [k, c?.host[k] ?? ''])) as Record<HostKey, string>,
    objective: c?.objective ?? '',
    romeCode: c?.romeCode ?? '',
    jobLabel: c?.jobLabel ?? '',
    startDate: c?.startDate ?? '',
    endDate: c?.endDate ?? '',
    week: c ? weekFromSlots(c.schedule) : defaultWeek(),
    place: c?.place ?? '',
    tasks: c?.tasks ?? '',
    risks: c?.risks ?? '',
  };
}

/**
 * The convention's content: host (SIRET checked when leaving the field), objective, job (ROME),
 * dates, weekly schedule, place, tasks, risks. `signed`: someone has signed — saving removes it.
 */
export function ImmersionForm({
  detail,
  submitLabel,
  failTitle,
  save,
  onCancel,
}: {
  detail?: ImmersionDetail;
  submitLabel: string;
  failTitle: string;
  save: (content: ImmersionContentInput) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [v, setV] = useState(() => initial(detail));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [pending, setPending] = useState(false);
  const setHost = (k: HostKey) => (value: string) => setV((s) => ({ ...s, host: { ...s.host, [k]: value } }));
  const set =
    (k: 'objective' | 'romeCode' | 'jobLabel' | 'startDate' | 'endDate' | 'place' | 'tasks' | 'risks') =>
    (value: string) =>
      setV((s) => ({ ...s, [k]: value }));
  const fieldError = (name: string) => errors.fields[name];
  const checkOnBlur = (name: string, problem: string | null) =>
    setErrors((e) => {
      const fields = { ...e.fields };
      if (problem) fields[name] = problem;
      else delete fields[name];
      return { ...e, fields };
    });

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const content = {
      host: v.host,
      objective: v.objective,
      romeCode: v.romeCode,
      jobLabel: v.jobLabel,
      startDate: v.startDate,
      endDate: v.endDate,
      schedule: slotsOf(v.week),
      place: v.place,
      tasks: v.tasks,
      risks: v.risks || null,
      contractId: detail?.content.contractId ?? null,
    };
    const checked = validate(immersionContentSchema, content);
    if (!checked.ok) {
      setErrors(checked.errors);
      queueMicrotask(() => focusFirstInvalid(form));
      return;
    }
    setPending(true);
    setErrors(noErrors);
    try {
      await save(content as ImmersionContentInput);
    } catch (error) {
      setErrors(errorsFromApi(error, fieldNames));
      queueMicrotask(() => focusFirstInvalid(form));
    } finally {
      setPending(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="form immersion-form">
      <FormAlert title={failTitle} message={errors.message} fieldCount={Object.keys(errors.fields).length} />
      {detail && detail.signatures.length > 0 ? (
        <p className="alert alert--warning">
          Attention : {detail.signatures.length} partie(s) ont déjà signé. Enregistrer une modification annule
          toutes les signatures ; la convention repasse en brouillon et devra être signée à nouveau.
        </p>
      ) : null}
      <Fieldset legend="Structure d’accueil">
        <TextField
          label="Raison sociale"
          value={v.host.name}
          onChange={setHost('name')}
          error={fieldError('host.name')}
        />
        <TextField
          label="SIRET"
          inputMode="numeric"
          hint="14 chiffres ; la clé de contrôle est vérifiée."
          value={v.host.siret}
          onChange={setHost('siret')}
          onBlur={() => checkOnBlur('host.siret', v.host.siret ? siretProblem(v.host.siret) : null)}
          error={fieldError('host.siret')}
        />
        <TextField
          label="Adresse"
          value={v.host.address}
          onChange={setHost('address')}
          error={fieldError('host.address')}
        />
        <TextField
          label="Nom du tuteur"
          value={v.host.tutorName}
          onChange={setHost('tutorName')}
          error={fieldError('host.tutorName')}
        />
        <TextField
          label="Fonction du tuteur"
          value={v.host.tutorFunction}
          onChange={setHost('tutorFunction')}
          error={fieldError('host.tutorFunction')}
        />
        <TextField
          label="E-mail du tuteur"
          type="email"
          value={v.host.tutorEmail}
          onChange={setHost('tutorEmail')}
          error={fieldError('host.tutorEmail')}
        />
        <TextField
          label="Téléphone du tuteur"
          type="tel"
          value={v.host.tutorPhone}
          onChange={setHost('tutorPhone')}
          error={fieldError('host.tutorPhone')}
        />
      </Fieldset>
      <Fieldset legend="Objet de l’immersion">
        <SelectField
          label="Objectif"
          placeholder="Choisir l’objectif"
          value={v.objective}
          onChange={set('objective')}
          options={immersionObjectives.map((o) => ({ value: o, label: immersionObjectiveLabels[o] }))}
          error={fieldError('objective')}
        />
        <TextField
          label="Code ROME"
          hint="Une lettre de A à N puis 4 chiffres, par exemple D1102."
          value={v.romeCode}
          onChange={set('romeCode')}
          onBlur={() => checkOnBlur('romeCode', v.romeCode ? romeProblem(v.romeCode) : null)}
          error={fieldError('romeCode')}
        />
        <TextField
          label="Métier"
          value={v.jobLabel}
          onChange={set('jobLabel')}
          error={fieldError('jobLabel')}
        />
        <TextField
          label="Lieu de l’immersion"
          value={v.place}
          onChange={set('place')}
          error={fieldError('place')}
        />
        <TextAreaField
          label="Activités confiées"
          value={v.tasks}
          onChange={set('tasks')}
          error={fieldError('tasks')}
        />
        <TextAreaField
          label="Risques et équipements"
          optional
          value={v.risks}
          onChange={set('risks')}
          error={fieldError('risks')}
        />
      </Fieldset>
      <Fieldset legend="Dates">
        <TextField
          label="Date de début"
          type="date"
          value={v.startDate}
          onChange={set('startDate')}
          error={fieldError('startDate')}
        />
        <TextField
          label="Date de fin"
          type="date"
          hint="30 jours calendaires au plus (limites en vigueur au début)."
          value={v.endDate}
          onChange={set('endDate')}
          error={fieldError('endDate')}
        />
      </Fieldset>
      <ScheduleGrid
        week={v.week}
        onChange={(week) => setV((s) => ({ ...s, week }))}
        error={fieldError('schedule')}
      />
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
