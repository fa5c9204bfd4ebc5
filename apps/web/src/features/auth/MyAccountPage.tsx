import { type Actor, api, passwordChangeSchema, roleLabels, roleScopeKind } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import {
  errorsFromApi,
  type FieldErrors,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
  validate,
} from '../../lib/forms';
import { Alert, Button, ConfirmDialog, FormAlert, PageHeader, TextField } from '../../ui';
import { AlertDigestSection } from '../portfolio/AlertDigestSection';
import { passwordHint } from './ResetPasswordPage';
import { logout, useActor } from './session';

export function scopeLabel(actor: Pick<Actor, 'role' | 'hubName' | 'structureName'>): string {
  switch (roleScopeKind[actor.role]) {
    case 'hub':
      return actor.hubName ? `Pôle d’insertion ${actor.hubName}` : 'Pôle d’insertion non renseigné';
    case 'structure':
      return actor.structureName ?? 'Structure non renseignée';
    case 'person':
      return 'Votre dossier personnel';
    default:
      return 'Tout le département';
  }
}

export function MyAccountPage() {
  const actor = useActor();
  return (
    <>
      <PageHeader title="Mon compte" />
      <section className="section" aria-labelledby="identite">
        <h2 id="identite">Identité et droits</h2>
        <dl className="summary-list">
          <div>
            <dt>Nom</dt>
            <dd>{actor.displayName}</dd>
          </div>
          <div>
            <dt>Adresse e-mail</dt>
            <dd>{actor.email}</dd>
          </div>
          <div>
            <dt>Rôle</dt>
            <dd>{roleLabels[actor.role]}</dd>
          </div>
          <div>
            <dt>Périmètre</dt>
            <dd>{scopeLabel(actor)}</dd>
          </div>
        </dl>
        <p className="muted">
          Pour modifier votre nom, votre rôle ou votre périmètre, adressez-vous à l’administrateur de
          Parcours.
        </p>
      </section>
      {actor.permissions.includes('alerts.read') && actor.role !== 'administrator' ? (
        <AlertDigestSection />
      ) : null}
      <ChangePasswordSection />
      <LogoutEverywhereSection />
    </>
  );
}

const passwordFields = ['currentPassword', 'newPassword', 'confirmation'] as const;

function ChangePasswordSection() {
  const formRef = useRef<HTMLFormElement>(null);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrorState>(noErrors);

  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call(api.access.changePassword, { body }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
    },
    onError: (error) => {
      setErrors(errorsFromApi(error, passwordFields));
      focusFirstInvalid(formRef.current);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.reset();
    const result = validate(passwordChangeSchema, { currentPassword, newPassword });
    const fields: FieldErrors = result.ok ? {} : { ...result.errors.fields };
    if (confirmation !== newPassword)
      fields.confirmation = 'Les deux nouveaux mots de passe ne sont pas identiques.';
    if (!result.ok || Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    change.mutate(result.data);
  }

  return (
    <section className="section" aria-labelledby="mot-de-passe">
      <h2 id="mot-de-passe">Changer de mot de passe</h2>
      <p className="muted">
        Si vous vous connectez avec votre compte professionnel (fournisseur d’identité), votre mot de passe se
        gère auprès de celui-ci.
      </p>
      {change.isSuccess ? (
        <Alert tone="success" title="Mot de passe modifié">
          <p>Votre nouveau mot de passe est enregistré.</p>
        </Alert>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
        <FormAlert
          title="Le mot de passe n’a pas été changé"
          message={errors.message}
          fieldCount={Object.keys(errors.fields).length}
        />
        <TextField
          label="Mot de passe actuel"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={errors.fields.currentPassword}
        />
        <TextField
          label="Nouveau mot de passe"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint={passwordHint}
          value={newPassword}
          onChange={setNewPassword}
          error={errors.fields.newPassword}
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
          <Button type="submit" pending={change.isPending}>
            Modifier le mot de passe
          </Button>
        </div>
      </form>
    </section>
  );
}

function LogoutEverywhereSection() {
  const [open, setOpen] = useState(false);
  const logoutAll = useMutation({ mutationFn: () => logout('all') });
  return (
    <section className="section" aria-labelledby="appareils">
      <h2 id="appareils">Sessions ouvertes</h2>
      <p>
        Vous avez utilisé Parcours sur un poste partagé ou perdu un appareil ? Fermez toutes vos sessions, y
        compris celle-ci : il faudra vous reconnecter partout.
      </p>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Se déconnecter de tous les appareils
      </Button>
      <ConfirmDialog
        open={open}
        title="Fermer toutes vos sessions ?"
        confirmLabel="Confirmer la déconnexion"
        danger
        pending={logoutAll.isPending}
        error={logoutAll.isError ? errorMessage(logoutAll.error) : null}
        onConfirm={() => logoutAll.mutate()}
        onCancel={() => {
          setOpen(false);
          logoutAll.reset();
        }}
      >
        <p>
          Toutes vos sessions Parcours, sur tous vos appareils, seront fermées. Vous devrez vous reconnecter.
        </p>
      </ConfirmDialog>
    </section>
  );
}
