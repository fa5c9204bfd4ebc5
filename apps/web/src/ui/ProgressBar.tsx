import { type ReactNode, useId } from 'react';

export interface ProgressBarProps {
  /** What is progressing ("Envoi du fichier"); names the progress bar. */
  label: ReactNode;
  /** Done so far; omit for an indeterminate progress (unknown duration). */
  value?: number | undefined;
  max?: number;
  /** Visible detail under the bar ("4,2 Mo sur 12 Mo"). */
  detail?: ReactNode;
}

/**
 * A native <progress> named by its visible label. It is not a live region: announce the start and
 * the end of the work with a LiveMessage, not every percent.
 */
export function ProgressBar({ label, value, max = 100, detail }: ProgressBarProps) {
  const id = useId();
  const determinate = value !== undefined && Number.isFinite(value) && max > 0;
  const pct = determinate ? Math.min(100, Math.max(0, Math.floor((value / max) * 100))) : null;
  return (
    <div className="progress">
      <p className="progress__label" id={`${id}-label`}>
        {label}
        {pct !== null ? <span className="progress__value"> — {pct} %</span> : null}
      </p>
      {determinate ? (
        <progress className="progress__bar" aria-labelledby={`${id}-label`} value={value} max={max} />
      ) : (
        <progress className="progress__bar" aria-labelledby={`${id}-label`} />
      )}
      {detail ? <p className="progress__detail">{detail}</p> : null}
    </div>
  );
}
