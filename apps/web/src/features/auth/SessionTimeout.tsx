import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { getLastActivityAt, subscribeToActivity } from '../../lib/api';
import { Button, Dialog } from '../../ui';
import { fetchSession, leaveToLogin, logout, sessionKey } from './session';

/**
 * Warns before the server ends an idle session and lets the user extend it (WCAG 2.2.1).
 * The server remains the judge: when the delay is over, the session is checked before leaving.
 */
export function SessionTimeout({ idleTimeoutSeconds }: { idleTimeoutSeconds: number }) {
  const queryClient = useQueryClient();
  const lastActivity = useSyncExternalStore(subscribeToActivity, getLastActivityAt);
  const [now, setNow] = useState(() => Date.now());
  const [extending, setExtending] = useState(false);
  const checking = useRef(false);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5000);
    return () => window.clearInterval(timer);
  }, []);

  const idleMs = Math.max(idleTimeoutSeconds, 60) * 1000;
  const warnMs = Math.min(120_000, idleMs / 4);
  const remaining = lastActivity + idleMs - now;
  const expired = remaining <= 0;

  useEffect(() => {
    if (!expired || checking.current) return;
    checking.current = true;
    fetchSession()
      .then((session) => {
        if (!session) leaveToLogin('expired');
        else queryClient.setQueryData(sessionKey, session);
      })
      .catch(() => {
        // network trouble: try again at the next tick
      })
      .finally(() => {
        checking.current = false;
      });
  }, [expired, queryClient]);

  async function stay() {
    setExtending(true);
    try {
      const session = await fetchSession();
      if (!session) leaveToLogin('expired');
      else queryClient.setQueryData(sessionKey, session);
    } finally {
      setExtending(false);
      setNow(Date.now());
    }
  }

  const open = !expired && remaining <= warnMs;
  const minutes = Math.max(1, Math.ceil(remaining / 60_000));

  return (
    <Dialog
      open={open}
      title="Votre session va bientôt expirer"
      role="alertdialog"
      onClose={() => void stay()}
      hideCloseButton
      description={
        <p>
          Sans action de votre part, votre session sera fermée dans moins de {minutes} minute
          {minutes > 1 ? 's' : ''}. Les informations non enregistrées seraient alors perdues.
        </p>
      }
    >
      <div className="form-actions">
        <Button onClick={() => void stay()} pending={extending} data-autofocus>
          Prolonger ma session
        </Button>
        <Button variant="secondary" onClick={() => void logout().catch(() => leaveToLogin('logout'))}>
          Quitter Parcours
        </Button>
      </div>
    </Dialog>
  );
}
