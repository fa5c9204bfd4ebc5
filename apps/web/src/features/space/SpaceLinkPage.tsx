import { useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageHeader } from '../../ui/PageHeader';
import { usePublicForm } from '../auth/usePublicForm';
import { SPACE_HOME, spacePublicCall } from './public-space-api';
import './space.css';

/**
 * The page the e-mail's link opens. Opening it uses nothing (mail scanners open links): the
 * person presses the button, which sends the token once.
 */
export function SpaceLinkPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('jeton') ?? '');
  const form = usePublicForm(['token']);

  async function open() {
    const result = await form.submit(() => spacePublicCall('signInWithLink', { token }));
    if (result.ok) window.location.assign(SPACE_HOME);
  }

  const refused = form.error
    ? (form.errors.fields.token ?? form.errors.message ?? 'Ce lien de connexion n’est pas valable.')
    : null;
  return (
    <div className="space-public">
      <PageHeader title="Ouvrir mon espace personnel" />
      {!token ? (
        <Alert tone="error" title="Lien incomplet">
          <p>Ce lien ne contient pas de code de connexion. Utilisez le lien reçu par e-mail tel quel.</p>
          <p>
            <a href="/espace/connexion">Demander un nouveau lien</a>
          </p>
        </Alert>
      ) : refused ? (
        <Alert tone="error" title="Connexion impossible" live="polite">
          <p>{refused}</p>
          <p>
            <a href="/espace/connexion">Demander un nouveau lien ou un code par SMS</a>
          </p>
        </Alert>
      ) : (
        <div className="card">
          <p>Appuyez sur le bouton pour ouvrir votre espace. Ce lien ne fonctionne qu’une fois.</p>
          <Button pending={form.pending} onClick={open} className="button--block">
            Ouvrir mon espace
          </Button>
        </div>
      )}
    </div>
  );
}
