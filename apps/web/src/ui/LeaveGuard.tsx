import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './Dialog';

/**
 * While `when` is true (e.g. a file is being sent), leaving the page asks first: the browser's own
 * prompt when closing or reloading the tab, a confirmation dialog for a navigation inside Parcours.
 * Changes of the query string on the same page are not blocked.
 */
export function LeaveGuard({ when, title, message }: { when: boolean; title: string; message: string }) {
  const active = useRef(when);
  useEffect(() => {
    active.current = when;
  }, [when]);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      active.current && currentLocation.pathname !== nextLocation.pathname,
  );

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={title}
      confirmLabel="Quitter la page"
      cancelLabel="Rester sur la page"
      danger
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>{message}</p>
    </ConfirmDialog>
  );
}
