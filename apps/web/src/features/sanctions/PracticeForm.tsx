import { type SanctionRules, sanctionPracticeInputSchema } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox, TextField } from '../../ui';
import { DatedRuleSetForm } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addSanctionPractice, sanctionKeys } from './api';

const toNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

const numberFields = [
  ['firstSuspensionMonths', 'Première absence : suspension (mois)'],
  ['secondSuspensionMonths', 'Nouvelle absence : suspension (mois)'],
  ['sasWeeks', 'SAS de rétablissement : durée (semaines)'],
  ['sasHalfDaysPerWeek', 'SAS de rétablissement : demi-journées par semaine'],
] as const;
type NumberField = (typeof numberFields)[number][0];

const flagFields = [
  ['applies', 'Le département applique cette pratique (dans les bornes du régime en vigueur)'],
  ['automaticReinstatement', 'Rétablissement automatique au terme de la première suspension'],
  ['removalAfterSecondSuspension', 'Radiation au terme de la seconde suspension'],
] as const;
type FlagField = (typeof flagFields)[number][0];

/** The département's own steps (sheet 3-9) from a date, prefilled with those in force. */
export function PracticeForm({
  current,
  onSaved,
}: {
  current: SanctionRules['practice']['current'];
  onSaved: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    firstSuspensionMonths: String(current.firstSuspensionMonths),
    secondSuspensionMonths: String(current.secondSuspensionMonths),
    sasWeeks: String(current.sasWeeks),
    sasHalfDaysPerWeek: String(current.sasHalfDaysPerWeek),
  });
  const [flags, setFlags] = useState<Record<FlagField, boolean>>({
    applies: current.applies,
    automaticReinstatement: current.automaticReinstatement,
    removalAfterSecondSuspension: current.removalAfterSecondSuspension,
  });
  return (
    <DatedRuleSetForm
      today={parisToday()}
      schema={sanctionPracticeInputSchema}
      input={(common) => ({
        ...common,
        ...Object.fromEntries(numberFields.map(([name]) => [name, toNumber(numbers[name])])),
        ...flags,
      })}
      fields={[...numberFields.map(([n]) => n), ...flagFields.map(([n]) => n)]}
      save={addSanctionPractice}
      onSaved={(saved) => {
        queryClient.setQueryData(sanctionKeys.rules, saved);
        onSaved('La nouvelle pratique est enregistrée ; les précédentes restent dans l’historique.');
      }}
      title="La pratique n’a pas été enregistrée"
      submitLabel="Enregistrer cette pratique"
      sourceHint="Par exemple : délibération de la commission permanente."
    >
      {(errors) => (
        <>
          {flagFields.map(([name, label]) => (
            <Checkbox
              key={name}
              className="form-grid__wide"
              label={label}
              checked={flags[name]}
              onChange={(v) => setFlags((f) => ({ ...f, [name]: v }))}
              error={errors[name]}
            />
          ))}
          {numberFields.map(([name, label]) => (
            <TextField
              key={name}
              label={label}
              type="number"
              inputMode="numeric"
              min={1}
              value={numbers[name]}
              onChange={(v) => setNumbers((n) => ({ ...n, [name]: v }))}
              error={errors[name]}
            />
          ))}
        </>
      )}
    </DatedRuleSetForm>
  );
}
