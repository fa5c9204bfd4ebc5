import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api';
import { Button } from './Button';

export function Loading({ label = 'Chargement en cours…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner spinner--large" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export interface ErrorStateProps {
  title?: ReactNode;
  error?: unknown;
  onRetry?: () => void;
}

export function ErrorState({
  title = 'Les données n’ont pas pu être chargées.',
  error,
  onRetry,
}: ErrorStateProps) {
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{title}</p>
      {error !== undefined ? <p>{errorMessage(error)}</p> : null}
      {onRetry ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Réessayer
        </Button>
      ) : null}
    </div>
  );
}
