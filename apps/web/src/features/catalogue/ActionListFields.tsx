import { Button, Fieldset, TextField } from '../../ui';
import { type ActionValues, newKey } from './actionDraft';

/** The phases and the indicators of an action: rows added, edited and removed. */
export function ActionListFields({
  phases,
  indicators,
  errors,
  onChange,
}: {
  phases: ActionValues['phases'];
  indicators: ActionValues['indicators'];
  errors: Record<string, string>;
  onChange: (patch: Partial<Pick<ActionValues, 'phases' | 'indicators'>>) => void;
}) {
  return (
    <>
      <Fieldset legend="Phases">
        {phases.map((p, i) => {
          const set = (patch: Partial<typeof p>) =>
            onChange({ phases: phases.map((x) => (x.key === p.key ? { ...x, ...patch } : x)) });
          return (
            <div key={p.key} className="form-grid">
              <TextField
                label={`Intitulé de la phase ${i + 1}`}
                value={p.label}
                onChange={(label) => set({ label })}
                maxLength={200}
                error={errors[`phases.${i}.label`]}
              />
              <TextField
                label={`Description de la phase ${i + 1}`}
                optional
                value={p.description}
                onChange={(description) => set({ description })}
                maxLength={2000}
                error={errors[`phases.${i}.description`]}
              />
              <TextField
                label={`Heures de la phase ${i + 1}`}
                optional
                inputMode="decimal"
                value={p.hours}
                onChange={(hours) => set({ hours })}
                error={errors[`phases.${i}.hours`]}
              />
              <Button
                size="sm"
                variant="tertiary"
                onClick={() => onChange({ phases: phases.filter((x) => x.key !== p.key) })}
              >
                Retirer la phase {i + 1}
              </Button>
            </div>
          );
        })}
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            onChange({ phases: [...phases, { key: newKey(), label: '', description: '', hours: '' }] })
          }
        >
          Ajouter une phase
        </Button>
      </Fieldset>
      <Fieldset legend="Indicateurs propres à l’action">
        {indicators.map((ind, i) => {
          const set = (patch: Partial<typeof ind>) =>
            onChange({ indicators: indicators.map((x) => (x.key === ind.key ? { ...x, ...patch } : x)) });
          return (
            <div key={ind.key} className="form-grid">
              <TextField
                label={`Indicateur ${i + 1}`}
                value={ind.label}
                onChange={(label) => set({ label })}
                maxLength={300}
                error={errors[`indicators.${i}.label`]}
              />
              <TextField
                label={`Cible de l’indicateur ${i + 1}`}
                optional
                value={ind.target}
                onChange={(target) => set({ target })}
                maxLength={200}
                error={errors[`indicators.${i}.target`]}
              />
              <Button
                size="sm"
                variant="tertiary"
                onClick={() => onChange({ indicators: indicators.filter((x) => x.key !== ind.key) })}
              >
                Retirer l’indicateur {i + 1}
              </Button>
            </div>
          );
        })}
        <Button
          size="sm"
          variant="secondary"
          onClick={() =>
            onChange({ indicators: [...indicators, { key: newKey(), label: '', target: '', targets: {} }] })
          }
        >
          Ajouter un indicateur
        </Button>
      </Fieldset>
    </>
  );
}
