import {
  api,
  type Commune,
  type Hub,
  type Structure,
  type StructureInput,
  type StructureKind,
  structureInputSchema,
  structureKindLabels,
  structureKinds,
  structureUpdateSchema,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { plural } from '../../lib/format';
import {
  emptyToNull,
  errorsFromApi,
  type FormErrorState,
  focusFirstInvalid,
  noErrors,
  validate,
} from '../../lib/forms';
import {
  Badge,
  Button,
  Checkbox,
  type Column,
  ConflictAlert,
  Dialog,
  EmptyState,
  ErrorState,
  FilterForm,
  FormAlert,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
  TextField,
  VisuallyHidden,
} from '../../ui';
import { useCan } from '../auth/session';
import { territoryKeys, useCommunes, useHubs, useStructures } from './api';

const kindOptions = structureKinds.map((kind) => ({ value: kind, label: structureKindLabels[kind] }));

function isKind(value: string | null): value is StructureKind {
  return !!value && (structureKinds as readonly string[]).includes(value);
}

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function StructuresPage() {
  const canManage = useCan('territory.manage');
  const canSeeAccounts = useCan('accounts.manage');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const hubs = useHubs();
  const communes = useCommunes({});

  const typeParam = params.get('type');
  const kind = isKind(typeParam) ? typeParam : undefined;
  const hubId = params.get('pole') ?? undefined;
  const q = params.get('q') ?? undefined;
  const structures = useStructures({ kind, hubId, q });

  const communeNames = new Map((communes.data ?? []).map((c) => [c.inseeCode, c.name]));

  const columns: Column<Structure>[] = [
    { key: 'name', header: 'Nom', rowHeader: true, render: (s) => s.name },
    { key: 'kind', header: 'Type', render: (s) => structureKindLabels[s.kind] },
    { key: 'hub', header: 'Pôle d’insertion', render: (s) => s.hubName ?? '—' },
    {
      key: 'commune',
      header: 'Commune',
      render: (s) => (s.communeCode ? (communeNames.get(s.communeCode) ?? s.communeCode) : '—'),
    },
    {
      key: 'contact',
      header: 'Coordonnées',
      render: (s) =>
        s.address || s.email || s.phone ? (
          <ul className="plain-list">
            {s.address ? <li>{s.address}</li> : null}
            {s.email ? <li>{s.email}</li> : null}
            {s.phone ? <li>{s.phone}</li> : null}
          </ul>
        ) : (
          '—'
        ),
    },
    {
      key: 'agents',
      header: 'Agents',
      render: (s) =>
        canSeeAccounts ? (
          <Link to={`/administration/comptes?structureId=${encodeURIComponent(s.id)}`}>
            {plural(s.agentCount, 'agent', 'agents')}
            <VisuallyHidden> de {s.name}</VisuallyHidden>
          </Link>
        ) : (
          plural(s.agentCount, 'agent', 'agents')
        ),
    },
    {
      key: 'state',
      header: 'État',
      render: (s) => (s.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      render: (s) => (
        <Button variant="secondary" size="sm" onClick={() => setEditing({ mode: 'edit', id: s.id })}>
          Modifier<VisuallyHidden> {s.name}</VisuallyHidden>
        </Button>
      ),
    });
  }

  const editedStructure =
    editing?.mode === 'edit' ? (structures.data?.find((s) => s.id === editing.id) ?? null) : null;

  return (
    <>
      <PageHeader
        title="Structures"
        description={
          <p>
            Répertoire des structures du département : MDS, CCAS, lieux d’accueil, PLIE, missions locales,
            agences France Travail, opérateurs d’actions…
          </p>
        }
        actions={
          canManage ? (
            <Button
              onClick={() => {
                setMessage(null);
                setEditing({ mode: 'create' });
              }}
            >
              Créer une structure
            </Button>
          ) : null
        }
      />
      <StructureFilters
        key={params.toString()}
        hubs={hubs.data ?? []}
        kind={kind ?? ''}
        hubId={hubId ?? ''}
        q={q ?? ''}
        onApply={(values) => {
          const next = new URLSearchParams();
          if (values.kind) next.set('type', values.kind);
          if (values.hubId) next.set('pole', values.hubId);
          if (values.q.trim()) next.set('q', values.q.trim());
          setParams(next);
        }}
      />
      <LiveMessage>{message}</LiveMessage>
      {structures.isPending ? (
        <Loading label="Chargement des structures…" />
      ) : structures.isError ? (
        <ErrorState error={structures.error} onRetry={() => structures.refetch()} />
      ) : structures.data.length === 0 ? (
        <EmptyState title="Aucune structure ne correspond à ces critères.">
          {params.toString() ? <p>Modifiez ou réinitialisez les filtres.</p> : null}
        </EmptyState>
      ) : (
        <Table
          caption={`Structures : ${plural(structures.data.length, 'résultat', 'résultats')}`}
          columns={columns}
          rows={structures.data}
          rowKey={(s) => s.id}
          rowClassName={(s) => (s.active ? undefined : 'row--muted')}
        />
      )}

      {editing?.mode === 'create' || editedStructure ? (
        <StructureDialog
          structure={editedStructure}
          hubs={hubs.data ?? []}
          communes={communes.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            setEditing(null);
            setMessage(
              created
                ? `La structure « ${saved.name} » a été créée.`
                : `La structure « ${saved.name} » a été modifiée.`,
            );
          }}
        />
      ) : null}
    </>
  );
}

