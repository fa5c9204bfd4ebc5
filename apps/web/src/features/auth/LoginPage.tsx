import { api, loginRequestSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { call, hrefOf } from '../../lib/client';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import { Alert, Button, ErrorState, FormAlert, Loading, PageHeader, TextField } from '../../ui';
import { PublicLayout } from './PublicLayout';
import {
  applySession,
  consumeLoggedOutFlag,
  safeReturnPath,
  useAuthConfig,
  useSessionQuery,
} from './session';

const loginErrorMessages: Record<string, { title: string; text: string }> = {
  oidc_inconnu: {
    title: 'Aucun compte Parcours pour cette identité',
    text: "Votre identité a bien été vérifiée, mais aucun compte Parcours ne lui est associé. Demandez à l'administrateur de Parcours de votre structure de créer votre compte avec la même adresse e-mail.",
  },
  oidc_echec: {
    title: 'La connexion n’a pas abouti',
    text: 'La connexion par le fournisseur d’identité a échoué. Réessayez, ou connectez-vous avec votre adresse e-mail et votre mot de passe.',
  },
  session_expiree: {
    title: 'Votre session a expiré',
    text: 'Par sécurité, vous avez été déconnecté après une période d’inactivité. Connectez-vous à nouveau pour reprendre.',
  },
};

const fieldNames = ['email', 'password'] as const;

export function LoginPage() {
  const [params] = useSearchParams();
  const session = useSessionQuery();
  const config = useAuthConfig();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [loggedOut] = useState(consumeLoggedOutFlag);

  const retour = safeReturnPath(params.get('retour'));
  const errorCode = params.get('erreur');
  const urlError = errorCode
    ? (loginErrorMessages[errorCode] ?? {
        title: 'La connexion n’a pas abouti',
        text: 'Une erreur est survenue pendant la connexion. Réessayez.',
      })
    : null;

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      call(api.access.login, { body, redirectOnUnauthorized: false }),
    onSuccess: (result) => applySession(queryClient, result),
    onError: (error) => {
      setErrors(errorsFromApi(error, fieldNames));
      focusFirstInvalid(formRef.current);
    },
  });

  if (session.data) return <Navigate to={retour} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(loginRequestSchema, { email, password });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    login.mutate(result.data);
  }

  const oidc = config.data?.oidcEnabled ? config.data : null;

  return (
    <PublicLayout>
      <PageHeader
        title="Connexion à Parcours"
        description={<p>Espace réservé aux agents du département et à ses partenaires.</p>}
      />
      {session.isError ? <ErrorState error={session.error} onRetry={() => session.refetch()} /> : null}
      {loggedOut && !urlError ? (
        <Alert tone="success" title="Vous êtes déconnecté">
          <p>Votre session a été fermée. À bientôt dans Parcours.</p>
        </Alert>
      ) : null}
      {urlError ? (
        <Alert tone={errorCode === 'session_expiree' ? 'warning' : 'error'} title={urlError.title}>
          <p>{urlError.text}</p>
        </Alert>
      ) : null}

      {session.isPending ? <Loading label="Vérification de la session…" /> : null}

      <div className="card">
        {oidc ? (
          <>
            <h2 className="card__title">Avec votre compte professionnel</h2>
            <p>
              <a className="button button--primary button--oidc" href={hrefOf(api.access.oidcLogin)}>
                {oidc.oidcLabel || 'Se connecter avec le fournisseur d’identité'}
              </a>
            </p>
            <p className="separator">
              <span>ou</span>
            </p>
            <h2 className="card__title">Avec votre adresse e-mail</h2>
          </>
        ) : null}

        <form ref={formRef} onSubmit={submit} noValidate>
          <p className="form-note">Tous les champs sont obligatoires.</p>
          <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
          <TextField
            label="Adresse e-mail"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            hint="Par exemple : prenom.nom@departement.fr"
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <TextField
            label="Mot de passe"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.fields.password}
          />
          <div className="form-actions">
            <Button type="submit" pending={login.isPending}>
              Se connecter
            </Button>
            <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
          </div>
        </form>
      </div>
    </PublicLayout>
  );
}
