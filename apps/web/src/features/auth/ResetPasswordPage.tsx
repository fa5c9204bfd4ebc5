import { api, passwordResetConfirmSchema } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Alert, Button, FormAlert, PageHeader, TextField } from '../../ui';
import { PublicLayout } from './PublicLayout';

export const passwordHint =
  'Au moins 12 caractères. Une phrase de passe facile à retenir convient très bien.';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const formRef = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);

  const confirm = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      call(api.access.confirmPasswordReset, { body, redirectOnUnauthorized: false }),
    onError: (error) => {
      setErrors(errorsFromApi(error, ['password']));
      focusFirstInvalid(formRef.current);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(passwordResetConfirmSchema, { token, password });
    const next: FormErrorState = result.ok ? { message: null, fields: {} } : result.errors;
    if (confirmation !== password) {
      next.fields = { ...next.fields, confirmation: 'Les deux mots de passe ne sont pas identiques.' };
    }
    if (!result.ok || next.fields.confirmation) {
      setErrors({
        ...next,
        message: next.fields.token ?? next.message ?? 'Le formulaire contient des erreurs.',
      });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    confirm.mutate(result.data);
  }

  const invalidToken = isApiError(confirm.error, 'INVALID_TOKEN');

  return (
    <PublicLayout>
      <PageHeader title="Choisir un nouveau mot de passe" />
      {!token ? (
        <Alert tone="error" title="Lien de réinitialisation incomplet">
          <p>
            Ce lien ne contient pas de code de réinitialisation. Utilisez le lien reçu par e-mail tel quel, ou
            faites une nouvelle demande.
          </p>
          <p>
            <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
          </p>
        </Alert>
      ) : confirm.isSuccess ? (
        <Alert tone="success" title="Mot de passe modifié">
          <p>Votre nouveau mot de passe est enregistré. Vous pouvez maintenant vous connecter.</p>
          <p>
            <Link to="/connexion">Aller à la page de connexion</Link>
          </p>
        </Alert>
      ) : (
        <div className="card">
          <form ref={formRef} onSubmit={submit} noValidate>
            <p className="form-note">Tous les champs sont obligatoires.</p>
            <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
            {invalidToken ? (
              <p>
                <Link to="/mot-de-passe-oublie">Demander un nouveau lien de réinitialisation</Link>
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
              error={errors.fields.password}
            />
            <TextField
              label="Confirmer le nouveau mot de passe"
              type="password"
              name="confirmation"
              autoComplete="new-password"
              value={confirmation}
              onChange={setConfirmation}
              error={errors.fields.confirmation}
            />
            <div className="form-actions">
              <Button type="submit" pending={confirm.isPending}>
                Enregistrer le nouveau mot de passe
              </Button>
            </div>
          </form>
        </div>
      )}
    </PublicLayout>
  );
}
