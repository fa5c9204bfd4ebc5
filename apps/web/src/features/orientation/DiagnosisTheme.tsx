import {
  type DiagnosticReferential,
  type ObstacleSeverity,
  obstacleSeverities,
  obstacleSeverityLabels,
  plural,
} from '@parcours/contracts';
import { Checkbox, Fieldset, SelectField, TextField } from '../../ui';

export interface ThemeState {
  severity: ObstacleSeverity | '';
  situations: string[];
  comment: string;
}

export const emptyTheme: ThemeState = { severity: '', situations: [], comment: '' };

type Theme = DiagnosticReferential['themes'][number];

/** Whether the advisor has said anything on this theme (then it opens by itself). */
export function themeInUse(s: ThemeState | undefined): boolean {
  return !!s && (s.severity !== '' || s.situations.length > 0 || s.comment.trim() !== '');
}

/** "Aucun frein", or "Frein modéré · 2 situations cochées sur 11". */
function themeSummary(s: ThemeState, situationCount: number): string {
  const severity = s.severity ? `Frein ${obstacleSeverityLabels[s.severity].toLowerCase()}` : 'Aucun frein';
  const checked = s.situations.length;
  if (checked === 0) return severity;
  return `${severity} · ${plural(checked, 'situation cochée', 'situations cochées')} sur ${situationCount}`;
}

/**
 * One theme of the diagnosis grid, folded under its name and what is chosen (a count of the
 * situations checked): the advisor opens only the themes that concern the person. Native
 * `<details>`: keyboard (Entrée, Espace) and screen readers work as for any disclosure.
 */
export function DiagnosisTheme({
  theme,
  state,
  error,
  open,
  onToggle,
  onChange,
}: {
  theme: Theme;
  state: ThemeState;
  error: string | undefined;
  open: boolean;
  onToggle: (open: boolean) => void;
  onChange: (patch: Partial<ThemeState>) => void;
}) {
  const situations = theme.situations.filter((x) => x.active);
  return (
    <details
      className="details diagnosis-theme"
      open={open}
      onToggle={(event) => onToggle(event.currentTarget.open)}
    >
      <summary className="details__summary">
        {theme.label} <span className="muted">— {themeSummary(state, situations.length)}</span>
        {error ? <span className="text-warning"> (à corriger)</span> : null}
      </summary>
      <Fieldset legend={`Frein « ${theme.label} »`}>
        <div className="form-grid">
          <SelectField
            label={`Sévérité du frein « ${theme.label} »`}
            value={state.severity}
            onChange={(v) => onChange({ severity: v as ObstacleSeverity | '' })}
            options={[
              { value: '', label: 'Aucun frein' },
              ...obstacleSeverities.map((sev) => ({ value: sev, label: obstacleSeverityLabels[sev] })),
            ]}
            required={false}
            error={error}
          />
          <TextField
            label={`Commentaire sur le frein « ${theme.label} »`}
            optional
            value={state.comment}
            onChange={(v) => onChange({ comment: v })}
            maxLength={1000}
          />
        </div>
        {situations.length > 0 ? (
          <ul className="plain-list">
            {situations.map((x) => (
              <li key={x.id}>
                <Checkbox
                  label={x.label}
                  checked={state.situations.includes(x.id)}
                  onChange={(checked) =>
                    onChange({
                      situations: checked
                        ? [...state.situations, x.id]
                        : state.situations.filter((id) => id !== x.id),
                    })
                  }
                />
              </li>
            ))}
          </ul>
        ) : null}
      </Fieldset>
    </details>
  );
}
