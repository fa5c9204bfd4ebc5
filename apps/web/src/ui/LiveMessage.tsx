import type { ReactNode } from 'react';

/**
 * A polite live region that is always in the page, so that messages put in it later are announced
 * (e.g. "La commune a été déplacée"). Renders an Alert-like box only when there is a message.
 */
export function LiveMessage({
  children,
  tone = 'success',
}: {
  children: ReactNode;
  tone?: 'success' | 'info';
}) {
  return (
    <div role="status" className={children ? `alert alert--${tone}` : undefined}>
      {children ? <p className="alert__title">{children}</p> : null}
    </div>
  );
}
