import { api, type Job, jobStatuses, jobQueueLabel as queueLabel } from '@parcours/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { call } from '../../lib/client';
import { formatDateTime, plural } from '../../lib/format';
import {
  Badge,
  Button,
  type Column,
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  PageHeader,
  SelectField,
  Table,
  VisuallyHidden,
} from '../../ui';
import { adminKeys, type JobCounts, type JobStatus, useJobs } from './api';

const statusLabels: Record<JobStatus, string> = {
  pending: 'En attente',
  running: 'En cours',
  done: 'Terminée',
  failed: 'En échec',
};
const countLabels: Record<JobStatus, [string, string]> = {
  pending: ['tâche en attente', 'tâches en attente'],
  running: ['tâche en cours', 'tâches en cours'],
  done: ['tâche terminée', 'tâches terminées'],
  failed: ['tâche en échec', 'tâches en échec'],
};
const statusTones: Record<JobStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  pending: 'neutral',
  running: 'warning',
  done: 'success',
  failed: 'danger',
};

/** A pending job that has already failed: it will be tried again at its planned time. */
function isRetrying(job: Job): boolean {
  return job.status === 'pending' && job.attempts > 0;
}

function isStatus(value: string | null): value is JobStatus {
  return !!value && (jobStatuses as readonly string[]).includes(value);
}

function queueName(queue: string) {
  return (
    <>
      {queueLabel(queue)}
      <br />
      <code className="muted">{queue}</code>
    </>
  );
}

export function JobsPage() {
  const [params, setParams] = useSearchParams();
  const [message, setMessage] = useState<string | null>(null);
  const statusParam = params.get('statut');
  const status = isStatus(statusParam) && statusParam !== 'failed' ? statusParam : undefined;
  const failed = useJobs('failed');
  const others = useJobs(status);
  const counts = failed.data?.counts ?? others.data?.counts;

  return (
    <>
      <PageHeader
        title="Tâches en arrière-plan"
        description={
          <p>
            Traitements automatiques de Parcours (envois d’e-mails, imports…). Une tâche en échec peut être
            relancée une fois la cause corrigée.
          </p>
        }
        actions={
          <Button
            variant="secondary"
            onClick={() => {
              setMessage(null);
              void failed.refetch();
              void others.refetch();
            }}
          >
            Actualiser
          </Button>
        }
      />
      {counts ? <CountsSummary counts={counts} /> : null}
      <LiveMessage>{message}</LiveMessage>

      <section className="section" aria-labelledby="echecs">
        <h2 id="echecs">Tâches en échec</h2>
        {failed.isPending ? (
          <Loading label="Chargement des tâches en échec…" />
        ) : failed.isError ? (
          <ErrorState error={failed.error} onRetry={() => failed.refetch()} />
        ) : failed.data.items.length === 0 ? (
          <EmptyState title="Aucune tâche en échec." />
        ) : (
          <FailedJobs jobs={failed.data.items} onRetried={setMessage} />
        )}
      </section>

      <section className="section" aria-labelledby="autres">
        <h2 id="autres">Autres tâches</h2>
        <div className="filters filters--inline">
          <SelectField
            label="Afficher"
            value={status ?? ''}
            required={false}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value) next.set('statut', value);
              else next.delete('statut');
              setParams(next);
            }}
            placeholder="Toutes les tâches"
            options={(['pending', 'running', 'done'] as const).map((s) => ({
              value: s,
              label: statusLabels[s],
            }))}
          />
        </div>
        {others.isPending ? (
          <Loading label="Chargement des tâches…" />
        ) : others.isError ? (
          <ErrorState error={others.error} onRetry={() => others.refetch()} />
        ) : (
          <OtherJobs jobs={others.data.items.filter((job) => status || job.status !== 'failed')} />
        )}
      </section>
    </>
  );
}

function CountsSummary({ counts }: { counts: JobCounts }) {
  return (
    <ul className="counters" aria-label="Nombre de tâches par état">
      {(['failed', 'pending', 'running', 'done'] as const).map((s) => {
        const [one, many] = countLabels[s];
        return (
          <li key={s} className={`counter counter--${s}`}>
            <span className="counter__value">{counts[s].toLocaleString('fr-FR')}</span>{' '}
            <span className="counter__label">{counts[s] > 1 ? many : one}</span>
          </li>
        );
      })}
    </ul>
  );
}

