import { type FailureQueue, failureKindLabels } from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { EmptyState, ErrorState, Loading, PageHeader, SelectField, Table } from '../../ui';
import { useHubs } from '../territory/api';
import { useFailureQueue } from './api';
import { SanctionsNav } from './SanctionsNav';

type Item = FailureQueue['items'][number];

/** The failures to examine per pôle: recorded ones and those the facts show, with each person's history. */
export function FailureQueuePage() {
  const [hubId, setHubId] = useState('');
  const hubs = useHubs();
  const queue = useFailureQueue(hubId);
  return (
    <>
      <PageHeader
        title="Manquements à examiner"
        description={
          <p>
            Les personnes soumises aux droits et devoirs dont un manquement est enregistré ou constaté dans
            les faits (absence sans motif à une convocation, pas de contrat dans le délai), avec leurs
            manquements et sanctions antérieurs. La procédure s’ouvre depuis le dossier de la personne.
          </p>
        }
      />
      <SanctionsNav />
      <SelectField
        label="Pôle"
        value={hubId}
        onChange={setHubId}
        placeholder="Tous les pôles"
        options={(hubs.data ?? []).map((h) => ({ value: h.id, label: h.name }))}
      />
      {queue.isPending ? (
        <Loading label="Chargement des manquements…" />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState title="Aucun manquement à examiner." />
      ) : (
        <Table<Item>
          caption={`${queue.data.items.length} personne(s) avec un manquement à examiner`}
          rows={queue.data.items}
          rowKey={(i) => i.personId}
          columns={[
            {
              key: 'name',
              header: 'Personne',
              rowHeader: true,
              render: (i) => <Link to={`/personnes/${i.personId}#sanctions`}>{i.name}</Link>,
            },
            { key: 'hub', header: 'Pôle', render: (i) => i.hubName ?? '—' },
            {
              key: 'failures',
              header: 'Manquements',
              render: (i) => (
                <ul className="plain-list">
                  {i.failures.map((f) => (
                    <li key={f.id}>
                      {failureKindLabels[f.kind]}, le {formatDate(f.factsDate)}
                    </li>
                  ))}
                  {i.detected.map((d) => (
                    <li key={`${d.kind}-${d.factsDate}-${d.appointmentId ?? d.contractRefusalId ?? ''}`}>
                      {failureKindLabels[d.kind]}, le {formatDate(d.factsDate)} (constaté, à enregistrer)
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              key: 'history',
              header: 'Antécédents',
              render: (i) => `${i.earlierFailures} manquement(s), ${i.earlierSanctions} sanction(s)`,
            },
          ]}
        />
      )}
    </>
  );
}
