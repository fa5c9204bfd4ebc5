import type { FtBatch } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage, isAbortError, isApiError } from '../../lib/api';
import { formatBytes, formatDate, formatDateTime, formatNumber, plural } from '../../lib/format';
import {
  Alert,
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  FileField,
  FilterLinks,
  LeaveGuard,
  Loading,
  PageHeader,
  ProgressBar,
  Table,
  VisuallyHidden,
} from '../../ui';
import { useCan } from '../auth/session';
import { ftStateLabels, ftStateTones, householdRoleLabel } from '../persons/labels';
import {
  batchExportUrl,
  createBatch,
  type FtAcknowledgementResult,
  type FtRegistration,
  type FtState,
  ftKeys,
  ftStates,
  uploadAcknowledgement,
  useBatches,
  useRegistrations,
} from './api';

const listTitles: Record<FtState, string> = {
  pending: 'Personnes à inscrire',
  exported: 'Inscriptions transmises, en attente de l’accusé de réception',
  registered: 'Personnes inscrites',
  rejected: 'Inscriptions refusées',
};

const emptyTitles: Record<FtState, string> = {
  pending: 'Aucune personne n’est à inscrire pour le moment.',
  exported: 'Aucune inscription transmise n’attend d’accusé de réception.',
  registered: 'Aucune inscription n’est encore confirmée.',
  rejected: 'Aucune inscription n’a été refusée.',
};

function isState(value: string | null): value is FtState {
  return !!value && (ftStates as string[]).includes(value);
}

export function FranceTravailPage() {
  const [params] = useSearchParams();
  const raw = params.get('etat');
  const state: FtState = isState(raw) ? raw : 'pending';
  const registrations = useRegistrations(state);
  const batches = useBatches();
  const counts = registrations.data?.counts;

  return (
    <>
      <PageHeader
        title="Inscription à France Travail"
        description={
          <p>
            Les personnes qui entrent dans le dispositif (et les membres de leur foyer) sont inscrites à
            France Travail automatiquement : créez un lot, transmettez son fichier à France Travail, puis
            importez l’accusé de réception.
          </p>
        }
      />
      <FilterLinks
        label="Afficher les inscriptions"
        items={ftStates.map((s) => ({
          key: s,
          to: s === 'pending' ? '/france-travail' : `/france-travail?etat=${s}`,
          label: (
            <>
              {ftStateLabels[s]}
              {counts ? <span className="filter-links__count"> ({formatNumber(counts[s])})</span> : null}
            </>
          ),
          current: s === state,
        }))}
      />

      <section className="section" aria-labelledby="inscriptions">
        <h2 id="inscriptions">{listTitles[state]}</h2>
        {registrations.isPending ? (
          <Loading label="Chargement des inscriptions…" />
        ) : registrations.isError ? (
          <ErrorState error={registrations.error} onRetry={() => registrations.refetch()} />
        ) : registrations.data.items.length === 0 ? (
          <EmptyState title={emptyTitles[state]} />
        ) : (
          <RegistrationsTable items={registrations.data.items} state={state} batches={batches.data ?? []} />
        )}
      </section>

      <BatchesSection pendingCount={counts?.pending ?? null} />
      <AcknowledgementSection />
    </>
  );
}

const pageSize = 200;

