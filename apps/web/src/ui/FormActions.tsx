import type { ReactNode } from 'react';
import { Button } from './Button';

/** The foot of a form: submit, then "Annuler" when the form can be left (`onCancel`). */
export function FormActions({
  submitLabel,
  pending = false,
  onCancel,
}: {
  submitLabel: ReactNode;
  pending?: boolean;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <div className="form-actions">
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button variant="secondary" onClick={onCancel}>
          Annuler
        </Button>
      ) : null}
    </div>
  );
}
