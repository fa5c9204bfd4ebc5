import {
  type BatchConvocationResult,
  type HouseholdType,
  householdTypeLabels,
  householdTypes,
  type QueueEntry,
  type QueueStage,
  queueStageLabels,
} from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Dialog,
  EmptyState,
  ErrorState,
  FilterForm,
  FilterLinks,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
  TextField,
} from '../../ui';
import { useActor } from '../auth/session';
import { personName } from '../persons/labels';
import { useCommunes, useHubs } from '../territory/api';
import {
  convokeBatch,
  type QueueFilters,
  queueExportUrl,
  queueKeys,
  useCollectiveSlots,
  useOrientationQueue,
} from './queueApi';

const filterKeys = [
  'commune',
  'ageMin',
  'ageMax',
  'householdType',
  'convened',
  'stage',
  'overdue',
  'hubId',
  'page',
] as const;

function daysLeftBadge(days: number | null, what: string) {
  if (days === null) return <span className="muted">—</span>;
  const tone = days < 0 ? 'danger' : days <= 7 ? 'warning' : 'neutral';
  const text =
    days < 0
      ? `dépassé de ${plural(-days, 'jour', 'jours')}`
      : days === 0
        ? 'aujourd’hui'
        : `${plural(days, 'jour', 'jours')}`;
  return (
    <Badge tone={tone}>
      <span className="sr-only">{what} : </span>
      {text}
    </Badge>
  );
}

const stageTones: Record<QueueStage, 'neutral' | 'success' | 'warning' | 'danger'> = {
  to_convene: 'neutral',
  convened: 'success',
  absent: 'danger',
  seen: 'warning',
};

