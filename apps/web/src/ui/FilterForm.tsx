import type { FormEvent, ReactNode, Ref } from 'react';

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
