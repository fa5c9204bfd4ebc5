import {
  type Account,
  accountCreateSchema,
  accountUpdateSchema,
  type Role,
  roleLabels,
  roleScopeKind,
  roles,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { apiFetch, errorMessage, isApiError } from '../../lib/api';
import { formatDateTime, isRole } from '../../lib/format';
import {
  errorsFromApi,
  type FieldErrors,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
  validate,
} from '../../lib/forms';
import {
  Button,
  ConfirmDialog,
  ConflictAlert,
  EmptyState,
  ErrorState,
  FormAlert,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  TextField,
} from '../../ui';
import { useActor } from '../auth/session';
import { useHubs, useStructures } from '../territory/api';
import { AccountStatus } from './AccountsPage';
import { structureGroups } from './accountHelpers';
import { adminKeys, useAccount } from './api';

const backLink = (
  <p className="back-link">
    <Link to="/administration/comptes">
      <span aria-hidden="true">← </span>Retour à la liste des comptes
    </Link>
  </p>
);

export function CreateAccountPage() {
  const navigate = useNavigate();
  return (
    <>
      {backLink}
      <PageHeader
        title="Créer un compte"
        description={
          <p>Les bénéficiaires n’ont pas de compte créé ici : leur espace est ouvert depuis leur dossier.</p>
        }
      />
      <AccountForm
        account={null}
        version={null}
        onSaved={(account, hasPassword) =>
          void navigate('/administration/comptes', {
            state: {
              message: hasPassword
                ? `Le compte de ${account.displayName} a été créé.`
                : `Le compte de ${account.displayName} a été créé. Pour qu’il choisisse son mot de passe, ouvrez son compte et envoyez-lui un lien de réinitialisation (inutile s’il se connecte avec son compte professionnel).`,
            },
          })
        }
      />
    </>
  );
}

export function EditAccountPage() {
  const { id } = useParams();
  const accounts = useAccount(id ?? '');
  const account = accounts.data ?? null;
  return (
    <>
      {backLink}
      {accounts.isPending ? (
        <>
          <PageHeader title="Compte" />
          <Loading label="Chargement du compte…" />
        </>
      ) : accounts.isError && !(isApiError(accounts.error) && accounts.error.status === 404) ? (
        <>
          <PageHeader title="Compte" />
          <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
        </>
      ) : !account ? (
        <>
          <PageHeader title="Compte introuvable" />
          <EmptyState title="Ce compte n’existe pas ou n’est plus accessible.">
            <p>
              <Link to="/administration/comptes">Retour à la liste des comptes</Link>
            </p>
          </EmptyState>
        </>
      ) : (
        <EditAccount key={account.id} account={account} refetch={() => accounts.refetch()} />
      )}
    </>
  );
}

function EditAccount({ account, refetch }: { account: Account; refetch: () => Promise<unknown> }) {
  const [version, setVersion] = useState(account.version);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title={`Compte de ${account.displayName}`} />
      <dl className="summary-list">
        <div>
          <dt>Adresse e-mail</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>État</dt>
          <dd>
            <AccountStatus account={account} />
          </dd>
        </div>
        <div>
          <dt>Dernière connexion</dt>
          <dd>{formatDateTime(account.lastLoginAt)}</dd>
        </div>
        <div>
          <dt>Moyens de connexion</dt>
          <dd>
            {[
              account.hasPassword ? 'mot de passe' : null,
              account.oidcLinked ? 'compte professionnel (fournisseur d’identité)' : null,
            ]
              .filter(Boolean)
              .join(', ') || 'aucun pour l’instant (envoyez un lien de réinitialisation)'}
          </dd>
        </div>
      </dl>

      <section className="section" aria-labelledby="informations">
        <h2 id="informations">Rôle et périmètre</h2>
        <LiveMessage>{saved ? 'Les modifications du compte ont été enregistrées.' : null}</LiveMessage>
        <AccountForm
          account={account}
          version={version}
          onSaved={(updated) => {
            setVersion(updated.version);
            setSaved(true);
          }}
          onReload={async () => {
            setSaved(false);
            const result = (await refetch()) as { data?: Account[] };
            const fresh = result.data?.find((a) => a.id === account.id);
            if (fresh) setVersion(fresh.version);
          }}
        />
      </section>

      <AccountActions account={account} version={version} onVersion={setVersion} />
    </>
  );
}

