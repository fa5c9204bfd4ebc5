import { api, type OpenSpaceAnswer } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { call } from '../../lib/client';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors } from '../../lib/forms';
import { Alert, Button, FormAlert } from '../../ui';
import { TextField } from '../../ui/fields';
import { Section } from '../../ui/Section';
import { useCan } from '../auth/session';

/** On the person's file: open the person's space (account + sign-in link), or send the link again. */
export function OpenSpaceSection({ personId }: { personId: string }) {
  const allowed = useCan('person.contact.write');
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [done, setDone] = useState<OpenSpaceAnswer | null>(null);
  const open = useMutation({
    mutationFn: () =>
      call(api.space.openForPerson, { params: { id: personId }, body: { email: email.trim() || null } }),
  });
  if (!allowed) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(noErrors);
    try {
      setDone(await open.mutateAsync());
    } catch (error) {
      setErrors(errorsFromApi(error, ['email']));
      focusFirstInvalid(formRef.current);
    }
  }

  return (
    <Section id="espace-personnel" title="Espace personnel">
      <p>
        La personne consulte son référent, ses rendez-vous, son contrat et ses documents, et signe son
        contrat, sur <strong>/espace/connexion</strong> : elle reçoit un lien par e-mail ou un code par SMS
        (sans mot de passe).
      </p>
      {done ? (
        <Alert
          tone="success"
          title={done.created ? 'Espace personnel ouvert' : 'Espace personnel déjà ouvert'}
          live="polite"
        >
          <p>
            {done.linkSent
              ? `Un lien de connexion part à ${done.email}.`
              : 'Aucun e-mail : la personne se connecte avec un code reçu par SMS.'}
            {done.smsPossible ? ' Elle peut aussi demander un code par SMS sur son portable.' : ''}
          </p>
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate>
        <FormAlert
          title="L’espace n’a pas été ouvert"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextField
          label="Adresse e-mail de la personne"
          optional
          type="email"
          name="email"
          autoComplete="off"
          hint="Laissez vide pour utiliser l’e-mail du foyer, ou le portable seul s’il n’y en a pas."
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
        />
        <div className="form-actions">
          <Button type="submit" pending={open.isPending}>
            Ouvrir l’espace et envoyer le lien
          </Button>
        </div>
      </form>
    </Section>
  );
}