function FailedJobs({ jobs, onRetried }: { jobs: Job[]; onRetried: (message: string) => void }) {
  const columns: Column<Job>[] = [
    { key: 'queue', header: 'Tâche', rowHeader: true, render: (job) => queueName(job.queue) },
    {
      key: 'error',
      header: 'Erreur',
      className: 'cell--wide',
      render: (job) => <ErrorText text={job.lastError} />,
    },
    { key: 'attempts', header: 'Tentatives', render: (job) => `${job.attempts} sur ${job.maxAttempts}` },
    { key: 'created', header: 'Créée le', nowrap: true, render: (job) => formatDateTime(job.createdAt) },
    {
      key: 'finished',
      header: 'Dernier essai',
      nowrap: true,
      render: (job) => formatDateTime(job.finishedAt ?? job.runAt),
    },
    { key: 'retry', header: 'Action', render: (job) => <RetryButton job={job} onRetried={onRetried} /> },
  ];
  return (
    <Table
      caption={`Tâches en échec, avec leur dernière erreur (${plural(jobs.length, 'tâche', 'tâches')})`}
      captionHidden
      columns={columns}
      rows={jobs}
      rowKey={(job) => job.id}
    />
  );
}

const shortError = 400;

/** The job's last error; long ones (stack traces) are folded after the first lines. */
function ErrorText({ text }: { text: string | null }) {
  if (!text) return <span className="muted">Aucun message d’erreur enregistré.</span>;
  if (text.length <= shortError) return <pre className="error-text">{text}</pre>;
  return (
    <>
      <pre className="error-text">{`${text.slice(0, shortError)}…`}</pre>
      <details className="error-details">
        <summary>Afficher l’erreur complète</summary>
        <pre className="error-text">{text}</pre>
      </details>
    </>
  );
}

function RetryButton({ job, onRetried }: { job: Job; onRetried: (message: string) => void }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => call(api.access.retryJob, { params: { id: job.id } }),
    onSuccess: async (updated) => {
      onRetried(
        `La tâche « ${queueLabel(updated.queue)} » a été relancée (état : ${statusLabels[updated.status].toLowerCase()}).`,
      );
      await queryClient.invalidateQueries({ queryKey: adminKeys.jobsAll });
    },
  });
  return (
    <div>
      <Button size="sm" pending={retry.isPending} onClick={() => retry.mutate()}>
        Relancer
        <VisuallyHidden>
          {' '}
          la tâche « {queueLabel(job.queue)} » créée le {formatDateTime(job.createdAt)}
        </VisuallyHidden>
      </Button>
      {retry.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(retry.error)}
        </p>
      ) : null}
    </div>
  );
}

function OtherJobs({ jobs }: { jobs: Job[] }) {
  if (jobs.length === 0) return <EmptyState title="Aucune tâche à afficher." />;
  const columns: Column<Job>[] = [
    { key: 'queue', header: 'Tâche', rowHeader: true, render: (job) => queueName(job.queue) },
    {
      key: 'status',
      header: 'État',
      render: (job) =>
        isRetrying(job) ? (
          <Badge tone="warning">Nouvel essai prévu</Badge>
        ) : (
          <Badge tone={statusTones[job.status]}>{statusLabels[job.status]}</Badge>
        ),
    },
    { key: 'attempts', header: 'Tentatives', render: (job) => `${job.attempts} sur ${job.maxAttempts}` },
    {
      key: 'error',
      header: 'Dernière erreur',
      className: 'cell--wide',
      // A job still retrying keeps its last error in view: the next try may fail the same way.
      render: (job) => (job.lastError ? <ErrorText text={job.lastError} /> : '—'),
    },
    { key: 'created', header: 'Créée le', nowrap: true, render: (job) => formatDateTime(job.createdAt) },
    {
      key: 'run',
      header: 'Prévue le',
      render: (job) =>
        isRetrying(job) ? `Nouvel essai le ${formatDateTime(job.runAt)}` : formatDateTime(job.runAt),
    },
    { key: 'finished', header: 'Terminée le', nowrap: true, render: (job) => formatDateTime(job.finishedAt) },
  ];
  return (
    <Table
      caption={`Tâches (${plural(jobs.length, 'tâche affichée', 'tâches affichées')})`}
      captionHidden
      columns={columns}
      rows={jobs}
      rowKey={(job) => job.id}
    />
  );
}
