import type { BatchConvocationResult } from '@parcours/contracts';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { plural } from '../../lib/format';
import { Alert, Button, EmptyState, ErrorState, LiveMessage, Loading, PageHeader } from '../../ui';
import { useActor } from '../auth/session';
import { personName } from '../persons/labels';
import { ConvokeDialog } from './ConvokeDialog';
import { QueueCounters, QueueStageLinks } from './QueueCounters';
import { QueueFilterForm } from './QueueFilterForm';
import { QueueTable } from './QueueTable';
import { type QueueFilters, queueExportUrl, useOrientationQueue } from './queueApi';

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

/** The pôle's persons to orient: filters in the address bar, selection, batch convocation. */
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

  const data = queue.data;
  const entries = data?.entries ?? [];
  const selectedEntries = entries.filter((e) => selected.has(e.person.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

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
          <p>{result.done.summary}</p>
          <p>
            Personnes convoquées : {result.names.join(', ')}. Les e-mails et SMS partent en arrière-plan ;
            leur état est visible dans le dossier de chaque personne.
          </p>
          {result.done.convocations.some((c) => c.channels.includes('letter')) ? (
            <p>
              <a href={result.done.lettersUrl} download>
                Imprimer les courriers de convocation (PDF)
              </a>{' '}
              puis marquez le lot posté dans les <Link to="/courriers">courriers à poster</Link>.
            </p>
          ) : null}
        </Alert>
      ) : null}

      {data ? <QueueCounters data={data} linkTo={linkTo} /> : null}

      <QueueFilterForm
        filters={filters}
        actorHubId={actor.hubId}
        onApply={(draft) => apply(draft)}
        onClear={() => setParams(new URLSearchParams())}
      />

      {data ? (
        <QueueStageLinks data={data} linkTo={linkTo} stage={filters.stage} overdue={filters.overdue} />
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
        ) : entries.length === 0 || !data ? (
          <EmptyState title="Personne à orienter avec ces critères." />
        ) : (
          <QueueTable data={data} selected={selected} toggle={toggle} linkTo={linkTo} />
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
