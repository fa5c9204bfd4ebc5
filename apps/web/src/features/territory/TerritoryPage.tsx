import { api, type Commune, type Hub, hubUpdateSchema } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../lib/api';
import { call } from '../../lib/client';
import { plural } from '../../lib/format';
import { errorsFromApi, type FormErrorState, focusFirstInvalid, noErrors, validate } from '../../lib/forms';
import {
  Badge,
  Button,
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
import { territoryKeys, useCommunes, useHubs } from './api';

const UNASSIGNED = 'sans-pole';

export function TerritoryPage() {
  const canManage = useCan('territory.manage');
  const hubs = useHubs();
  const [params, setParams] = useSearchParams();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const communesHeading = useRef<HTMLHeadingElement>(null);

  const selectedHub = params.get('pole') ?? '';
  const q = params.get('q') ?? '';

  function showHub(hubId: string) {
    const next = new URLSearchParams(params);
    next.set('pole', hubId);
    next.delete('q');
    setParams(next);
    requestAnimationFrame(() => communesHeading.current?.focus());
  }

  const hubColumns: Column<Hub>[] = [
    { key: 'name', header: 'Pôle d’insertion', rowHeader: true, render: (hub) => hub.name },
    { key: 'code', header: 'Code', render: (hub) => hub.code },
    {
      key: 'count',
      header: 'Communes rattachées',
      render: (hub) => hub.communeCount.toLocaleString('fr-FR'),
    },
    {
      key: 'actions',
      header: 'Actions',
      render: (hub) => (
        <div className="row-actions">
          <Button variant="tertiary" size="sm" onClick={() => showHub(hub.id)}>
            Voir les communes<VisuallyHidden> du pôle {hub.name}</VisuallyHidden>
          </Button>
          {canManage ? (
            <Button variant="secondary" size="sm" onClick={() => setRenaming(hub.id)}>
              Renommer<VisuallyHidden> le pôle {hub.name}</VisuallyHidden>
            </Button>
          ) : null}
        </div>
      ),
    },
  ];

  const renamingHub = hubs.data?.find((hub) => hub.id === renaming) ?? null;

  return (
    <>
      <PageHeader
        title="Territoire"
        description={
          <p>
            Le département est découpé en pôles d’insertion ; chaque commune (à Marseille, chaque
            arrondissement) est rattachée à un pôle.
            {canManage ? ' Vous pouvez renommer un pôle et déplacer une commune vers un autre pôle.' : ''}
          </p>
        }
      />
      <LiveMessage>{message}</LiveMessage>

      <section className="section" aria-labelledby="poles">
        <h2 id="poles">Pôles d’insertion</h2>
        {hubs.isPending ? (
          <Loading label="Chargement des pôles d’insertion…" />
        ) : hubs.isError ? (
          <ErrorState error={hubs.error} onRetry={() => hubs.refetch()} />
        ) : hubs.data.length === 0 ? (
          <EmptyState title="Aucun pôle d’insertion n’est encore défini." />
        ) : (
          <Table
            caption={`Pôles d’insertion (${hubs.data.length})`}
            captionHidden
            columns={hubColumns}
            rows={hubs.data}
            rowKey={(hub) => hub.id}
          />
        )}
      </section>

      <section className="section" aria-labelledby="communes">
        <h2 id="communes" ref={communesHeading} tabIndex={-1}>
          Communes
        </h2>
        <CommuneFiltersForm
          key={`${selectedHub}|${q}`}
          hubs={hubs.data ?? []}
          hubId={selectedHub}
          q={q}
          onApply={(hubId, text) => {
            const next = new URLSearchParams();
            if (hubId) next.set('pole', hubId);
            if (text.trim()) next.set('q', text.trim());
            setParams(next);
          }}
        />
        <CommuneList
          hubs={hubs.data ?? []}
          hubId={selectedHub}
          q={q}
          canManage={canManage}
          onMoved={(commune) =>
            setMessage(
              `La commune ${commune.name} est maintenant rattachée au pôle ${commune.hubName ?? '—'}.`,
            )
          }
        />
      </section>

      {renamingHub ? (
        <RenameHubDialog
          hub={renamingHub}
          onClose={() => setRenaming(null)}
          onDone={(hub) => {
            setRenaming(null);
            setMessage(`Le pôle a été renommé « ${hub.name} ».`);
          }}
        />
      ) : null}
    </>
  );
}

function CommuneFiltersForm({
  hubs,
  hubId,
  q,
  onApply,
}: {
  hubs: Hub[];
  hubId: string;
  q: string;
  onApply: (hubId: string, q: string) => void;
}) {
  const [hub, setHub] = useState(hubId);
  const [text, setText] = useState(q);
  return (
    <FilterForm
      label="Filtres"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(hub, text);
      }}
    >
      <SelectField
        label="Pôle d’insertion"
        value={hub}
        onChange={setHub}
        required={false}
        placeholder="Tous les pôles"
        options={[
          { value: UNASSIGNED, label: 'Communes sans pôle' },
          ...hubs.map((h) => ({ value: h.id, label: h.name })),
        ]}
      />
      <TextField
        label="Nom ou code de la commune"
        type="search"
        value={text}
        onChange={setText}
        required={false}
      />
      <div className="filters__actions">
        <Button type="submit" variant="secondary">
          Afficher les communes
        </Button>
      </div>
    </FilterForm>
  );
}

