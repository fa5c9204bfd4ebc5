import { type KeyboardEvent, useId, useState } from 'react';
import { VisuallyHidden } from '../../ui';

/**
 * A figure's definition at hand: a disclosure button (« Définition ») that shows the text right
 * under the figure's label. Keyboard: Enter or Space toggles, Escape closes and keeps the focus.
 */
export function DefinitionToggle({ label, definition }: { label: string; definition: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="definition-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={onKeyDown}
      >
        <span aria-hidden="true" className="definition-toggle__icon">
          i
        </span>
        Définition
        <VisuallyHidden> : {label}</VisuallyHidden>
      </button>
      <p id={id} className="definition-text" hidden={!open}>
        {definition}
      </p>
    </>
  );
}
