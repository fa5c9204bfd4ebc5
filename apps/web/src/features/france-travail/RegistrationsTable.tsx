import type { FtBatch } from '@parcours/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatNumber, plural } from '../../lib/format';
import { Badge, Button, type Column, Table, VisuallyHidden } from '../../ui';
import { useCan } from '../auth/session';
import { ftStateLabels, ftStateTones, householdRoleLabel } from '../persons/labels';
import type { FtRegistration, FtState } from './api';
import { listTitles } from './labels';

const pageSize = 200;

/** The registrations in one state, 200 at a time, each linked to the person's file. */
export function RegistrationsTable({
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