function RegistrationsTable({
  items,
  state,
  batches,
}: {
  items: FtRegistration[];
  state: FtState;
  batches: FtBatch[];
}) {
  const canRead = useCan('person.read');
  const [shown, setShown] = useState(pageSize);
  const batchDates = new Map(batches.map((batch) => [batch.id, batch.createdAt]));
  const visible = items.slice(0, shown);

  const columns: Column<FtRegistration>[] = [
    {
      key: 'name',
      header: 'Nom',
      rowHeader: true,
      render: (r) =>
        canRead ? (
          <Link
            to={`/personnes/${encodeURIComponent(r.personId)}`}
            state={{ from: `/france-travail${state === 'pending' ? '' : `?etat=${state}`}` }}
          >
            {r.name}
          </Link>
        ) : (
          r.name
        ),
    },
    {
      key: 'birth',
      header: 'Date de naissance',
      render: (r) => <time dateTime={r.birthDate}>{formatDate(r.birthDate)}</time>,
    },
    { key: 'role', header: 'Rôle dans le foyer', render: (r) => householdRoleLabel(r.role) },
    {
      key: 'entry',
      header: 'Entrée le',
      render: (r) => (r.entryDate ? <time dateTime={r.entryDate}>{formatDate(r.entryDate)}</time> : '—'),
    },
    {
      key: 'state',
      header: 'État',
      render: (r) => <Badge tone={ftStateTones[r.state]}>{ftStateLabels[r.state]}</Badge>,
    },
    { key: 'ftId', header: 'Identifiant France Travail', render: (r) => r.ftIdentifier ?? '—' },
  ];
  if (state === 'rejected' || items.some((r) => r.reason)) {
    columns.push({ key: 'reason', header: 'Motif', className: 'cell--wide', render: (r) => r.reason ?? '—' });
  }
  if (state !== 'pending') {
    columns.push({
      key: 'batch',
      header: 'Lot',
      render: (r) => {
        if (!r.batchId) return '—';
        const date = batchDates.get(r.batchId);
        return date ? `Lot du ${formatDateTime(date)}` : 'Lot transmis';
      },
    });
  }

  return (
    <>
      <Table
        caption={`${listTitles[state]} (${plural(items.length, 'personne', 'personnes')})`}
        captionHidden
        columns={columns}
        rows={visible}
        rowKey={(r) => r.id}
      />
      {items.length > visible.length ? (
        <p>
          <Button variant="secondary" onClick={() => setShown((n) => n + pageSize)}>
            Afficher {Math.min(pageSize, items.length - visible.length)} personnes de plus
            <VisuallyHidden> (sur {formatNumber(items.length - visible.length)} restantes)</VisuallyHidden>
          </Button>
        </p>
      ) : null}
    </>
  );
}

