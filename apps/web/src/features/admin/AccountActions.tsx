import { type Account, api } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { Button, ConfirmDialog, LiveMessage } from '../../ui';
import { useActor } from '../auth/session';
import { adminKeys } from './api';

type PendingAction = 'reset' | 'revoke' | 'deactivate' | null;

/** What an administrator does to an account's access: slowdown, reset link, sessions, (de)activation. */
export function AccountActions({
  account,
  version,
  onVersion,
}: {
  account: Account;
  version: number;
  onVersion: (version: number) => void;
}) {
  const actor = useActor();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<PendingAction>(null);
  const [message, setMessage] = useState<string | null>(null);
  const self = actor.accountId === account.id;

  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.accountsAll });

  const unlock = useMutation({
    mutationFn: () => call(api.access.unlockAccount, { params: { id: account.id } }),
    onSuccess: async (updated) => {
      onVersion(updated.version);
      setMessage('Les échecs de connexion récents sont effacés : ses essais ne sont plus retardés.');
      await refresh();
    },
  });
  const sendReset = useMutation({
    mutationFn: () => call(api.access.sendAccountReset, { params: { id: account.id } }),
    onSuccess: () => {
      setConfirming(null);
      setMessage(`Un lien de réinitialisation du mot de passe a été envoyé à ${account.email}.`);
    },
  });
  const revoke = useMutation({
    mutationFn: () => call(api.access.revokeAccountSessions, { params: { id: account.id } }),
    onSuccess: () => {
      setConfirming(null);
      setMessage('Toutes les sessions ouvertes de ce compte ont été fermées.');
    },
  });
  const setActive = useMutation({
    mutationFn: (active: boolean) =>
      call(api.access.updateAccount, {
        params: { id: account.id },
        body: {
          displayName: account.displayName,
          role: account.role,
          hubId: account.hubId,
          structureId: account.structureId,
          active,
          version,
        },
      }),
    onSuccess: async (updated) => {
      onVersion(updated.version);
      setConfirming(null);
      setMessage(
        updated.active
          ? 'Le compte est réactivé.'
          : 'Le compte est désactivé : la personne ne peut plus se connecter.',
      );
      await refresh();
    },
  });

  const directError = unlock.isError
    ? errorMessage(unlock.error)
    : setActive.isError && confirming === null
      ? errorMessage(setActive.error)
      : null;

  function open(action: PendingAction) {
    setMessage(null);
    sendReset.reset();
    revoke.reset();
    setActive.reset();
    unlock.reset();
    setConfirming(action);
  }

  return (
    <section className="section" aria-labelledby="actions">
      <h2 id="actions">Accès au compte</h2>
      <LiveMessage>{message}</LiveMessage>
      {directError ? (
        <p className="field__error" role="alert">
          {directError}
        </p>
      ) : null}
      <ul className="action-list">
        <li>
          <Button variant="secondary" pending={unlock.isPending} onClick={() => unlock.mutate()}>
            Lever le ralentissement des connexions
          </Button>
          <span className="muted">
            Efface ses échecs de connexion récents : ses prochains essais ne sont plus retardés.
          </span>
        </li>
        <li>
          <Button variant="secondary" onClick={() => open('reset')} disabled={!account.active}>
            Envoyer un lien de réinitialisation
          </Button>
          <span className="muted">La personne reçoit un e-mail pour choisir un nouveau mot de passe.</span>
        </li>
        <li>
          <Button variant="secondary" onClick={() => open('revoke')}>
            Fermer toutes ses sessions
          </Button>
          <span className="muted">Utile en cas de perte d’un appareil ou de départ de la personne.</span>
        </li>
        <li>
          {account.active ? (
            <Button variant="danger" onClick={() => open('deactivate')} disabled={self}>
              Désactiver le compte
            </Button>
          ) : (
            <Button variant="secondary" pending={setActive.isPending} onClick={() => setActive.mutate(true)}>
              Réactiver le compte
            </Button>
          )}
          <span className="muted">
            {self
              ? 'Vous ne pouvez pas désactiver votre propre compte.'
              : account.active
                ? 'La personne ne pourra plus se connecter ; son historique est conservé.'
                : 'La personne pourra de nouveau se connecter.'}
          </span>
        </li>
      </ul>

      <ConfirmDialog
        open={confirming === 'reset'}
        title="Envoyer un lien de réinitialisation ?"
        confirmLabel="Envoyer le lien"
        pending={sendReset.isPending}
        error={sendReset.isError ? errorMessage(sendReset.error) : null}
        onConfirm={() => sendReset.mutate()}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Un e-mail sera envoyé à <strong>{account.email}</strong> avec un lien pour choisir un nouveau mot de
          passe.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'revoke'}
        title="Fermer toutes les sessions de ce compte ?"
        confirmLabel="Fermer les sessions"
        danger
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Les sessions de {account.displayName} seront fermées sur tous ses appareils : il faudra se
          reconnecter.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'deactivate'}
        title="Désactiver ce compte ?"
        confirmLabel="Désactiver"
        danger
        pending={setActive.isPending}
        error={
          setActive.isError
            ? isApiError(setActive.error, 'CONFLICT')
              ? 'Ce compte vient d’être modifié par quelqu’un d’autre. Rechargez la page, puis recommencez.'
              : errorMessage(setActive.error)
            : null
        }
        onConfirm={() => setActive.mutate(false)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {account.displayName} ne pourra plus se connecter à Parcours. Son historique est conservé et le
          compte pourra être réactivé.
        </p>
      </ConfirmDialog>
    </section>
  );
}
