import {
  type Diagnosis,
  type DiagnosisInput,
  type DiagnosticReferential,
  type EmploymentSituation,
  employmentSituationLabels,
  employmentSituations,
  type ObstacleSeverity,
  type QualificationLevel,
  qualificationLevelLabels,
  qualificationLevels,
} from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { todayIso } from '../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
} from '../../lib/forms';
import { Button, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { postDiagnosis } from './api';
import { DiagnosisTheme, emptyTheme, type ThemeState, themeInUse } from './DiagnosisTheme';

interface Values {
  diagnosedOn: string;
  employmentSituation: EmploymentSituation | '';
  qualificationLevel: QualificationLevel | '';
  experience: string;
  project: string;
  comments: string;
  themes: Record<string, ThemeState>;
}

const rank: Record<ObstacleSeverity, number> = { light: 1, moderate: 2, severe: 3 };

/** A new version starts from the latest one: the advisor updates what changed. */
function initialValues(previous: Diagnosis | null): Values {
  const themes: Record<string, ThemeState> = {};
  for (const o of previous?.obstacles ?? []) {
    const t = themes[o.themeId] ?? { ...emptyTheme, situations: [] };
    themes[o.themeId] = t;
    if (!t.severity || rank[o.severity] > rank[t.severity]) t.severity = o.severity;
    if (o.situationId) t.situations.push(o.situationId);
    if (o.comment && !t.comment) t.comment = o.comment;
  }
  return {
    diagnosedOn: todayIso(),
    employmentSituation: previous?.employmentSituation ?? '',
    qualificationLevel: previous?.qualificationLevel ?? '',
    experience: previous?.experience ?? '',
    project: previous?.project ?? '',
    comments: previous?.comments ?? '',
    themes,
  };
}

const knownFields = [
  'diagnosedOn',
  'employmentSituation',
  'qualificationLevel',
  'experience',
  'project',
  'comments',
];

/**
 * The shared diagnosis grid: employment situation, qualification, experience, project, then one
 * fieldset per theme of the referential with its severity and its situations. Saving creates a
 * new version; the previous ones stay as they were.
 */
export function DiagnosisForm({
  personId,
  referential,
  previous,
  onSaved,
  onCancel,
}: {
  personId: string;
  referential: DiagnosticReferential;
  previous: Diagnosis | null;
  onSaved: (diagnosis: Diagnosis) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(previous));
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const formRef = useRef<HTMLFormElement>(null);
  const themes = referential.themes.filter((t) => t.active);
  // Themes start folded, except those already filled in (a new version of a diagnosis).
  const [opened, setOpened] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(Object.entries(values.themes).map(([id, s]) => [id, themeInUse(s)])),
  );

  const save = useMutation({
    mutationFn: (input: DiagnosisInput) => postDiagnosis(personId, input),
    onSuccess: (diagnosis) => onSaved(diagnosis),
    onError: (error) => {
      setErrors(errorsFromApi(error, knownFields));
      focusFirstInvalid(formRef.current);
    },
  });

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setTheme = (id: string, patch: Partial<ThemeState>) =>
    setValues((v) => {
      const before = v.themes[id] ?? emptyTheme;
      return { ...v, themes: { ...v.themes, [id]: { ...before, ...patch } } };
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.diagnosedOn) fields.diagnosedOn = 'Indiquez la date du diagnostic.';
    if (!values.employmentSituation)
      fields.employmentSituation = 'Choisissez la situation vis-à-vis de l’emploi.';
    for (const t of themes) {
      const s = values.themes[t.id];
      if (s && !s.severity && (s.situations.length > 0 || s.comment.trim())) {
        fields[`theme-${t.id}`] = `Indiquez la sévérité du frein « ${t.label} », ou décochez ses situations.`;
      }
    }
    if (Object.keys(fields).length) {
      // A theme to correct is unfolded, so that its message and its field can be reached.
      setOpened((o) => ({
        ...o,
        ...Object.fromEntries(
          Object.keys(fields)
            .filter((k) => k.startsWith('theme-'))
            .map((k) => [k.slice('theme-'.length), true]),
        ),
      }));
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    const obstacles: NonNullable<DiagnosisInput['obstacles']> = [];
    for (const t of themes) {
      const s = values.themes[t.id];
      if (!s?.severity) continue;
      const comment = emptyToNull(s.comment);
      const active = s.situations.filter((id) => t.situations.some((x) => x.id === id && x.active));
      if (active.length === 0)
        obstacles.push({ themeId: t.id, situationId: null, severity: s.severity, comment });
      for (const situationId of active)
        obstacles.push({ themeId: t.id, situationId, severity: s.severity, comment });
    }
    save.mutate({
      diagnosedOn: values.diagnosedOn,
      employmentSituation: values.employmentSituation as EmploymentSituation,
      qualificationLevel: values.qualificationLevel || null,
      experience: emptyToNull(values.experience),
      project: emptyToNull(values.project),
      comments: emptyToNull(values.comments),
      obstacles,
    });
  }

  const fieldCount = Object.keys(errors.fields).length;
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Nouveau diagnostic">
      <FormAlert
        title="Le diagnostic n’a pas été enregistré"
        message={errors.message}
        fieldCount={fieldCount}
      />
      <div className="form-grid">
        <TextField
          label="Date du diagnostic"
          type="date"
          value={values.diagnosedOn}
          onChange={(v) => set('diagnosedOn', v)}
          error={errors.fields.diagnosedOn}
          max={todayIso()}
        />
        <SelectField
          label="Situation vis-à-vis de l’emploi"
          value={values.employmentSituation}
          onChange={(v) => set('employmentSituation', v as EmploymentSituation)}
          placeholder="Choisir une situation"
          options={employmentSituations.map((s) => ({ value: s, label: employmentSituationLabels[s] }))}
          error={errors.fields.employmentSituation}
        />
        <SelectField
          label="Niveau de qualification"
          optional
          value={values.qualificationLevel}
          onChange={(v) => set('qualificationLevel', v as QualificationLevel)}
          placeholder="Non renseigné"
          options={qualificationLevels.map((q) => ({ value: q, label: qualificationLevelLabels[q] }))}
          error={errors.fields.qualificationLevel}
        />
        <TextAreaField
          className="form-grid__wide"
          label="Expérience professionnelle"
          optional
          value={values.experience}
          onChange={(v) => set('experience', v)}
          maxLength={4000}
          error={errors.fields.experience}
        />
        <TextAreaField
          className="form-grid__wide"
          label="Projet professionnel"
          optional
          value={values.project}
          onChange={(v) => set('project', v)}
          maxLength={4000}
          error={errors.fields.project}
        />
      </div>
      <h3>Freins</h3>
      <p className="form-note">
        Ouvrez chaque thème concerné pour choisir la sévérité du frein et cocher les situations qui
        s’appliquent. Les thèmes laissés fermés sont enregistrés sans frein.
      </p>
      {themes.map((t) => (
        <DiagnosisTheme
          key={t.id}
          theme={t}
          state={values.themes[t.id] ?? emptyTheme}
          error={errors.fields[`theme-${t.id}`]}
          open={opened[t.id] ?? false}
          onToggle={(open) => setOpened((o) => (o[t.id] === open ? o : { ...o, [t.id]: open }))}
          onChange={(patch) => setTheme(t.id, patch)}
        />
      ))}
      <TextAreaField
        label="Commentaires"
        optional
        value={values.comments}
        onChange={(v) => set('comments', v)}
        maxLength={4000}
        error={errors.fields.comments}
      />
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          Enregistrer le diagnostic
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
