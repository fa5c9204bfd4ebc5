import { type SanctionRules, sanctionRegimeInputSchema } from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Checkbox, TextField } from '../../ui';
import { DatedRuleSetForm } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addSanctionRegime, sanctionKeys } from './api';

const toNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));
/** An empty field means "no such bound". */
const toNumberOrNull = (v: string) => (v.trim() === '' ? null : toNumber(v));
const text = (n: number | null) => (n === null ? '' : String(n));

const numberFields = [
  ['firstMinPercent', 'Premier manquement : minimum (%)', 'Vide : pas de minimum.'],
  ['firstMaxPercent', 'Premier manquement : maximum (%)', undefined],
  ['firstMinMonths', 'Premier manquement : durée minimale (mois)', undefined],
  ['firstMaxMonths', 'Premier manquement : durée maximale (mois)', undefined],
  ['repeatedMinPercent', 'Manquement répété : minimum (%)', 'Vide : pas de minimum.'],
  ['repeatedMaxPercent', 'Manquement répété : maximum (%)', undefined],
  ['repeatedMinMonths', 'Manquement répété : durée minimale (mois)', undefined],
  ['repeatedMaxMonths', 'Manquement répété : durée maximale (mois)', undefined],
  ['householdCapPercent', 'Plafond pour un foyer de plusieurs personnes (%)', 'Vide : pas de plafond.'],
  [
    'repeatWindowMonths',
    'Période de réitération (mois)',
    'Un manquement dans cette période après une sanction compte comme répété.',
  ],
] as const;
type NumberField = (typeof numberFields)[number][0];
const nullable = new Set<NumberField>(['firstMinPercent', 'repeatedMinPercent', 'householdCapPercent']);

const flagFields = [
  ['capForSingleParentIncrease', 'La majoration pour isolement déclenche aussi le plafond'],
  ['epOpinionRequiredForSanction', 'Avis de l’équipe pluridisciplinaire avant toute sanction'],
  ['epOpinionRequiredForRemoval', 'Avis de l’équipe pluridisciplinaire obligatoire pour une radiation'],
  ['removalAtEndOfSuspension', 'Radiation au terme de la suspension'],
] as const;
type FlagField = (typeof flagFields)[number][0];

/** A new sanction regime from a date, prefilled with the one in force: facts before keep the former. */
export function RegimeForm({
  current,
  onSaved,
}: {
  current: SanctionRules['regime']['current'];
  onSaved: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const [regime, setRegime] = useState(current.regime);
  const [label, setLabel] = useState(current.label);
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    firstMinPercent: text(current.first.minPercent),
    firstMaxPercent: text(current.first.maxPercent),
    firstMinMonths: text(current.first.minMonths),
    firstMaxMonths: text(current.first.maxMonths),
    repeatedMinPercent: text(current.repeated.minPercent),
    repeatedMaxPercent: text(current.repeated.maxPercent),
    repeatedMinMonths: text(current.repeated.minMonths),
    repeatedMaxMonths: text(current.repeated.maxMonths),
    householdCapPercent: text(current.householdCapPercent),
    repeatWindowMonths: text(current.repeatWindowMonths),
  });
  const [flags, setFlags] = useState<Record<FlagField, boolean>>({
    capForSingleParentIncrease: current.capForSingleParentIncrease,
    epOpinionRequiredForSanction: current.epOpinionRequiredForSanction,
    epOpinionRequiredForRemoval: current.epOpinionRequiredForRemoval,
    removalAtEndOfSuspension: current.removalAtEndOfSuspension,
  });
  return (
    <DatedRuleSetForm
      today={parisToday()}
      schema={sanctionRegimeInputSchema}
      input={(common) => ({
        ...common,
        regime,
        label,
        ...Object.fromEntries(
          numberFields.map(([name]) => [
            name,
            nullable.has(name) ? toNumberOrNull(numbers[name]) : toNumber(numbers[name]),
          ]),
        ),
        ...flags,
      })}
      fields={['regime', 'label', ...numberFields.map(([n]) => n), ...flagFields.map(([n]) => n)]}
      save={addSanctionRegime}
      onSaved={(saved) => {
        queryClient.setQueryData(sanctionKeys.rules, saved);
        onSaved('Le nouveau régime est enregistré ; les précédents restent dans l’historique.');
      }}
      title="Le régime n’a pas été enregistré"
      submitLabel="Enregistrer ce régime"
      sourceHint="Par exemple : décret n° 2025-478 du 30 mai 2025, ou délibération du conseil départemental."
    >
      {(errors) => (
        <>
          <TextField
            label="Code du régime"
            value={regime}
            onChange={setRegime}
            error={errors.regime}
            hint="Lettres minuscules, chiffres et « _ » ; repris dans les exports et la ligne de commande."
          />
          <TextField label="Nom du régime" value={label} onChange={setLabel} error={errors.label} />
          {numberFields.map(([name, fieldLabel, hint]) => (
            <TextField
              key={name}
              label={fieldLabel}
              inputMode="numeric"
              value={numbers[name]}
              onChange={(v) => setNumbers((n) => ({ ...n, [name]: v }))}
              error={errors[name]}
              hint={hint}
            />
          ))}
          {flagFields.map(([name, fieldLabel]) => (
            <Checkbox
              key={name}
              className="form-grid__wide"
              label={fieldLabel}
              checked={flags[name]}
              onChange={(v) => setFlags((f) => ({ ...f, [name]: v }))}
              error={errors[name]}
            />
          ))}
        </>
      )}
    </DatedRuleSetForm>
  );
}
