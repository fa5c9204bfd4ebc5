import { type FormEvent, useState } from 'react';
import { Alert, FormAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { PageHeader } from '../../ui/PageHeader';
import { publicCall } from './public-api';
import { usePublicForm } from './usePublicForm';

const fieldNames = ['email'] as const;

/** Part of the light sign-in bundle (connexion.html). */
export function ForgotPasswordPage() {
  const form = usePublicForm(fieldNames);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.submit(() => publicCall('requestPasswordReset', { email }));
    if (result.ok) setSent(true);
  }

  return (
    <>
      <PageHeader
        title="Mot de passe oublié"
        description={
          <p>
            Indiquez l’adresse e-mail de votre compte Parcours : vous recevrez un lien pour choisir un nouveau
            mot de passe.
          </p>
        }
      />
      {sent ? (
        <Alert tone="success" title="Demande enregistrée">
          <p>
            Si un compte Parcours correspond à l’adresse <strong>{email.trim()}</strong>, un e-mail contenant
            un lien de réinitialisation vient de lui être envoyé. Le lien n’est valable que pour une durée
            limitée. Pensez à vérifier vos courriers indésirables.
          </p>
          <p>
            <a href="/connexion">Retour à la connexion</a>
          </p>
        </Alert>
      ) : (
        <div className="card">
          <form ref={form.formRef} onSubmit={submit} noValidate>
            <FormAlert
              title="La demande n’a pas été envoyée"
              message={form.errors.message}
              fieldCount={Object.keys(form.errors.fields).length}
            />
            <TextField
              label="Adresse e-mail"
              type="email"
              name="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={form.errors.fields.email}
            />
            <div className="form-actions">
              <Button type="submit" pending={form.pending}>
                Recevoir un lien de réinitialisation
              </Button>
              <a href="/connexion">Retour à la connexion</a>
            </div>
          </form>
        </div>
      )}
    </>
  );
}