export function OrientationQueuePage() {
  const actor = useActor();
  const [params, setParams] = useSearchParams();
  const filters: QueueFilters = useMemo(() => {
    const f: QueueFilters = {};
    for (const k of filterKeys) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const queue = useOrientationQueue(filters);
  const hubs = useHubs();
  const hubId = actor.hubId ?? filters.hubId;
  const communes = useCommunes({ hubId: hubId ?? undefined }, Boolean(hubId));
  const [draft, setDraft] = useState({
    commune: filters.commune ?? '',
    ageMin: filters.ageMin ?? '',
    ageMax: filters.ageMax ?? '',
    householdType: filters.householdType ?? '',
    convened: filters.convened ?? '',
    hubId: filters.hubId ?? '',
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialogOpen, setDialogOpen] = useState(false);
  const [result, setResult] = useState<{ done: BatchConvocationResult; names: string[] } | null>(null);

  const apply = (next: Partial<Record<(typeof filterKeys)[number], string>>) => {
    const merged = new URLSearchParams();
    for (const k of filterKeys) {
      const v = k in next ? next[k] : params.get(k);
      if (v) merged.set(k, v);
    }
    if (!('page' in next)) merged.delete('page');
    setParams(merged);
  };

  const onFilter = (_e: FormEvent<HTMLFormElement>) => {
    apply({ ...draft });
  };

  const data = queue.data;
  const entries = data?.entries ?? [];
  const selectedEntries = entries.filter((e) => selected.has(e.person.id));
  const allOnPage = entries.length > 0 && entries.every((e) => selected.has(e.person.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const stageLinks = data
    ? [
        { key: 'all', label: `Tous (${data.counters.total})`, value: undefined },
        { key: 'to_convene', label: `À convoquer (${data.counters.toConvene})`, value: 'to_convene' },
        { key: 'convened', label: `Convoqués (${data.counters.convened})`, value: 'convened' },
        { key: 'absent', label: `Absents (${data.counters.absent})`, value: 'absent' },
        { key: 'seen', label: `Reçus, à orienter (${data.counters.seen})`, value: 'seen' },
      ]
    : [];
  const linkTo = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    p.delete('page');
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const s = p.toString();
    return s ? `/orientation?${s}` : '/orientation';
  };

  const pageCount = data ? Math.max(1, Math.ceil(data.matching / data.pageSize)) : 1;

  return (
    <>
      <PageHeader
        title="File d’orientation"
        description={
          <p>
            Les nouveaux entrants soumis aux droits et devoirs{data?.hub ? ` du pôle ${data.hub.name}` : ''}{' '}
            qui ne sont pas encore orientés, du plus ancien au plus récent. L’objectif de la convention est
            d’orienter dans le mois ; le délai légal est de six semaines depuis 2025.
          </p>
        }
      />
      <LiveMessage>
        {result
          ? `${plural(result.done.convocations.length, 'personne convoquée', 'personnes convoquées')}.`
          : null}
      </LiveMessage>
      {result ? (
        <Alert tone="success" title="Convocations préparées">
          <p>
            {plural(result.done.convocations.length, 'personne convoquée', 'personnes convoquées')} :{' '}
            {result.names.join(', ')}. Les e-mails et SMS partent en arrière-plan ; leur état est visible dans
            le dossier de chaque personne.
          </p>
          <p>
            <a href={result.done.lettersUrl} download>
              Télécharger les courriers de convocation (PDF)
            </a>
          </p>
        </Alert>
      ) : null}

      {data ? (
        <section aria-labelledby="compteurs" className="counters">
          <h2 id="compteurs" className="sr-only">
            Compteurs
          </h2>
          <ul className="plain-list compact-list">
            <li>
              <strong>{data.counters.total}</strong> à orienter
            </li>
            <li>
              <Link to={linkTo({ overdue: 'target' })}>
                <strong>{data.counters.overdueTarget}</strong> au-delà de l’objectif d’un mois
              </Link>
            </li>
            <li>
              <Link to={linkTo({ overdue: 'legal' })}>
                <strong>{data.counters.overdueLegal}</strong> au-delà du délai légal
              </Link>
            </li>
          </ul>
        </section>
      ) : null}

      <FilterForm label="Filtrer la file" onSubmit={onFilter}>
        {!actor.hubId ? (
          <SelectField
            label="Pôle d’insertion"
            optional
            value={draft.hubId}
            onChange={(v) => setDraft({ ...draft, hubId: v, commune: '' })}
            placeholder="Tout le département"
            options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
          />
        ) : null}
        <SelectField
          label="Commune"
          optional
          value={draft.commune}
          onChange={(v) => setDraft({ ...draft, commune: v })}
          placeholder="Toutes les communes"
          options={(communes.data ?? []).map((c) => ({ value: c.inseeCode, label: c.name }))}
        />
        <TextField
          label="Âge minimum"
          optional
          inputMode="numeric"
          value={draft.ageMin}
          onChange={(v) => setDraft({ ...draft, ageMin: v })}
        />
        <TextField
          label="Âge maximum"
          optional
          inputMode="numeric"
          value={draft.ageMax}
          onChange={(v) => setDraft({ ...draft, ageMax: v })}
        />
        <SelectField
          label="Composition du foyer"
          optional
          value={draft.householdType}
          onChange={(v) => setDraft({ ...draft, householdType: v })}
          placeholder="Tous les foyers"
          options={householdTypes.map((t) => ({ value: t, label: householdTypeLabels[t] }))}
        />
        <SelectField
          label="Convocation"
          optional
          value={draft.convened}
          onChange={(v) => setDraft({ ...draft, convened: v })}
          placeholder="Convoqués ou non"
          options={[
            { value: 'no', label: 'Pas encore convoqués' },
            { value: 'yes', label: 'Convoqués' },
          ]}
        />
        <div className="filters__actions">
          <Button type="submit">Filtrer</Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setDraft({ commune: '', ageMin: '', ageMax: '', householdType: '', convened: '', hubId: '' });
              setParams(new URLSearchParams());
            }}
          >
            Effacer les filtres
          </Button>
        </div>
      </FilterForm>

      {data ? (
        <FilterLinks
          label="Étape"
          items={stageLinks.map((l) => ({
            key: l.key,
            to: linkTo({ stage: l.value, overdue: undefined }),
            label: l.label,
            current: (filters.stage ?? undefined) === l.value && !filters.overdue,
          }))}
        />
      ) : null}

      <div className="form-actions">
        <Button
          disabled={selectedEntries.length === 0}
          onClick={() => {
            setResult(null);
            setDialogOpen(true);
          }}
        >
          Convoquer la sélection ({selectedEntries.length})
        </Button>
        <a className="button button--secondary" href={queueExportUrl(filters)} download>
          Exporter la file (XLSX)
        </a>
      </div>

      <section aria-labelledby="liste-file">
        <h2 id="liste-file" className="sr-only">
          Personnes à orienter
        </h2>
        {queue.isPending ? (
          <Loading label="Chargement de la file d’orientation…" />
        ) : queue.isError ? (
          <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState title="Personne à orienter avec ces critères." />
        ) : (
          <>
            <p className="muted">
              {plural(data?.matching ?? 0, 'personne', 'personnes')} — page {data?.page} sur {pageCount}.
            </p>
            <Checkbox
              label="Sélectionner toute la page"
              checked={allOnPage}
              onChange={(on) => {
                for (const e of entries) toggle(e.person.id, on);
              }}
            />
            <Table<QueueEntry>
              caption="File d’orientation"
              captionHidden
              rows={entries}
              rowKey={(e) => e.person.id}
              columns={[
                {
                  key: 'select',
                  header: <span className="sr-only">Sélection</span>,
                  render: (e) => (
                    <input
                      type="checkbox"
                      aria-label={`Sélectionner ${personName(e.person)}`}
                      checked={selected.has(e.person.id)}
                      onChange={(ev) => toggle(e.person.id, ev.target.checked)}
                    />
                  ),
                },
                {
                  key: 'person',
                  header: 'Personne',
                  rowHeader: true,
                  render: (e) => (
                    <>
                      <Link to={`/personnes/${e.person.id}/orientation`}>{personName(e.person)}</Link>
                      <br />
                      <span className="muted">
                        {e.age} ans{!e.hasAddress && !e.hasContact ? ' — ni adresse ni contact' : ''}
                      </span>
                    </>
                  ),
                },
                { key: 'commune', header: 'Commune', render: (e) => e.person.communeName ?? '—' },
                {
                  key: 'household',
                  header: 'Foyer',
                  render: (e) => householdTypeLabels[e.householdType as HouseholdType],
                },
                { key: 'entry', header: 'Entrée', render: (e) => formatDate(e.entryDate) },
                {
                  key: 'target',
                  header: 'Objectif (1 mois)',
                  render: (e) => daysLeftBadge(e.daysLeftTarget, 'Objectif'),
                },
                {
                  key: 'legal',
                  header: 'Délai légal',
                  render: (e) => daysLeftBadge(e.daysLeftLegal, 'Délai légal'),
                },
                {
                  key: 'stage',
                  header: 'Étape',
                  render: (e) => (
                    <>
                      <Badge tone={stageTones[e.stage]}>{queueStageLabels[e.stage]}</Badge>
                      {e.nextAppointment?.startsAt ? (
                        <>
                          <br />
                          <span className="muted">le {formatDateTime(e.nextAppointment.startsAt)}</span>
                        </>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
            {pageCount > 1 ? (
              <nav aria-label="Pages de la file" className="form-actions">
                {data && data.page > 1 ? (
                  <Link to={linkTo({ page: String(data.page - 1) })}>Page précédente</Link>
                ) : null}
                {data && data.page < pageCount ? (
                  <Link to={linkTo({ page: String(data.page + 1) })}>Page suivante</Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>

      <ConvokeDialog
        open={dialogOpen}
        entries={selectedEntries}
        onClose={() => setDialogOpen(false)}
        onDone={(done) => {
          setResult({ done, names: selectedEntries.map((e) => personName(e.person)) });
          setSelected(new Set());
          setDialogOpen(false);
        }}
      />
    </>
  );
}

function ConvokeDialog({
  open,
  entries,
  onClose,
  onDone,
}: {
  open: boolean;
  entries: QueueEntry[];
  onClose: () => void;
  onDone: (result: BatchConvocationResult) => void;
}) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'collective' | 'individual'>('collective');
  const [slotId, setSlotId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const slots = useCollectiveSlots(open);
  const enough = (slots.data ?? []).filter((s) => s.free >= entries.length);
  const convoke = useMutation({
    mutationFn: () =>
      convokeBatch({
        personIds: entries.map((e) => e.person.id),
        ...(mode === 'collective' ? { slotId } : { nextIndividualSlots: true as const }),
      }),
    onSuccess: async (done) => {
      setError(null);
      await queryClient.invalidateQueries({ queryKey: queueKeys.all });
      onDone(done);
    },
    onError: (err) => setError(errorMessage(err)),
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Convoquer ${plural(entries.length, 'personne', 'personnes')}`}
      description={<p>{entries.map((e) => personName(e.person)).join(', ')}</p>}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (mode === 'collective' && !slotId) {
            setError('Choisissez la réunion collective.');
            return;
          }
          convoke.mutate();
        }}
      >
        {error ? (
          <Alert tone="error" title="La convocation n’a pas été faite">
            <p>{error}</p>
          </Alert>
        ) : null}
        <fieldset className="fieldset">
          <legend>Rendez-vous</legend>
          <div className="checkbox">
            <input
              type="radio"
              id="mode-collective"
              name="mode"
              checked={mode === 'collective'}
              onChange={() => setMode('collective')}
            />
            <label htmlFor="mode-collective">Une réunion collective d’information</label>
          </div>
          <div className="checkbox">
            <input
              type="radio"
              id="mode-individual"
              name="mode"
              checked={mode === 'individual'}
              onChange={() => setMode('individual')}
            />
            <label htmlFor="mode-individual">
              Les prochains entretiens individuels libres (un par personne)
            </label>
          </div>
        </fieldset>
        {mode === 'collective' ? (
          slots.isPending ? (
            <Loading label="Chargement des réunions…" />
          ) : slots.isError ? (
            <ErrorState error={slots.error} onRetry={() => slots.refetch()} />
          ) : enough.length === 0 ? (
            <p>
              Aucune réunion collective à venir n’a assez de places pour {entries.length} personnes. Ouvrez-en
              une dans l’<Link to="/agenda">agenda</Link> ou choisissez des entretiens individuels.
            </p>
          ) : (
            <SelectField
              label="Réunion collective"
              value={slotId}
              onChange={setSlotId}
              placeholder="Choisir une réunion"
              options={enough.map((s) => ({
                value: s.id,
                label: `${formatDateTime(s.startsAt)} — ${s.place} (${plural(s.free, 'place libre', 'places libres')})`,
              }))}
            />
          )
        ) : null}
        <p className="muted">
          Un courrier est préparé pour chaque personne dont l’adresse est connue ; un e-mail et un SMS sont
          envoyés quand la personne les a acceptés.
        </p>
        <div className="form-actions">
          <Button type="submit" disabled={convoke.isPending}>
            {convoke.isPending ? 'Convocation en cours…' : 'Convoquer'}
          </Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            Annuler
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