function CommuneList({
  hubs,
  hubId,
  q,
  canManage,
  onMoved,
}: {
  hubs: Hub[];
  hubId: string;
  q: string;
  canManage: boolean;
  onMoved: (commune: Commune) => void;
}) {
  const unassigned = hubId === UNASSIGNED;
  const communes = useCommunes({
    hubId: hubId && !unassigned ? hubId : undefined,
    q: q || undefined,
    unassigned: unassigned || undefined,
  });
  const hubName = hubs.find((hub) => hub.id === hubId)?.name;

  if (communes.isPending) return <Loading label="Chargement des communes…" />;
  if (communes.isError) return <ErrorState error={communes.error} onRetry={() => communes.refetch()} />;

  const scope = unassigned
    ? 'Communes sans pôle'
    : hubName
      ? `Communes du pôle ${hubName}`
      : 'Toutes les communes';
  const caption = `${scope}${q ? ` correspondant à « ${q} »` : ''} : ${plural(communes.data.length, 'commune', 'communes')}`;

  if (communes.data.length === 0) {
    return (
      <EmptyState
        title={
          unassigned && !q ? 'Toutes les communes sont rattachées à un pôle.' : 'Aucune commune trouvée.'
        }
      >
        {q ? <p>Vérifiez l’orthographe ou cherchez par code INSEE ou code postal.</p> : null}
      </EmptyState>
    );
  }

  const columns: Column<Commune>[] = [
    { key: 'name', header: 'Commune', rowHeader: true, render: (c) => c.name },
    { key: 'insee', header: 'Code INSEE', render: (c) => c.inseeCode },
    { key: 'postal', header: 'Codes postaux', render: (c) => c.postalCodes.join(', ') || '—' },
    {
      key: 'hub',
      header: 'Pôle d’insertion',
      render: (c) => c.hubName ?? <Badge tone="warning">Sans pôle</Badge>,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'move',
      header: 'Rattacher à un autre pôle',
      render: (c) => <MoveCommune commune={c} hubs={hubs} onMoved={onMoved} />,
    });
  }

  return <Table caption={caption} columns={columns} rows={communes.data} rowKey={(c) => c.inseeCode} />;
}

function MoveCommune({
  commune,
  hubs,
  onMoved,
}: {
  commune: Commune;
  hubs: Hub[];
  onMoved: (commune: Commune) => void;
}) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (hubId: string) =>
      call(api.territory.assignCommune, { params: { inseeCode: commune.inseeCode }, body: { hubId } }),
    onSuccess: async (updated) => {
      setTarget('');
      onMoved(updated);
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
    },
  });

  const error = localError ?? (move.isError ? errorMessage(move.error) : undefined);

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!target) {
          setLocalError('Choisissez le pôle de destination.');
          focusFirstInvalid(event.currentTarget);
          return;
        }
        setLocalError(null);
        move.mutate(target);
      }}
    >
      <SelectField
        label={`Nouveau pôle pour ${commune.name}`}
        hideLabel
        value={target}
        onChange={(value) => {
          setTarget(value);
          setLocalError(null);
        }}
        placeholder="Choisir un pôle"
        options={hubs
          .filter((hub) => hub.id !== commune.hubId)
          .map((hub) => ({ value: hub.id, label: hub.name }))}
        error={error}
      />
      <Button type="submit" variant="secondary" size="sm" pending={move.isPending}>
        Déplacer<VisuallyHidden> {commune.name}</VisuallyHidden>
      </Button>
    </form>
  );
}

function RenameHubDialog({
  hub,
  onClose,
  onDone,
}: {
  hub: Hub;
  onClose: () => void;
  onDone: (hub: Hub) => void;
}) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(hub.name);
  const [errors, setErrors] = useState<FormErrorState>(noErrors);
  const [reloaded, setReloaded] = useState(false);
  const [reloading, setReloading] = useState(false);

  const rename = useMutation({
    mutationFn: (body: { name: string; version: number }) =>
      call(api.territory.renameHub, { params: { id: hub.id }, body }),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: territoryKeys.all });
      onDone(updated);
    },
    onError: (error) => {
      setReloaded(false);
      if (!isApiError(error, 'CONFLICT')) {
        setErrors(errorsFromApi(error, ['name']));
        focusFirstInvalid(formRef.current);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(hubUpdateSchema, { name, version: hub.version });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors(noErrors);
    rename.mutate(result.data);
  }

  async function reload() {
    setReloading(true);
    await queryClient.refetchQueries({ queryKey: territoryKeys.hubs });
    setReloading(false);
    setReloaded(true);
    rename.reset();
  }

  const conflict = isApiError(rename.error, 'CONFLICT');

  return (
    <Dialog open title={`Renommer le pôle ${hub.name}`} onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        {conflict || reloaded ? (
          <ConflictAlert onReload={() => void reload()} reloading={reloading} reloaded={reloaded} />
        ) : null}
        <FormAlert message={errors.message} fieldCount={Object.keys(errors.fields).length} />
        <TextField
          label="Nom du pôle"
          value={name}
          onChange={setName}
          error={errors.fields.name}
          maxLength={120}
        />
        <div className="form-actions">
          <Button type="submit" pending={rename.isPending}>
            Enregistrer
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Annuler
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
