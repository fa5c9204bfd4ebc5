import { type FormEvent, useState } from 'react';
import { Alert, FormAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { PageHeader } from '../../ui/PageHeader';
import { usePublicForm } from '../auth/usePublicForm';
import { SPACE_HOME, spacePublicCall } from './public-space-api';
import './space.css';

type Way = 'email' | 'sms';

/** "Espace bénéficiaire": sign in with a link by e-mail or a code by SMS (light sign-in bundle). */
export function SpaceSignInPage() {
  const [way, setWay] = useState<Way>('email');
  return (
    <div className="space-public">
      <PageHeader
        title="Mon espace personnel"
        description={
          <p>
            Votre espace RSA : votre référent, vos rendez-vous, votre contrat d’engagement et vos documents.
            Pas besoin de mot de passe : recevez un lien par e-mail ou un code par SMS.
          </p>
        }
      />
      <fieldset className="space-choice-group">
        <legend>Comment voulez-vous vous connecter ?</legend>
        <div className="space-choice">
          <Button
            variant={way === 'email' ? 'primary' : 'secondary'}
            aria-pressed={way === 'email'}
            onClick={() => setWay('email')}
          >
            Par e-mail
          </Button>
          <Button
            variant={way === 'sms' ? 'primary' : 'secondary'}
            aria-pressed={way === 'sms'}
            onClick={() => setWay('sms')}
          >
            Par SMS
          </Button>
        </div>
      </fieldset>
      {way === 'email' ? <LinkRequest /> : <CodeSignIn />}
      <p className="space-public__agents">
        Vous êtes agent du département ou d’un partenaire ? <a href="/connexion">Connexion des agents</a>
      </p>
    </div>
  );
}

function LinkRequest() {
  const form = usePublicForm(['email']);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await form.submit(() => spacePublicCall('requestLink', { email }));
    if (result.ok) setSent(result.value.message);
  }

  if (sent) {
    return (
      <Alert tone="success" title="Regardez vos e-mails" live="polite">
        <p>{sent}</p>
        <p>Pensez à regarder dans les courriers indésirables.</p>
        <p>
          <Button variant="tertiary" onClick={() => setSent(null)}>
            Je n’ai rien reçu : recommencer
          </Button>
        </p>
      </Alert>
    );
  }
  return (
    <div className="card">
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <FormAlert
          title="La demande n’a pas été envoyée"
          message={form.errors.message}
          fieldCount={Object.keys(form.errors.fields).length}
        />
        <TextField
          label="Votre adresse e-mail"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          hint="Celle que vous avez donnée à la CAF ou à votre référent."
          value={email}
          onChange={setEmail}
          error={form.errors.fields.email}
        />
        <div className="form-actions">
          <Button type="submit" pending={form.pending} className="button--block">
            Recevoir mon lien de connexion
          </Button>
        </div>
      </form>
    </div>
  );
}

function CodeSignIn() {
  const request = usePublicForm(['phone']);
  const confirm = usePublicForm(['code']);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  async function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await request.submit(() => spacePublicCall('requestCode', { phone }));
    if (result.ok) setSent(result.value.message);
  }
  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await confirm.submit(() => spacePublicCall('signInWithCode', { phone, code }));
    if (result.ok) window.location.assign(SPACE_HOME);
  }

  if (!sent) {
    return (
      <div className="card">
        <form ref={request.formRef} onSubmit={ask} noValidate>
          <FormAlert
            title="La demande n’a pas été envoyée"
            message={request.errors.message}
            fieldCount={Object.keys(request.errors.fields).length}
          />
          <TextField
            label="Votre numéro de téléphone portable"
            type="tel"
            name="phone"
            autoComplete="tel"
            inputMode="tel"
            hint="Par exemple : 06 12 34 56 78"
            value={phone}
            onChange={setPhone}
            error={request.errors.fields.phone}
          />
          <div className="form-actions">
            <Button type="submit" pending={request.pending} className="button--block">
              Recevoir un code par SMS
            </Button>
          </div>
        </form>
      </div>
    );
  }
  return (
    <div className="card">
      <Alert tone="success" title="Code envoyé" live="polite">
        <p>{sent}</p>
      </Alert>
      <form ref={confirm.formRef} onSubmit={signIn} noValidate>
        <FormAlert
          title="Connexion impossible"
          message={confirm.errors.fields.code ? null : confirm.errors.message}
          fieldCount={Object.keys(confirm.errors.fields).length}
        />
        <TextField
          label="Code reçu par SMS (6 chiffres)"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          value={code}
          onChange={setCode}
          error={confirm.errors.fields.code}
        />
        <div className="form-actions">
          <Button type="submit" pending={confirm.pending} className="button--block">
            Ouvrir mon espace
          </Button>
          <Button
            variant="tertiary"
            onClick={() => {
              setSent(null);
              setCode('');
            }}
          >
            Recevoir un nouveau code
          </Button>
        </div>
      </form>
    </div>
  );
}
