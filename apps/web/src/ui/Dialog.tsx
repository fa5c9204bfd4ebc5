import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Alert } from './Alert';
import { Button } from './Button';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Short text under the title, announced with the dialog (aria-describedby). */
  description?: ReactNode;
  role?: 'dialog' | 'alertdialog';
  size?: 'md' | 'lg';
  /** Hide the "Fermer" button (the dialog's own buttons close it). */
  hideCloseButton?: boolean;
}

/**
 * Modal dialog on the native <dialog> element: focus is kept inside, Escape closes it,
 * focus goes back to the element that opened it. Mounted only while open (content state resets).
 */
export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return <OpenDialog {...props} />;
}

function OpenDialog({
  title,
  onClose,
  children,
  description,
  role,
  size = 'md',
  hideCloseButton,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const target =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(
        '.dialog__body input:not([type="hidden"]), .dialog__body select, .dialog__body textarea',
      );
    target?.focus();
    return () => {
      if (dialog.open) dialog.close();
      requestAnimationFrame(() => {
        if (previous?.isConnected) previous.focus();
        else document.querySelector<HTMLElement>('main h1')?.focus();
      });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {hideCloseButton ? null : (
          <button type="button" className="dialog__close" onClick={() => onCloseRef.current()}>
            Fermer<span aria-hidden="true"> ✕</span>
          </button>
        )}
      </div>
      {description ? (
        <div id={descriptionId} className="dialog__description">
          {description}
        </div>
      ) : null}
      <div className="dialog__body">{children}</div>
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  pending?: boolean;
  /** Error of the confirmed action (the dialog stays open to show it). */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that cannot be undone easily; focus starts on "Annuler". */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Annuler',
  danger = false,
  pending = false,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      role="alertdialog"
      description={children}
      hideCloseButton
    >
      {error ? (
        <Alert tone="error" title="L'action n'a pas abouti">
          <p>{error}</p>
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button variant={danger ? 'danger' : 'primary'} pending={pending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel} data-autofocus>
          {cancelLabel}
        </Button>
      </div>
    </Dialog>
  );
}
