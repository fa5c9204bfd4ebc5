import type { FormEvent, ReactNode, Ref } from 'react';
import { Button } from './Button';

/** A search landmark holding a filter form (lists of accounts, structures, communes, journal). */
export function FilterForm({
  label,
  onSubmit,
  children,
  formRef,
  className,
}: {
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  formRef?: Ref<HTMLFormElement>;
  className?: string;
}) {
  return (
    <search aria-label={label}>
      <form
        ref={formRef}
        className={['filters', className ?? ''].filter(Boolean).join(' ')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(event);
        }}
      >
        {children}
      </form>
    </search>
  );
}

/** The buttons closing a filter form: apply, then reset when a filter is set (`onReset` given). */
export function FilterActions({
  submitLabel,
  onReset,
}: {
  submitLabel: string;
  onReset?: (() => void) | undefined;
}) {
  return (
    <div className="filters__actions">
      <Button type="submit" variant="secondary">
        {submitLabel}
      </Button>
      {onReset ? (
        <Button variant="tertiary" onClick={onReset}>
          Réinitialiser les filtres
        </Button>
      ) : null}
    </div>
  );
}
