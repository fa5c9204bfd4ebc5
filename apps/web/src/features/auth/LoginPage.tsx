import type { AuthConfig } from '@parcours/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { Alert, FormAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, Loading } from '../../ui/states';
import { currentSession, oidcLoginHref, publicCall } from './public-api';
import { consumeLoggedOutFlag, safeReturnPath } from './sign-in-state';
import { usePublicForm } from './usePublicForm';

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
    text: 'Par sécurité, votre session a été fermée après une période d’inactivité. Connectez-vous à nouveau pour reprendre.',
  },
};

const fieldNames = ['email', 'password'] as const;

type SessionCheck = { state: 'pending' } | { state: 'none' } | { state: 'error'; error: unknown };

/** Part of the light sign-in bundle (connexion.html): no router, no query cache, no schema. */
export function LoginPage({ config }: { config: AuthConfig | null }) {
  const params = new URLSearchParams(window.location.search);
  const retour = safeReturnPath(params.get('retour'));
  const form = usePublicForm(fieldNames);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [loggedOut] = useState(consumeLoggedOutFlag);
  const [session, setSession] = useState<SessionCheck>({ state: 'pending' });

  function checkSession() {
    setSession({ state: 'pending' });
    currentSession().then(
      (found) => {
        // Already signed in (another tab): straight to the page asked for.
        if (found) window.location.replace(retour);
        else setSession({ state: 'none' });
      },
      (error: unknown) => setSession({ state: 'error', error }),
    );
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: checked once, when the page opens
  useEffect(checkSession, []);

  const errorCode = params.get('erreur');
  const urlError = errorCode
    ? (loginErrorMessages[errorCode] ?? {
        title: 'La connexion n’a pas abouti',
        text: 'Une erreur est survenue pendant la connexion. Réessayez.',
      })
    : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.submit(() => publicCall('login', { email, password }));
    // The application's bundle starts with a fresh page: nothing of a previous user stays in memory.
    if (result.ok) window.location.assign(retour);
  }

  const oidc = config?.oidcEnabled ? config : null;

  return (
    <>
      <PageHeader
        title="Connexion à Parcours"
        description={<p>Espace réservé aux agents du département et à ses partenaires.</p>}
      />
      {session.state === 'error' ? <ErrorState error={session.error} onRetry={checkSession} /> : null}
      {loggedOut && !urlError ? (
        <Alert tone="success" title="Votre session est fermée">
          <p>Votre session a été fermée. À bientôt dans Parcours.</p>
        </Alert>
      ) : null}
      {urlError ? (
        <Alert tone={errorCode === 'session_expiree' ? 'warning' : 'error'} title={urlError.title}>
          <p>{urlError.text}</p>
        </Alert>
      ) : null}

      {session.state === 'pending' ? <Loading label="Vérification de la session…" /> : null}

      <div className="card">
        {oidc ? (
          <>
            <h2 className="card__title">Avec votre compte professionnel</h2>
            <p>
              <a className="button button--primary button--oidc" href={oidcLoginHref}>
                {oidc.oidcLabel || 'Se connecter avec le fournisseur d’identité'}
              </a>
            </p>
            <p className="separator">
              <span>ou</span>
            </p>
            <h2 className="card__title">Avec votre adresse e-mail</h2>
          </>
        ) : null}

        <form ref={form.formRef} onSubmit={submit} noValidate>
          <p className="form-note">Tous les champs sont obligatoires.</p>
          <FormAlert
            title="Connexion impossible"
            message={form.errors.message}
            fieldCount={Object.keys(form.errors.fields).length}
          />
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
            error={form.errors.fields.email}
          />
          <TextField
            label="Mot de passe"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={form.errors.fields.password}
          />
          <div className="form-actions">
            <Button type="submit" pending={form.pending}>
              Se connecter
            </Button>
            <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
          </div>
        </form>
      </div>
      <p className="login-space-link">
        Vous êtes accompagné(e) au titre du RSA ? <a href="/espace/connexion">Ouvrir mon espace personnel</a>
      </p>
    </>
  );
}
