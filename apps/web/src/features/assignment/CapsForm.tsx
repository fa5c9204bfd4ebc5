import {
  cappedStructureKinds,
  type PortfolioCaps,
  portfolioCapSetInputSchema,
  type StructureKind,
  structureKindLabels,
} from '@parcours/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TextField } from '../../ui';
import { DatedRuleSetForm } from '../../ui/DatedRuleSet';
import { parisToday } from '../agenda/dates';
import { addPortfolioCaps, assignmentKeys } from './api';

const toNumber = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const kinds = cappedStructureKinds.filter((k) => k !== 'medical_team');
const fieldNames = ['globalSupportPair', ...kinds.map((k) => `byKind.${k}`)];

/** A new dated set of portfolio caps (today or later): the former sets stay in the history. */
export function CapsForm({
  current,
  onSaved,
}: {
  current: PortfolioCaps['current'];
  onSaved: (text: string) => void;
}) {
  const queryClient = useQueryClient();
  const [pair, setPair] = useState(String(current.globalSupportPair));
  const [byKind, setByKind] = useState<Record<StructureKind, string>>(
    Object.fromEntries(cappedStructureKinds.map((k) => [k, String(current.byKind[k])])) as Record<
      StructureKind,
      string
    >,
  );
  return (
    <DatedRuleSetForm
      today={parisToday()}
      schema={portfolioCapSetInputSchema}
      input={(common) => ({
        ...common,
        globalSupportPair: toNumber(pair),
        byKind: Object.fromEntries(cappedStructureKinds.map((k) => [k, toNumber(byKind[k])])),
      })}
      fields={fieldNames}
      save={addPortfolioCaps}
      onSaved={(saved) => {
        queryClient.setQueryData(assignmentKeys.caps, saved);
        onSaved('Les nouveaux plafonds sont enregistrés ; les précédents restent dans l’historique.');
      }}
      title="Les plafonds n’ont pas été enregistrés"
      submitLabel="Enregistrer ces plafonds"
      sourceHint="Par exemple : convention d’accompagnement global du 3 février."
    >
      {(errors) => (
        <>
          <TextField
            label="Binôme d’accompagnement global (personnes)"
            type="number"
            inputMode="numeric"
            min={1}
            value={pair}
            onChange={setPair}
            error={errors.globalSupportPair}
          />
          {kinds.map((k) => (
            <TextField
              key={k}
              label={`${structureKindLabels[k]} (personnes par référent)`}
              type="number"
              inputMode="numeric"
              min={1}
              value={byKind[k]}
              onChange={(v) => setByKind((b) => ({ ...b, [k]: v }))}
              error={errors[`byKind.${k}`]}
            />
          ))}
        </>
      )}
    </DatedRuleSetForm>
  );
}