interface FormValues {
  email: string;
  displayName: string;
  role: Role | '';
  hubId: string;
  structureId: string;
  password: string;
}

const accountFields = ['email', 'displayName', 'role', 'hubId', 'structureId', 'password'] as const;

function AccountForm({
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
  const hubs = useHubs();
  const structures = useStructures({});
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
  const availableRoles = roles.filter((role) => role !== 'beneficiary' || account?.role === 'beneficiary');

  const save = useMutation({
    mutationFn: (body: unknown) =>
      account
        ? apiFetch<Account>(`/api/admin/accounts/${account.id}`, { method: 'PUT', body })
        : apiFetch<Account>('/api/admin/accounts', { method: 'POST', body }),
    onSuccess: async (result) => {
      setReloaded(false);
      await queryClient.invalidateQueries({ queryKey: adminKeys.accountsAll });
      await queryClient.invalidateQueries({ queryKey: ['territory', 'structures'] });
      onSaved(result, values.password !== '');
    },
    onError: (error) => {
      setReloaded(false);
      if (!isApiError(error, 'CONFLICT')) {
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
    const result = account
      ? validate(accountUpdateSchema, {
          displayName: values.displayName,
          ...scoped,
          active: account.active,
          version: version ?? account.version,
        })
      : validate(accountCreateSchema, {
          email: values.email,
          displayName: values.displayName,
          ...scoped,
          password: values.password === '' ? null : values.password,
        });
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

  const conflict = isApiError(save.error, 'CONFLICT');

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
      {conflict || reloaded ? (
        <ConflictAlert onReload={() => void reload()} reloading={reloading} reloaded={reloaded} />
      ) : null}
      <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
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
        <SelectField
          label="Rôle"
          name="role"
          value={values.role}
          onChange={(value) => set('role', isRole(value) ? value : '')}
          placeholder="Choisir un rôle"
          options={availableRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
          hint="Le rôle détermine ce que la personne peut faire et son périmètre (pôle d’insertion ou structure)."
          error={errors.fields.role}
        />
        {scope === 'hub' ? (
          <SelectField
            label="Pôle d’insertion"
            name="hubId"
            value={values.hubId}
            onChange={(value) => set('hubId', value)}
            placeholder={hubs.isPending ? 'Chargement des pôles…' : 'Choisir un pôle'}
            options={(hubs.data ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            error={errors.fields.hubId ?? (hubs.isError ? errorMessage(hubs.error) : undefined)}
          />
        ) : null}
        {scope === 'structure' ? (
          <SelectField
            label="Structure"
            name="structureId"
            value={values.structureId}
            onChange={(value) => set('structureId', value)}
            placeholder={structures.isPending ? 'Chargement des structures…' : 'Choisir une structure'}
            groups={structureGroups(structures.data ?? [], account?.structureId ?? null)}
            error={
              errors.fields.structureId ?? (structures.isError ? errorMessage(structures.error) : undefined)
            }
          />
        ) : null}
        {scope === 'department' ? (
          <p className="muted form-grid__wide">
            Ce rôle couvre tout le département : aucun rattachement à choisir.
          </p>
        ) : null}
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

type PendingAction = 'reset' | 'revoke' | 'deactivate' | null;

function AccountActions({
  account,
  version,
  onVersion,
}: {
  account: Account;
  version: number;
  onVersion: (version: number) => void;
}) {
  const actor = useActor();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<PendingAction>(null);
  const [message, setMessage] = useState<string | null>(null);
  const self = actor.accountId === account.id;

  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.accountsAll });

  const unlock = useMutation({
    mutationFn: () => apiFetch<Account>(`/api/admin/accounts/${account.id}/unlock`, { method: 'POST' }),
    onSuccess: async (updated) => {
      onVersion(updated.version);
      setMessage('Les échecs de connexion récents sont effacés : ses essais ne sont plus retardés.');
      await refresh();
    },
  });
  const sendReset = useMutation({
    mutationFn: () => apiFetch<void>(`/api/admin/accounts/${account.id}/send-reset`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(null);
      setMessage(`Un lien de réinitialisation du mot de passe a été envoyé à ${account.email}.`);
    },
  });
  const revoke = useMutation({
    mutationFn: () => apiFetch<void>(`/api/admin/accounts/${account.id}/revoke-sessions`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(null);
      setMessage('Toutes les sessions ouvertes de ce compte ont été fermées.');
    },
  });
  const setActive = useMutation({
    mutationFn: (active: boolean) =>
      apiFetch<Account>(`/api/admin/accounts/${account.id}`, {
        method: 'PUT',
        body: {
          displayName: account.displayName,
          role: account.role,
          hubId: account.hubId,
          structureId: account.structureId,
          active,
          version,
        },
      }),
    onSuccess: async (updated) => {
      onVersion(updated.version);
      setConfirming(null);
      setMessage(
        updated.active
          ? 'Le compte est réactivé.'
          : 'Le compte est désactivé : la personne ne peut plus se connecter.',
      );
      await refresh();
    },
  });

  const directError = unlock.isError
    ? errorMessage(unlock.error)
    : setActive.isError && confirming === null
      ? errorMessage(setActive.error)
      : null;

  function open(action: PendingAction) {
    setMessage(null);
    sendReset.reset();
    revoke.reset();
    setActive.reset();
    unlock.reset();
    setConfirming(action);
  }

  return (
    <section className="section" aria-labelledby="actions">
      <h2 id="actions">Accès au compte</h2>
      <LiveMessage>{message}</LiveMessage>
      {directError ? (
        <p className="field__error" role="alert">
          {directError}
        </p>
      ) : null}
      <ul className="action-list">
        <li>
          <Button variant="secondary" pending={unlock.isPending} onClick={() => unlock.mutate()}>
            Lever le ralentissement des connexions
          </Button>
          <span className="muted">
            Efface ses échecs de connexion récents : ses prochains essais ne sont plus retardés.
          </span>
        </li>
        <li>
          <Button variant="secondary" onClick={() => open('reset')} disabled={!account.active}>
            Envoyer un lien de réinitialisation
          </Button>
          <span className="muted">La personne reçoit un e-mail pour choisir un nouveau mot de passe.</span>
        </li>
        <li>
          <Button variant="secondary" onClick={() => open('revoke')}>
            Fermer toutes ses sessions
          </Button>
          <span className="muted">Utile en cas de perte d’un appareil ou de départ de la personne.</span>
        </li>
        <li>
          {account.active ? (
            <Button variant="danger" onClick={() => open('deactivate')} disabled={self}>
              Désactiver le compte
            </Button>
          ) : (
            <Button variant="secondary" pending={setActive.isPending} onClick={() => setActive.mutate(true)}>
              Réactiver le compte
            </Button>
          )}
          <span className="muted">
            {self
              ? 'Vous ne pouvez pas désactiver votre propre compte.'
              : account.active
                ? 'La personne ne pourra plus se connecter ; son historique est conservé.'
                : 'La personne pourra de nouveau se connecter.'}
          </span>
        </li>
      </ul>

      <ConfirmDialog
        open={confirming === 'reset'}
        title="Envoyer un lien de réinitialisation ?"
        confirmLabel="Envoyer le lien"
        pending={sendReset.isPending}
        error={sendReset.isError ? errorMessage(sendReset.error) : null}
        onConfirm={() => sendReset.mutate()}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Un e-mail sera envoyé à <strong>{account.email}</strong> avec un lien pour choisir un nouveau mot de
          passe.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'revoke'}
        title="Fermer toutes les sessions de ce compte ?"
        confirmLabel="Fermer les sessions"
        danger
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(null)}
      >
        <p>{account.displayName} sera déconnecté(e) de tous ses appareils et devra se reconnecter.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'deactivate'}
        title="Désactiver ce compte ?"
        confirmLabel="Désactiver"
        danger
        pending={setActive.isPending}
        error={
          setActive.isError
            ? isApiError(setActive.error, 'CONFLICT')
              ? 'Ce compte vient d’être modifié par quelqu’un d’autre. Rechargez la page, puis recommencez.'
              : errorMessage(setActive.error)
            : null
        }
        onConfirm={() => setActive.mutate(false)}
        onCancel={() => setConfirming(null)}
      >
        <p>
          {account.displayName} ne pourra plus se connecter à Parcours. Son historique est conservé et le
          compte pourra être réactivé.
        </p>
      </ConfirmDialog>
    </section>
  );
}