function BatchesSection({ pendingCount }: { pendingCount: number | null }) {
  const queryClient = useQueryClient();
  const batches = useBatches();
  const [created, setCreated] = useState<FtBatch | null>(null);
  const [nothing, setNothing] = useState(false);
  const create = useMutation({
    mutationFn: createBatch,
    onSuccess: async (batch) => {
      setCreated(batch);
      await queryClient.invalidateQueries({ queryKey: ftKeys.all });
    },
  });

  const columns: Column<FtBatch>[] = [
    {
      key: 'created',
      header: 'Créé le',
      rowHeader: true,
      render: (b) => <time dateTime={b.createdAt}>{formatDateTime(b.createdAt)}</time>,
    },
    { key: 'rows', header: 'Personnes', render: (b) => formatNumber(b.rowCount) },
    {
      key: 'status',
      header: 'État',
      render: (b) =>
        b.status === 'acknowledged' ? (
          <Badge tone="success">Accusé de réception reçu</Badge>
        ) : (
          <Badge tone="warning">Transmis, en attente de l’accusé</Badge>
        ),
    },
    { key: 'ack', header: 'Accusé reçu le', render: (b) => formatDateTime(b.acknowledgedAt) },
    {
      key: 'file',
      header: 'Fichier',
      render: (b) => (
        <a href={batchExportUrl(b.id)} download>
          Télécharger le CSV<VisuallyHidden> du lot du {formatDateTime(b.createdAt)}</VisuallyHidden>
        </a>
      ),
    },
  ];

  return (
    <section className="section" aria-labelledby="lots">
      <h2 id="lots">Lots d’inscription</h2>
      <p>
        Un lot rassemble toutes les personnes à inscrire. Téléchargez son fichier et transmettez-le à France
        Travail ; les personnes passent alors à l’état « Transmise ».
      </p>
      <div className="form-actions">
        <Button
          pending={create.isPending}
          onClick={() => {
            setCreated(null);
            if (pendingCount === 0) {
              setNothing(true);
              return;
            }
            setNothing(false);
            create.mutate();
          }}
        >
          Créer un lot d’inscription
        </Button>
        {pendingCount !== null ? (
          <span className="muted">
            {pendingCount === 0
              ? 'Aucune personne à inscrire actuellement.'
              : `${plural(pendingCount, 'personne', 'personnes')} à inscrire.`}
          </span>
        ) : null}
      </div>
      <div aria-live="polite">
        {nothing ? (
          <Alert tone="info" title="Aucun lot créé" live="off">
            <p>Aucune personne n’est à inscrire : il n’y a rien à transmettre à France Travail.</p>
          </Alert>
        ) : null}
        {created ? (
          <Alert tone="success" title="Lot d’inscription créé" live="off">
            <p>
              Le lot du {formatDateTime(created.createdAt)} contient{' '}
              {plural(created.rowCount, 'personne', 'personnes')}.
            </p>
            <p>
              <a href={batchExportUrl(created.id)} download className="button button--secondary button--sm">
                Télécharger le fichier du lot (CSV)
              </a>
            </p>
          </Alert>
        ) : null}
        {create.isError ? (
          <Alert tone="error" title="Le lot n’a pas été créé" live="off">
            <p>{errorMessage(create.error)}</p>
          </Alert>
        ) : null}
      </div>
      <h3>Lots précédents</h3>
      {batches.isPending ? (
        <Loading label="Chargement des lots…" />
      ) : batches.isError ? (
        <ErrorState error={batches.error} onRetry={() => batches.refetch()} />
      ) : batches.data.length === 0 ? (
        <EmptyState title="Aucun lot n’a encore été créé." />
      ) : (
        <Table
          caption={`Lots d’inscription, du plus récent au plus ancien (${plural(batches.data.length, 'lot', 'lots')})`}
          captionHidden
          columns={columns}
          rows={[...batches.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
          rowKey={(b) => b.id}
        />
      )}
    </section>
  );
}

function AcknowledgementSection() {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [uploading, setUploading] = useState<{ loaded: number; total: number } | null>(null);
  const [result, setResult] = useState<FtAcknowledgementResult | null>(null);
  const [failure, setFailure] = useState<{
    message: string;
    lines: { place: string; reason: string }[];
  } | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (uploading) return;
    setResult(null);
    setFailure(null);
    if (!file) {
      setFileError('Choisissez le fichier d’accusé de réception transmis par France Travail.');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input[type="file"]')?.focus());
      return;
    }
    setFileError(undefined);
    const controller = new AbortController();
    abortRef.current = controller;
    setUploading({ loaded: 0, total: file.size });
    try {
      const answer = await uploadAcknowledgement(
        file,
        (loaded, total) => setUploading({ loaded, total }),
        controller.signal,
      );
      setResult(answer);
      setFile(null);
      setInputKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: ftKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['persons'] });
    } catch (error) {
      if (isAbortError(error)) {
        setFailure({ message: 'L’envoi a été annulé. Rien n’a été enregistré.', lines: [] });
      } else {
        // A file with errors is refused as a whole: the API lists its lines in `fields` ("ligne 4").
        const lines = isApiError(error)
          ? error.fields.map((f) => ({ place: f.path, reason: f.message }))
          : [];
        setFailure({ message: errorMessage(error), lines });
      }
    } finally {
      abortRef.current = null;
      setUploading(null);
    }
  }

  return (
    <section className="section" aria-labelledby="accuse">
      <h2 id="accuse">Accusé de réception de France Travail</h2>
      <LeaveGuard
        when={uploading !== null}
        title="Quitter la page pendant l’envoi ?"
        message="L’accusé de réception est en cours d’envoi. Si vous quittez la page, il ne sera pas enregistré."
      />
      <form ref={formRef} noValidate onSubmit={submit} className="upload-form">
        <FileField
          key={inputKey}
          label="Fichier d’accusé de réception (CSV)"
          name="acknowledgement"
          accept=".csv,text/csv"
          hint="Le fichier CSV renvoyé par France Travail : chaque ligne confirme une inscription (avec l’identifiant France Travail) ou la refuse (avec son motif)."
          onChange={(next) => {
            setFile(next);
            setFileError(undefined);
          }}
          error={fileError}
          disabled={uploading !== null}
        />
        {file ? (
          <p className="muted">
            Fichier choisi : <strong className="break">{file.name}</strong> ({formatBytes(file.size)})
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" pending={uploading !== null}>
            Envoyer l’accusé de réception
          </Button>
          {uploading ? (
            <Button variant="secondary" onClick={() => abortRef.current?.abort()}>
              Annuler l’envoi
            </Button>
          ) : null}
        </div>
        {uploading ? (
          <ProgressBar
            label="Envoi de l’accusé de réception"
            value={uploading.loaded}
            max={uploading.total || 1}
          />
        ) : null}
      </form>
      <div aria-live="polite">
        {failure ? (
          <Alert tone="error" title="L’accusé de réception n’a pas été enregistré" live="off">
            <p>{failure.message}</p>
            {failure.lines.length > 0 ? (
              <p>
                Toutes les erreurs du fichier sont listées ci-dessous : corrigez-les puis envoyez à nouveau le
                fichier entier (les lignes déjà enregistrées ne seront pas comptées deux fois).
              </p>
            ) : null}
            {failure.lines.length > 0 ? (
              <Table
                caption={`Lignes en erreur (${failure.lines.length})`}
                columns={[
                  {
                    key: 'place',
                    header: 'Ligne',
                    rowHeader: true,
                    render: (l: { place: string; reason: string }) => l.place.replace(/^ligne\s+/i, ''),
                  },
                  {
                    key: 'reason',
                    header: 'Motif',
                    render: (l: { place: string; reason: string }) => l.reason,
                  },
                ]}
                rows={failure.lines}
                rowKey={(l) => `${l.place}|${l.reason}`}
              />
            ) : null}
          </Alert>
        ) : null}
        {result ? <AcknowledgementResult result={result} /> : null}
      </div>
    </section>
  );
}

function AcknowledgementResult({ result }: { result: FtAcknowledgementResult }) {
  const errors = result.errors ?? [];
  const unchanged = result.unchanged ?? 0;
  const repeated = result.repeated ?? 0;
  // The same file again changes nothing: said plainly, not as a second success.
  const nothingChanged = errors.length === 0 && result.registered + result.rejected === 0;
  const tone = nothingChanged
    ? 'info'
    : errors.length > 0 || result.unknown > 0 || result.rejected > 0
      ? 'warning'
      : 'success';
  return (
    <Alert
      tone={tone}
      title={
        nothingChanged
          ? 'Accusé de réception déjà pris en compte : rien n’a changé'
          : 'Accusé de réception enregistré'
      }
      live="off"
    >
      {result.message ? <p>{result.message}</p> : null}
      <ul className="plain-list compact-list">
        <li>{plural(result.registered, 'inscription confirmée', 'inscriptions confirmées')}</li>
        <li>{plural(result.rejected, 'inscription refusée', 'inscriptions refusées')}</li>
        {unchanged > 0 ? (
          <li>{plural(unchanged, 'ligne déjà enregistrée', 'lignes déjà enregistrées')} (inchangées)</li>
        ) : null}
        {repeated > 0 ? (
          <li>
            {plural(repeated, 'ligne en double appliquée', 'lignes en double appliquées')} une seule fois
          </li>
        ) : null}
        {result.unknown > 0 ? (
          <li>
            {plural(result.unknown, 'ligne ne correspond', 'lignes ne correspondent')} à aucune inscription
            transmise
          </li>
        ) : null}
      </ul>
      {errors.length > 0 ? (
        <Table
          caption={`Lignes non prises en compte (${errors.length})`}
          columns={[
            {
              key: 'line',
              header: 'Ligne',
              rowHeader: true,
              render: (e: { line: number; reason: string }) => formatNumber(e.line),
            },
            { key: 'reason', header: 'Motif', render: (e: { line: number; reason: string }) => e.reason },
          ]}
          rows={errors}
          rowKey={(e) => `${e.line}-${e.reason}`}
        />
      ) : null}
    </Alert>
  );
}
