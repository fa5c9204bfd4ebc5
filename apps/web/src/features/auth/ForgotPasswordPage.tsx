import { api, passwordResetRequestSchema } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../lib/client';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Alert, Button, FormAlert, PageHeader, TextField } from '../../ui';
import { PublicLayout } from './PublicLayout';

export function ForgotPasswordPage() {
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);

  const request = useMutation({
    mutationFn: (body: { email: string }) =>
      call(api.access.requestPasswordReset, { body, redirectOnUnauthorized: false }),
    onError: (error) => {
      setErrors(errorsFromApi(error, ['email']));
      focusFirstInvalid(formRef.current);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(passwordResetRequestSchema, { email });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    request.mutate(result.data);
  }

  return (
    <PublicLayout>
      <PageHeader
        title="Mot de passe oublié"
        description={
          <p>
            Indiquez l’adresse e-mail de votre compte Parcours : vous recevrez un lien pour choisir un nouveau
            mot de passe.
          </p>
        }
      />
      {request.isSuccess ? (
        <Alert tone="success" title="Demande enregistrée">
          <p>
            Si un compte Parcours correspond à l’adresse <strong>{email.trim()}</strong>, un e-mail contenant
            un lien de réinitialisation vient de lui être envoyé. Le lien n’est valable que pour une durée
            limitée. Pensez à vérifier vos courriers indésirables.
          </p>
          <p>
            <Link to="/connexion">Retour à la connexion</Link>
          </p>
        </Alert>
      ) : (
        <div className="card">
          <form ref={formRef} onSubmit={submit} noValidate>
            <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
            <TextField
              label="Adresse e-mail"
              type="email"
              name="email"
              autoComplete="email"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.fields.email}
            />
            <div className="form-actions">
              <Button type="submit" pending={request.isPending}>
                Recevoir un lien de réinitialisation
              </Button>
              <Link to="/connexion">Retour à la connexion</Link>
            </div>
          </form>
        </div>
      )}
    </PublicLayout>
  );
}
