import {
  type Account,
  type AccountCreate,
  type AccountUpdate,
  accountCreateSchema,
  accountUpdateSchema,
  api,
  roleScopeKind,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../lib/client';
import {
  errorsFromApi,
  type FieldErrors,
  type FormErrorState,
  focusFirstInvalid,
  isVersionConflict,
  noErrors,
  type Validation,
  validate,
} from '../../lib/forms';
import { Button, ConflictAlert, FormAlert, TextField } from '../../ui';
import { AccountScopeFields, type ScopeValues } from './AccountScopeFields';
import { adminKeys } from './api';

interface FormValues extends ScopeValues {
  email: string;
  displayName: string;
  password: string;
}

const accountFields = ['email', 'displayName', 'role', 'hubId', 'structureId', 'password'] as const;

/** What a save sends: a new account, or the new state of an existing one. */
type Save = { create: AccountCreate } | { id: string; update: AccountUpdate };

const mapData = <T, U>(v: Validation<T>, f: (data: T) => U): Validation<U> =>
  v.ok ? { ok: true, data: f(v.data) } : v;

/** Creates an account (`account` null) or edits its name, role and scope. */
export function AccountForm({
  account,
  version,
  onSaved,
  onReload,
}: {
  account: Account | null;
  version: number | null;
  onSaved: (account: Account, hasPassword: boolean) => void;
  onReload?: () => Promise<void>;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>({
    email: account?.email ?? '',
    displayName: account?.displayName ?? '',
    role: account?.role ?? '',
    hubId: account?.hubId ?? '',
    structureId: account?.structureId ?? '',
    password: '',
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const scope = values.role ? roleScopeKind[values.role] : null;

  const save = useMutation({
    mutationFn: (input: Save) =>
      'update' in input
        ? call(api.access.updateAccount, { params: { id: input.id }, body: input.update })
        : call(api.access.createAccount, { body: input.create }),
    onSuccess: async (result) => {
      setReloaded(false);
      await queryClient.invalidateQueries({ queryKey: adminKeys.accountsAll });
      await queryClient.invalidateQueries({ queryKey: ['territory', 'structures'] });
      onSaved(result, values.password !== '');
    },
    onError: (error) => {
      setReloaded(false);
      if (!isVersionConflict(error)) {
        setErrors(errorsFromApi(error, accountFields));
        focusFirstInvalid(formRef.current);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const scoped = {
      role: values.role || undefined,
      hubId: scope === 'hub' ? values.hubId || null : null,
      structureId: scope === 'structure' ? values.structureId || null : null,
    };
    const result: Validation<Save> = account
      ? mapData(
          validate(accountUpdateSchema, {
            displayName: values.displayName,
            ...scoped,
            active: account.active,
            version: version ?? account.version,
          }),
          (update) => ({ id: account.id, update }),
        )
      : mapData(
          validate(accountCreateSchema, {
            email: values.email,
            displayName: values.displayName,
            ...scoped,
            password: values.password === '' ? null : values.password,
          }),
          (create) => ({ create }),
        );
    const fields: FieldErrors = result.ok ? {} : { ...result.errors.fields };
    if (!values.role) fields.role = 'Choisissez un rôle.';
    else if (fields.role) fields.role = 'Rôle inconnu.';
    if (scope === 'hub' && !values.hubId)
      fields.hubId = 'Ce rôle est rattaché à un pôle d’insertion : choisissez-le.';
    if (scope === 'structure' && !values.structureId)
      fields.structureId = 'Ce rôle est rattaché à une structure : choisissez-la.';
    if (!result.ok || Object.keys(fields).length > 0) {
      setErrors({ message: null, fields });
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    save.mutate(result.data);
  }

  async function reload() {
    if (!onReload) return;
    setReloading(true);
    try {
      await onReload();
      setReloaded(true);
      save.reset();
    } finally {
      setReloading(false);
    }
  }

  const conflict = isVersionConflict(save.error);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
      {conflict || reloaded ? (
        <ConflictAlert onReload={() => void reload()} reloading={reloading} reloaded={reloaded} />
      ) : null}
      <FormAlert
        title={account ? 'Le compte n’a pas été modifié' : 'Le compte n’a pas été créé'}
        message={errors.message}
        fieldCount={Object.keys(errors.fields).length}
      />
      <div className="form-grid">
        <TextField
          label="Nom et prénom"
          name="displayName"
          autoComplete="off"
          value={values.displayName}
          onChange={(value) => set('displayName', value)}
          error={errors.fields.displayName}
          maxLength={120}
        />
        {account ? null : (
          <TextField
            label="Adresse e-mail"
            type="email"
            name="email"
            autoComplete="off"
            spellCheck={false}
            hint="Adresse professionnelle : elle sert d’identifiant de connexion."
            value={values.email}
            onChange={(value) => set('email', value)}
            error={errors.fields.email}
          />
        )}
        <AccountScopeFields
          values={values}
          onChange={(key, value) => setValues((current) => ({ ...current, [key]: value }))}
          errors={errors.fields}
          currentRole={account?.role ?? null}
          currentStructureId={account?.structureId ?? null}
        />
        {account ? null : (
          <TextField
            label="Mot de passe initial"
            optional
            type="password"
            name="password"
            autoComplete="new-password"
            hint="Au moins 12 caractères. Laissez vide si la personne se connecte avec son compte professionnel, ou pour lui envoyer ensuite un lien de réinitialisation."
            value={values.password}
            onChange={(value) => set('password', value)}
            error={errors.fields.password}
          />
        )}
      </div>
      <div className="form-actions">
        <Button type="submit" pending={save.isPending}>
          {account ? 'Enregistrer les modifications' : 'Créer le compte'}
        </Button>
        {account ? null : (
          <Link to="/administration/comptes" className="button button--secondary">
            Annuler
          </Link>
        )}
      </div>
    </form>
  );
}
