import {
  type ExemptionGround,
  exemptionGroundLabels,
  exemptionGrounds,
  type HoursRegime,
  hoursRegimeLabels,
  hoursRegimes,
  type PersonContracts,
} from '@parcours/contracts';
import { useId } from 'react';
import type { FieldErrors } from '../../lib/forms';
import { Alert, Button, Checkbox, SelectField, TextAreaField } from '../../ui';
import type { ContractValues } from './draft';

const regimeHints: Record<HoursRegime, string> = {
  standard: 'Le plan prévoit au moins 15 heures d’activité chaque semaine.',
  reduced:
    'Moins de 15 heures certaines semaines, pour un motif tenant à la situation personnelle et familiale.',
  exempt:
    'Pas de durée hebdomadaire : santé, handicap, invalidité, ou parent isolé sans garde d’un enfant de moins de 12 ans.',
};

type RegimeValues = Pick<
  ContractValues,
  'hoursRegime' | 'reducedReason' | 'exemptionGround' | 'childUnder12Statement'
>;

/**
 * The weekly-hours regime: standard, reduced (reason required) or exempt (ground required). The
 * exemption the household suggests is shown as a proposal the agent applies after asking the person.
 */
export function RegimeFields({
  values,
  onChange,
  errors,
  household,
  minimum,
}: {
  values: RegimeValues;
  onChange: (patch: Partial<RegimeValues>) => void;
  errors: FieldErrors;
  household: PersonContracts['household'];
  minimum: number;
}) {
  const id = useId();
  const regimeError = errors['content.hoursRegime'];
  const proposed = household.proposedExemption;
  const proposalApplied = values.hoursRegime === 'exempt' && values.exemptionGround === proposed;
  const noChildKnown = household.childrenUnder12 === 0;

  return (
    <>
      {proposed && !proposalApplied ? (
        <Alert tone="info" title="Dispense proposée d’après la composition du foyer">
          <p>
            {household.isolatedParent ? 'Parent isolé' : 'Foyer'} avec{' '}
            {household.childrenUnder12 === 1
              ? '1 enfant de moins de 12 ans'
              : `${household.childrenUnder12} enfants de moins de 12 ans`}{' '}
            : Parcours propose une dispense de durée hebdomadaire (« {exemptionGroundLabels[proposed]} »).
            Vérifiez avec la personne qu’elle n’a pas de solution de garde avant de la retenir.
          </p>
          <p>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => onChange({ hoursRegime: 'exempt', exemptionGround: proposed })}
            >
              Retenir la dispense proposée
            </Button>
          </p>
        </Alert>
      ) : null}
      <fieldset className="radio-group" aria-describedby={regimeError ? `${id}-erreur` : undefined}>
        <legend>Durée hebdomadaire d’activité (minimum : {minimum} heures)</legend>
        {regimeError ? (
          <p id={`${id}-erreur`} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {regimeError}
          </p>
        ) : null}
        {hoursRegimes.map((regime) => (
          <div key={regime} className="radio-group__option">
            <input
              type="radio"
              id={`${id}-${regime}`}
              name={`${id}-regime`}
              value={regime}
              checked={values.hoursRegime === regime}
              aria-invalid={regimeError ? true : undefined}
              aria-describedby={`${id}-${regime}-aide`}
              onChange={() => onChange({ hoursRegime: regime })}
            />
            <div>
              <label htmlFor={`${id}-${regime}`}>{hoursRegimeLabels[regime]}</label>
              <p id={`${id}-${regime}-aide`} className="field__hint">
                {regimeHints[regime]}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      {values.hoursRegime === 'reduced' ? (
        <TextAreaField
          label="Motif de la durée réduite"
          hint="Adapté à la situation personnelle et familiale de la personne."
          value={values.reducedReason}
          onChange={(reducedReason) => onChange({ reducedReason })}
          maxLength={2000}
          error={errors['content.reducedReason']}
        />
      ) : null}
      {values.hoursRegime === 'exempt' ? (
        <>
          <SelectField
            label="Motif de la dispense"
            value={values.exemptionGround}
            onChange={(ground) => onChange({ exemptionGround: ground as ExemptionGround | '' })}
            options={exemptionGrounds.map((g) => ({ value: g, label: exemptionGroundLabels[g] }))}
            placeholder="Choisir le motif"
            error={errors['content.exemptionGround']}
          />
          {values.exemptionGround === 'isolated_parent_child_under_12' && noChildKnown ? (
            <Checkbox
              label="La personne déclare avoir la charge d’un enfant de moins de 12 ans sans solution de garde"
              hint="Aucun enfant de moins de 12 ans n’est connu au foyer : ce motif n’est retenu qu’avec cette déclaration."
              checked={values.childUnder12Statement}
              onChange={(childUnder12Statement) => onChange({ childUnder12Statement })}
              error={errors['content.childUnder12Statement']}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
