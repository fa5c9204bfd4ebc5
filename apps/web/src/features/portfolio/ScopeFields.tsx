import { SelectField } from '../../ui';
import { useStructures } from '../territory/api';

/**
 * The structure (administrator) and the référent (manager, administrator) a portfolio or an alert
 * list covers. A référent sees their own persons only: no field.
 */
export function ScopeFields({
  chooseStructure,
  structureId,
  referentId,
  referents,
  onChange,
}: {
  chooseStructure: boolean;
  structureId: string;
  referentId: string;
  referents: readonly { id: string; name: string }[];
  onChange: (next: { structureId: string; referentId: string }) => void;
}) {
  const structures = useStructures({}, chooseStructure);
  return (
    <>
      {chooseStructure ? (
        <SelectField
          label="Structure"
          value={structureId}
          onChange={(v) => onChange({ structureId: v, referentId: '' })}
          placeholder="Choisir une structure"
          options={(structures.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      ) : null}
      {referents.length > 0 ? (
        <SelectField
          label="Référent"
          optional
          value={referentId}
          onChange={(v) => onChange({ structureId, referentId: v })}
          placeholder="Tous les référents"
          options={referents.map((r) => ({ value: r.id, label: r.name }))}
        />
      ) : null}
    </>
  );
}
