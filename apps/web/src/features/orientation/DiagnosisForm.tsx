import {
  type Diagnosis,
  type DiagnosisInput,
  type DiagnosticReferential,
  type EmploymentSituation,
  employmentSituationLabels,
  employmentSituations,
  type ObstacleSeverity,
  obstacleSeverities,
  obstacleSeverityLabels,
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
import { Button, Checkbox, Fieldset, FormAlert, SelectField, TextAreaField, TextField } from '../../ui';
import { postDiagnosis } from './api';

interface ThemeState {
  severity: ObstacleSeverity | '';
  situations: string[];
  comment: string;
}

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
    const t = themes[o.themeId] ?? { severity: '', situations: [], comment: '' };
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
      const before = v.themes[id] ?? { severity: '', situations: [], comment: '' };
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
      <FormAlert message={errors.message} fieldCount={fieldCount} />
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
        Pour chaque thème concerné, choisissez la sévérité du frein et cochez les situations qui s’appliquent.
        Laissez « Aucun frein » pour les autres thèmes.
      </p>
      {themes.map((t) => {
        const s = values.themes[t.id] ?? { severity: '', situations: [], comment: '' };
        const error = errors.fields[`theme-${t.id}`];
        return (
          <Fieldset key={t.id} legend={t.label}>
            <div className="form-grid">
              <SelectField
                label={`Sévérité du frein « ${t.label} »`}
                value={s.severity}
                onChange={(v) => setTheme(t.id, { severity: v as ObstacleSeverity | '' })}
                options={[
                  { value: '', label: 'Aucun frein' },
                  ...obstacleSeverities.map((sev) => ({ value: sev, label: obstacleSeverityLabels[sev] })),
                ]}
                required={false}
                error={error}
              />
              <TextField
                label={`Commentaire sur le frein « ${t.label} »`}
                optional
                value={s.comment}
                onChange={(v) => setTheme(t.id, { comment: v })}
                maxLength={1000}
              />
            </div>
            {t.situations.filter((x) => x.active).length > 0 ? (
              <ul className="plain-list">
                {t.situations
                  .filter((x) => x.active)
                  .map((x) => (
                    <li key={x.id}>
                      <Checkbox
                        label={x.label}
                        checked={s.situations.includes(x.id)}
                        onChange={(checked) =>
                          setTheme(t.id, {
                            situations: checked
                              ? [...s.situations, x.id]
                              : s.situations.filter((id) => id !== x.id),
                          })
                        }
                      />
                    </li>
                  ))}
              </ul>
            ) : null}
          </Fieldset>
        );
      })}
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
