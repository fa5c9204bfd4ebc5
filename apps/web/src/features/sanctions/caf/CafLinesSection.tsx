import {
  type CafLine,
  type CafLineStatus,
  cafEndReasonLabel,
  cafLineKindLabels,
  cafLineStatuses,
  cafLineStatusLabels,
} from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format';
import { Badge, EmptyState, ErrorState, Loading, SelectField, Table } from '../../../ui';
import { useCafLines } from './api';

const tone = (l: CafLine) =>
  l.status === 'accepted'
    ? 'success'
    : l.status === 'withdrawn'
      ? 'neutral'
      : l.rejectionCount > 0
        ? 'danger'
        : 'warning';

/** The lines for the CAF (waiting by default): each decision, its state, the CAF's last rejection. */
export function CafLinesSection() {
  const [status, setStatus] = useState<CafLineStatus | 'all'>('pending');
  const lines = useCafLines(status);
  return (
    <section className="section" aria-labelledby="lignes-caf">
      <h2 id="lignes-caf">Lignes à transmettre</h2>
      <SelectField
        label="État des lignes"
        value={status}
        onChange={(v) => setStatus(v as CafLineStatus | 'all')}
        options={[
          ...cafLineStatuses.map((s) => ({ value: s, label: cafLineStatusLabels[s] })),
          { value: 'all', label: 'Toutes' },
        ]}
      />
      {lines.isPending ? (
        <Loading label="Chargement des lignes…" />
      ) : lines.isError ? (
        <ErrorState error={lines.error} onRetry={() => lines.refetch()} />
      ) : lines.data.items.length === 0 ? (
        <EmptyState title="Aucune ligne dans cet état." />
      ) : (
        <Table<CafLine>
          caption={`${lines.data.items.length} ligne(s) — ${status === 'all' ? 'tous états' : cafLineStatusLabels[status].toLowerCase()}`}
          rows={lines.data.items}
          rowKey={(l) => l.id}
          columns={[
            {
              key: 'person',
              header: 'Personne',
              rowHeader: true,
              render: (l) => <Link to={`/personnes/${l.personId}#sanctions`}>{l.personName}</Link>,
            },
            { key: 'kind', header: 'Nature', render: (l) => cafLineKindLabels[l.kind] },
            { key: 'on', header: 'Date d’effet', nowrap: true, render: (l) => formatDate(l.effectiveOn) },
            {
              key: 'rate',
              header: 'Taux, durée',
              render: (l) =>
                [l.percent !== null ? `${l.percent} %` : null, l.months !== null ? `${l.months} mois` : null]
                  .filter(Boolean)
                  .join(', ') || '—',
            },
            { key: 'end', header: 'Motif de fin', render: (l) => cafEndReasonLabel(l.endReason) ?? '—' },
            {
              key: 'status',
              header: 'État',
              render: (l) => <Badge tone={tone(l)}>{cafLineStatusLabels[l.status]}</Badge>,
            },
            {
              key: 'rejection',
              header: 'Dernier rejet de la CAF',
              render: (l) =>
                l.lastRejectionReason
                  ? `« ${l.lastRejectionReason} » (${formatDate(l.lastRejectedOn)}${l.rejectionCount > 1 ? `, ${l.rejectionCount} rejets` : ''})`
                  : '—',
            },
            { key: 'file', header: 'Dernier fichier', nowrap: true, render: (l) => formatDate(l.fileDate) },
          ]}
        />
      )}
    </section>
  );
}