function StructureFilters({
  hubs,
  kind,
  hubId,
  q,
  onApply,
}: {
  hubs: Hub[];
  kind: string;
  hubId: string;
  q: string;
  onApply: (values: { kind: string; hubId: string; q: string }) => void;
}) {
  const [values, setValues] = useState({ kind, hubId, q });
  const filtered = kind || hubId || q;
  return (
    <FilterForm
      label="Filtres"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <SelectField
        label="Filtrer par type"
        value={values.kind}
        onChange={(value) => setValues({ ...values, kind: value })}
        required={false}
        placeholder="Tous les types"
        options={kindOptions}
      />
      <SelectField
        label="Filtrer par pôle"
        value={values.hubId}
        onChange={(value) => setValues({ ...values, hubId: value })}
        required={false}
        placeholder="Tous les pôles"
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
      />
      <TextField
        label="Rechercher par nom"
        type="search"
        value={values.q}
        onChange={(value) => setValues({ ...values, q: value })}
        required={false}
      />
      <div className="filters__actions">
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
        {filtered ? (
          <Button variant="tertiary" onClick={() => onApply({ kind: '', hubId: '', q: '' })}>
            Réinitialiser les filtres
          </Button>
        ) : null}
      </div>
    </FilterForm>
  );
}

const structureFields = [
  'kind',
  'name',
  'hubId',
  'communeCode',
  'address',
  'email',
  'phone',
  'active',
] as const;

function StructureDialog({
  structure,
  hubs,
  communes,
  onClose,
  onSaved,
}: {
  structure: Structure | null;
  hubs: Hub[];
  communes: Commune[];
  onClose: () => void;
  onSaved: (structure: Structure, created: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({
    kind: structure?.kind ?? '',
    name: structure?.name ?? '',
    hubId: structure?.hubId ?? '',
    communeCode: structure?.communeCode ?? '',
    address: structure?.address ?? '',
    email: structure?.email ?? '',
    phone: structure?.phone ?? '',
    active: structure?.active ?? true,
  });
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: (body: StructureInput & { version?: number }) =>
      structure
        ? call(api.territory.updateStructure, {
            params: { id: structure.id },
            body: { ...body, version: body.version ?? structure.version },
          })
        : call(api.territory.createStructure, { body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
      onSaved(saved, !structure);
    },
    onError: (error) => {
      setReloaded(false);
      if (!isApiError(error, 'CONFLICT')) {
        setErrors(errorsFromApi(error, structureFields));
        focusFirstInvalid(formRef.current);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      kind: values.kind || undefined,
      name: values.name,
      hubId: values.hubId || null,
      communeCode: values.communeCode || null,
      address: emptyToNull(values.address),
      email: emptyToNull(values.email),
      phone: emptyToNull(values.phone),
      active: values.active,
    };
    const result = structure
      ? validate(structureUpdateSchema, { ...input, version: structure.version })
      : validate(structureInputSchema, input);
    if (!result.ok) {
      if (!values.kind) result.errors.fields.kind = 'Choisissez le type de structure.';
      setErrors(result.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    save.mutate(result.data);
  }

  async function reload() {
    setReloading(true);
    await queryClient.refetchQueries({ queryKey: ['territory', 'structures'] });
    setReloading(false);
    setReloaded(true);
    save.reset();
  }

  const conflict = isApiError(save.error, 'CONFLICT');

  return (
    <Dialog
      open
      size="lg"
      title={structure ? `Modifier la structure ${structure.name}` : 'Créer une structure'}
      onClose={onClose}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <p className="form-note">Les champs sans mention « facultatif » sont obligatoires.</p>
        {conflict || reloaded ? (
          <ConflictAlert onReload={() => void reload()} reloading={reloading} reloaded={reloaded} />
        ) : null}
        <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
        <div className="form-grid">
          <SelectField
            label="Type de structure"
            value={values.kind}
            onChange={(value) => set('kind', value)}
            placeholder="Choisir un type"
            options={kindOptions}
            error={errors.fields.kind}
          />
          <TextField
            label="Nom de la structure"
            value={values.name}
            onChange={(value) => set('name', value)}
            error={errors.fields.name}
            maxLength={200}
          />
          <SelectField
            label="Pôle d’insertion"
            optional
            value={values.hubId}
            onChange={(value) => set('hubId', value)}
            placeholder="Aucun pôle"
            options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
            error={errors.fields.hubId}
          />
          <SelectField
            label="Commune"
            optional
            value={values.communeCode}
            onChange={(value) => set('communeCode', value)}
            placeholder="Non renseignée"
            options={communes.map((c) => ({ value: c.inseeCode, label: `${c.name} (${c.inseeCode})` }))}
            error={errors.fields.communeCode}
          />
          <TextField
            label="Adresse postale"
            optional
            autoComplete="off"
            value={values.address}
            onChange={(value) => set('address', value)}
            error={errors.fields.address}
            maxLength={300}
            className="form-grid__wide"
          />
          <TextField
            label="E-mail de contact"
            optional
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(value) => set('email', value)}
            error={errors.fields.email}
          />
          <TextField
            label="Téléphone"
            optional
            type="tel"
            autoComplete="off"
            hint="Par exemple : 04 13 31 13 13"
            value={values.phone}
            onChange={(value) => set('phone', value)}
            error={errors.fields.phone}
          />
        </div>
        <Checkbox
          label="Structure active"
          hint="Une structure inactive n’est plus proposée lors de la création des comptes."
          checked={values.active}
          onChange={(checked) => set('active', checked)}
          error={errors.fields.active}
        />
        <div className="form-actions">
          <Button type="submit" pending={save.isPending}>
            {structure ? 'Enregistrer les modifications' : 'Créer la structure'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Annuler
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
