import { type Account, type Role, roleLabels, roles } from '@parcours/contracts';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, isInFuture, isRole, plural } from '../../lib/format';
import {
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  FilterForm,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
  TextField,
  VisuallyHidden,
} from '../../ui';
import { useHubs, useStructures } from '../territory/api';
import { accountScope, structureGroups } from './accountHelpers';
import { type AccountFilters, useAccounts } from './api';

export const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

export function AccountStatus({ account }: { account: Account }) {
  if (!account.active) return <Badge>Désactivé</Badge>;
  if (isInFuture(account.lockedUntil)) {
    return <Badge tone="danger">Verrouillé jusqu’au {formatDateTime(account.lockedUntil)}</Badge>;
  }
  return <Badge tone="success">Actif</Badge>;
}

export function AccountsPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [message] = useState<string | null>(() => {
    const state = location.state as { message?: unknown } | null;
    return typeof state?.message === 'string' ? state.message : null;
  });

  // The confirmation is shown once: forget it in the history entry.
  useEffect(() => {
    if (location.state)
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location.state, location.pathname, location.search, navigate]);

  const roleParam = params.get('role');
  const filters: AccountFilters = {
    q: params.get('q') || undefined,
    role: isRole(roleParam) ? roleParam : undefined,
    hubId: params.get('hubId') || undefined,
    structureId: params.get('structureId') || undefined,
  };
  const accounts = useAccounts(filters);
  const hubs = useHubs();
  const structures = useStructures({});
  const filtered = Object.values(filters).some(Boolean);

  const columns: Column<Account>[] = [
    { key: 'name', header: 'Nom', rowHeader: true, render: (a) => a.displayName },
    { key: 'email', header: 'Adresse e-mail', render: (a) => <span className="break">{a.email}</span> },
    { key: 'role', header: 'Rôle', render: (a) => roleLabels[a.role] },
    { key: 'scope', header: 'Périmètre', render: (a) => accountScope(a) },
    { key: 'status', header: 'État', render: (a) => <AccountStatus account={a} /> },
    { key: 'last', header: 'Dernière connexion', nowrap: true, render: (a) => formatDateTime(a.lastLoginAt) },
    {
      key: 'actions',
      header: 'Actions',
      render: (a) => (
        <Link to={`/administration/comptes/${a.id}`} className="button button--secondary button--sm">
          Modifier<VisuallyHidden> le compte de {a.displayName}</VisuallyHidden>
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Comptes"
        description={<p>Comptes des agents du département et des partenaires : rôle, périmètre et accès.</p>}
        actions={
          <Button onClick={() => void navigate('/administration/comptes/nouveau')}>Créer un compte</Button>
        }
      />
      <LiveMessage>{message}</LiveMessage>
      <AccountFiltersForm
        key={params.toString()}
        filters={filters}
        hubs={(hubs.data ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
        structureGroups={structureGroups(structures.data ?? [], null, true)}
        onApply={(values) => {
          const next = new URLSearchParams();
          for (const [key, value] of Object.entries(values)) if (value.trim()) next.set(key, value.trim());
          setParams(next);
        }}
      />
      {accounts.isPending ? (
        <Loading label="Chargement des comptes…" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <EmptyState
          title={filtered ? 'Aucun compte ne correspond à ces critères.' : 'Aucun compte pour le moment.'}
        >
          {filtered ? <p>Modifiez ou réinitialisez les filtres.</p> : null}
        </EmptyState>
      ) : (
        <Table
          caption={`Comptes : ${plural(accounts.data.length, 'résultat', 'résultats')}`}
          columns={columns}
          rows={accounts.data}
          rowKey={(a) => a.id}
          rowClassName={(a) => (a.active ? undefined : 'row--muted')}
        />
      )}
    </>
  );
}

interface FilterValues {
  q: string;
  role: string;
  hubId: string;
  structureId: string;
}

function AccountFiltersForm({
  filters,
  hubs,
  structureGroups: groups,
  onApply,
}: {
  filters: AccountFilters;
  hubs: { value: string; label: string }[];
  structureGroups: ReturnType<typeof structureGroups>;
  onApply: (values: FilterValues) => void;
}) {
  const [values, setValues] = useState<FilterValues>({
    q: filters.q ?? '',
    role: filters.role ?? '',
    hubId: filters.hubId ?? '',
    structureId: filters.structureId ?? '',
  });
  const active = Object.values(filters).some(Boolean);
  return (
    <FilterForm
      label="Filtres"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <TextField
        label="Nom ou e-mail"
        type="search"
        value={values.q}
        onChange={(q) => setValues({ ...values, q })}
        required={false}
      />
      <SelectField
        label="Filtrer par rôle"
        value={values.role}
        onChange={(role) => setValues({ ...values, role: role as Role | '' })}
        required={false}
        placeholder="Tous les rôles"
        options={roleOptions}
      />
      <SelectField
        label="Filtrer par pôle"
        value={values.hubId}
        onChange={(hubId) => setValues({ ...values, hubId })}
        required={false}
        placeholder="Tous les pôles"
        options={hubs}
      />
      <SelectField
        label="Filtrer par structure"
        value={values.structureId}
        onChange={(structureId) => setValues({ ...values, structureId })}
        required={false}
        placeholder="Toutes les structures"
        groups={groups}
      />
      <div className="filters__actions">
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
        {active ? (
          <Button variant="tertiary" onClick={() => onApply({ q: '', role: '', hubId: '', structureId: '' })}>
            Réinitialiser les filtres
          </Button>
        ) : null}
      </div>
    </FilterForm>
  );
}
