import { type PlanStepKind, planStepKindLabels, planStepKinds } from '@parcours/contracts';
import { useRef, useState } from 'react';
import type { FieldErrors } from '../../lib/forms';
import { Button, LiveMessage, SelectField, type SelectOptionGroup, TextField } from '../../ui';
import { CatalogueAction } from './CatalogueAction';
import { emptyStep, moveItem, parseHours, type StepValues } from './draft';

const firstField = (key: string) => `[data-step="${key}"] select, [data-step="${key}"] input`;

const kindOptions = planStepKinds.map((k) => ({ value: k, label: planStepKindLabels[k] }));

/**
 * The action plan's steps: objective of the national list, kind, label, weekly hours, start and
 * end. Steps are added, removed and moved with buttons (keyboard: the focus follows the step).
 */
export function PlanStepsEditor({
  steps,
  onChange,
  errors,
  objectives,
  contractDates,
}: {
  steps: StepValues[];
  onChange: (steps: StepValues[]) => void;
  errors: FieldErrors;
  objectives: SelectOptionGroup[];
  contractDates: { startDate: string; endDate: string };
}) {
  const [message, setMessage] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);

  const focusLater = (selector: string) =>
    requestAnimationFrame(() => container.current?.querySelector<HTMLElement>(selector)?.focus());

  const update = (index: number, patch: Partial<StepValues>) =>
    onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  function add() {
    const step = emptyStep(contractDates);
    onChange([...steps, step]);
    setMessage(`Étape ${steps.length + 1} ajoutée.`);
    focusLater(firstField(step.key));
  }

  function remove(index: number) {
    const next = steps.filter((_, i) => i !== index);
    onChange(next);
    setMessage(`Étape ${index + 1} retirée.`);
    const neighbour = next[Math.min(index, next.length - 1)];
    focusLater(neighbour ? firstField(neighbour.key) : '[data-add-step]');
  }

  function move(index: number, by: -1 | 1) {
    const step = steps[index];
    if (!step) return;
    const to = index + by;
    onChange(moveItem(steps, index, to));
    setMessage(`Étape « ${step.label || 'sans intitulé'} » déplacée en position ${to + 1}.`);
    // The focus stays on the step's button; at an end, on its other move button.
    const atEnd = (by === -1 && to === 0) || (by === 1 && to === steps.length - 1);
    const button = by === -1 ? (atEnd ? 'down' : 'up') : atEnd ? 'up' : 'down';
    focusLater(`[data-step="${step.key}"] [data-move="${button}"]`);
  }

  const total = steps.reduce((sum, s) => {
    const h = parseHours(s.weeklyHours);
    return Number.isFinite(h) ? sum + h : sum;
  }, 0);

  return (
    <div ref={container}>
      {errors['content.plan'] ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {errors['content.plan']}
        </p>
      ) : null}
      {steps.length === 0 ? <p className="muted">Aucune étape pour l’instant.</p> : null}
      {steps.map((step, index) => (
        <StepFields
          key={step.key}
          step={step}
          index={index}
          count={steps.length}
          errors={errors}
          objectives={objectives}
          onChange={(patch) => update(index, patch)}
          onMove={(by) => move(index, by)}
          onRemove={() => remove(index)}
        />
      ))}
      <p className="muted">
        Total des étapes (toutes périodes confondues) : {total.toLocaleString('fr-FR')} h par semaine.
      </p>
      <Button variant="secondary" onClick={add} data-add-step="">
        Ajouter une étape
      </Button>
      <LiveMessage tone="info">{message}</LiveMessage>
    </div>
  );
}

function StepFields({
  step,
  index,
  count,
  errors,
  objectives,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepValues;
  index: number;
  count: number;
  errors: FieldErrors;
  objectives: SelectOptionGroup[];
  onChange: (patch: Partial<StepValues>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const field = (name: string) => errors[`content.plan.${index}.${name}`];
  const name = `l’étape ${n}`;
  return (
    <fieldset className="plan-step" data-step={step.key}>
      <legend>
        Étape {n}
        {step.label ? ` : ${step.label}` : ''}
      </legend>
      <div className="plan-step__fields">
        {objectives.length > 0 ? (
          <SelectField
            className="plan-step__wide"
            label={`Objectif de ${name}`}
            value={step.objectiveId}
            onChange={(objectiveId) => onChange({ objectiveId })}
            groups={objectives}
            placeholder="Choisir un objectif du référentiel national"
            error={field('objectiveId')}
          />
        ) : (
          <TextField
            className="plan-step__wide"
            label={`Objectif de ${name}`}
            hint="La liste nationale des objectifs n’est pas encore chargée : indiquez l’identifiant de l’objectif."
            value={step.objectiveId}
            onChange={(objectiveId) => onChange({ objectiveId })}
            maxLength={200}
            error={field('objectiveId')}
          />
        )}
        <SelectField
          label={`Type de ${name}`}
          value={step.kind}
          onChange={(kind) => onChange({ kind: kind as PlanStepKind })}
          options={kindOptions}
          error={field('kind')}
        />
        <TextField
          className="plan-step__label"
          label={`Intitulé de ${name}`}
          value={step.label}
          onChange={(label) => onChange({ label })}
          maxLength={300}
          error={field('label')}
        />
        {step.kind === 'catalogue_action' ? (
          <CatalogueAction
            actionId={step.actionId}
            hintId={`${step.key}-catalogue`}
            stepName={name}
            onChange={onChange}
          />
        ) : null}
        <TextField
          label={`Heures par semaine de ${name}`}
          hint="Par exemple 7,5"
          inputMode="decimal"
          value={step.weeklyHours}
          onChange={(weeklyHours) => onChange({ weeklyHours })}
          error={field('weeklyHours')}
        />
        <TextField
          type="date"
          label={`Début de ${name}`}
          value={step.startDate}
          onChange={(startDate) => onChange({ startDate })}
          error={field('startDate')}
        />
        <TextField
          type="date"
          label={`Fin de ${name}`}
          value={step.endDate}
          onChange={(endDate) => onChange({ endDate })}
          error={field('endDate')}
        />
      </div>
      <div className="row-actions">
        {index > 0 ? (
          <Button size="sm" variant="secondary" data-move="up" onClick={() => onMove(-1)}>
            Monter<span className="sr-only"> {name}</span>
          </Button>
        ) : null}
        {index < count - 1 ? (
          <Button size="sm" variant="secondary" data-move="down" onClick={() => onMove(1)}>
            Descendre<span className="sr-only"> {name}</span>
          </Button>
        ) : null}
        <Button size="sm" variant="tertiary" onClick={onRemove}>
          Retirer<span className="sr-only"> {name}</span>
        </Button>
      </div>
    </fieldset>
  );
}
