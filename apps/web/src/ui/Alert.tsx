import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

const toneTitles: Record<AlertTone, string> = {
  info: 'Information',
  success: 'Succès',
  warning: 'Attention',
  error: 'Erreur',
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Errors and warnings interrupt (role="alert"); information and success are polite (role="status"). */
  live?: 'assertive' | 'polite' | 'off';
  /** Focusable target (used by forms to move focus to the error message). */
  focusable?: boolean;
  className?: string;
}

export function Alert({ tone = 'info', title, children, live, focusable, className }: AlertProps) {
  const mode = live ?? (tone === 'error' || tone === 'warning' ? 'assertive' : 'polite');
  const role = mode === 'assertive' ? 'alert' : mode === 'polite' ? 'status' : undefined;
  return (
    <div
      className={['alert', `alert--${tone}`, className ?? ''].filter(Boolean).join(' ')}
      role={role}
      tabIndex={focusable ? -1 : undefined}
      data-form-alert={focusable ? '' : undefined}
    >
      <p className="alert__title">
        <span className="sr-only">{toneTitles[tone]} : </span>
        {title ?? toneTitles[tone]}
      </p>
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}

/**
 * The general error of a form (validation summary or API message); renders nothing when there is none.
 * `title` says what failed, in the form's own words ("Connexion impossible", "Le compte n’a pas été
 * créé"): there is no generic title. Field messages are counted only when the form shows them.
 */
export function FormAlert({
  title,
  message,
  fieldCount = 0,
}: {
  title: string;
  message: string | null;
  fieldCount?: number;
}) {
  if (!message && fieldCount === 0) return null;
  return (
    <Alert tone="error" title={title} focusable>
      {message ? <p>{message}</p> : null}
      {fieldCount > 0 ? (
        <p>
          {fieldCount === 1 ? '1 champ est à corriger' : `${fieldCount} champs sont à corriger`} : le message
          est indiqué sous {fieldCount === 1 ? 'le champ concerné' : 'chaque champ concerné'}.
        </p>
      ) : null}
    </Alert>
  );
}
