import { type FormEvent, useState } from 'react';
import { isApiError } from '../../lib/api';
import { Alert, FormAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { PageHeader } from '../../ui/PageHeader';
import { publicCall } from './public-api';
import { usePublicForm } from './usePublicForm';

const fieldNames = ['password', 'token'] as const;

export const passwordHint =
  'Au moins 12 caractères. Une phrase de passe facile à retenir convient très bien.';

/** Part of the light sign-in bundle (connexion.html). */
export function ResetPasswordPage() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const form = usePublicForm(fieldNames);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The one check the server cannot make: both entries typed alike.
    if (confirmation !== password) {
      form.fail({
        message: null,
        fields: { confirmation: 'Les deux mots de passe ne sont pas identiques.' },
      });
      return;
    }
    const result = await form.submit(() => publicCall('confirmPasswordReset', { token, password }));
    if (result.ok) setDone(true);
  }

  const invalidToken = isApiError(form.error, 'INVALID_TOKEN');

  return (
    <>
      <PageHeader title="Choisir un nouveau mot de passe" />
      {!token ? (
        <Alert tone="error" title="Lien de réinitialisation incomplet">
          <p>
            Ce lien ne contient pas de code de réinitialisation. Utilisez le lien reçu par e-mail tel quel, ou
            faites une nouvelle demande.
          </p>
          <p>
            <a href="/mot-de-passe-oublie">Demander un nouveau lien</a>
          </p>
        </Alert>
      ) : done ? (
        <Alert tone="success" title="Mot de passe modifié">
          <p>Votre nouveau mot de passe est enregistré. Vous pouvez maintenant vous connecter.</p>
          <p>
            <a href="/connexion">Aller à la page de connexion</a>
          </p>
        </Alert>
      ) : (
        <div className="card">
          <form ref={form.formRef} onSubmit={submit} noValidate>
            <p className="form-note">Tous les champs sont obligatoires.</p>
            <FormAlert
              title="Le mot de passe n’a pas été changé"
              message={form.errors.fields.token ?? form.errors.message}
              fieldCount={Object.keys(form.errors.fields).filter((f) => f !== 'token').length}
            />
            {invalidToken ? (
              <p>
                <a href="/mot-de-passe-oublie">Demander un nouveau lien de réinitialisation</a>
              </p>
            ) : null}
            <TextField
              label="Nouveau mot de passe"
              type="password"
              name="password"
              autoComplete="new-password"
              hint={passwordHint}
              value={password}
              onChange={setPassword}
              error={form.errors.fields.password}
            />
            <TextField
              label="Confirmer le nouveau mot de passe"
              type="password"
              name="confirmation"
              autoComplete="new-password"
              value={confirmation}
              onChange={setConfirmation}
              error={form.errors.fields.confirmation}
            />
            <div className="form-actions">
              <Button type="submit" pending={form.pending}>
                Enregistrer le nouveau mot de passe
              </Button>
            </div>
          </form>
        </div>
      )}
    </>
  );
}
