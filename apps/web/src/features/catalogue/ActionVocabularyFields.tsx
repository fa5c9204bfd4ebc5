import {
  dataInclusionPublicLabels,
  dataInclusionPublics,
  dataInclusionThematiques,
  thematiqueFamily,
  thematiqueFamilyLabels,
  thematiqueLabels,
} from '@parcours/contracts';
import { Checkbox, Fieldset } from '../../ui';

const families = [...new Set(dataInclusionThematiques.map(thematiqueFamily))];
const toggle = (list: string[], code: string, on: boolean) =>
  on ? [...list, code] : list.filter((c) => c !== code);

/** The data·inclusion publics and thématiques of an action (checkboxes, by family). */
export function ActionVocabularyFields({
  publics,
  thematiques,
  errors,
  onChange,
}: {
  publics: string[];
  thematiques: string[];
  errors: Record<string, string>;
  onChange: (patch: { publics?: string[]; thematiques?: string[] }) => void;
}) {
  const themError = Object.entries(errors).find(([k]) => k.startsWith('thematiques'))?.[1];
  const publicError = Object.entries(errors).find(([k]) => k.startsWith('publics'))?.[1];
  return (
    <>
      <Fieldset legend="Publics (vocabulaire data·inclusion)">
        {publicError ? <p className="field__error">{publicError}</p> : null}
        <div className="form-grid">
          {dataInclusionPublics.map((p) => (
            <Checkbox
              key={p}
              label={dataInclusionPublicLabels[p]}
              checked={publics.includes(p)}
              onChange={(on) => onChange({ publics: toggle(publics, p, on) })}
            />
          ))}
        </div>
      </Fieldset>
      <Fieldset legend="Thématiques (vocabulaire data·inclusion)">
        {themError ? <p className="field__error">{themError}</p> : null}
        {families.map((family) => {
          const codes = dataInclusionThematiques.filter((c) => thematiqueFamily(c) === family);
          const chosen = codes.filter((c) => thematiques.includes(c)).length;
          return (
            <details key={family} open={chosen > 0}>
              <summary>
                {thematiqueFamilyLabels[family] ?? family}
                {chosen ? ` (${chosen} choisie${chosen > 1 ? 's' : ''})` : ''}
              </summary>
              <div className="form-grid">
                {codes.map((code) => (
                  <Checkbox
                    key={code}
                    label={thematiqueLabels[code]}
                    checked={thematiques.includes(code)}
                    onChange={(on) => onChange({ thematiques: toggle(thematiques, code, on) })}
                  />
                ))}
              </div>
            </details>
          );
        })}
      </Fieldset>
    </>
  );
}
