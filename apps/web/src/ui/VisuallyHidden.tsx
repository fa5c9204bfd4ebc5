import type { ReactNode } from 'react';

/** Text for assistive technologies only (e.g. to complete a short button label). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
