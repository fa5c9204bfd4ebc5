import { type AidConsumption, aidKindLabels, formatCents } from '@parcours/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import {
  EmptyState,
  ErrorState,
  LiveMessage,
  Loading,
  PageHeader,
  Section,
  SelectField,
  Table,
} from '../../ui';
import { AidsNav } from './AidsNav';
import { useAidEnvelopes } from './api';
import { EnvelopeForm } from './EnvelopeForm';
import { currentYear } from './labels';

/** Yearly envelopes per kind and pôle with their consumption; the aids manager opens and changes them. */
export function EnvelopesPage() {
  const now = currentYear();
  const [year, setYear] = useState(now);
  const envelopes = useAidEnvelopes(year);
  const [message, setMessage] = useState<string | null>(null);
  const rows = envelopes.data?.items ?? [];
  const sum = (f: (e: AidConsumption) => number) => rows.reduce((s, e) => s + f(e), 0);
  return (
    <>
      <PageHeader
        title="Enveloppes des aides individuelles"
        description={
          <p>
            Le montant de chaque année par nature d’aide et par pôle, et ce qui est engagé dessus : aides
            validées, en paiement et payées. Chaque modification est tracée au journal avec son motif.
          </p>
        }
      />
      <AidsNav />
      <LiveMessage>{message}</LiveMessage>
      <SelectField
        label="Année"
        value={String(year)}
        onChange={(v) => setYear(Number(v))}
        options={[now - 1, now, now + 1].map((y) => ({ value: String(y), label: String(y) }))}
      />
      {envelopes.isPending ? (
        <Loading label="Chargement des enveloppes…" />
      ) : envelopes.isError ? (
        <ErrorState error={envelopes.error} onRetry={() => envelopes.refetch()} />
      ) : (
        <>
          <Section id="consommation" title={`Consommation ${year}`}>
            {rows.length === 0 ? (
              <EmptyState title="Aucune enveloppe ouverte pour cette année." />
            ) : (
              <>
                <p>
                  Total : {formatCents(sum((e) => e.amountCents ?? 0))} ouverts,{' '}
                  {formatCents(sum((e) => e.committedCents))} engagés, {formatCents(sum((e) => e.paidCents))}{' '}
                  payés.
                </p>
                <Table<AidConsumption>
                  caption={`Enveloppes ${year} par pôle et nature d’aide`}
                  captionHidden
                  rows={rows}
                  rowKey={(e) => `${e.hubId}|${e.kind}`}
                  columns={[
                    { key: 'hub', header: 'Pôle', render: (e) => e.hubName },
                    { key: 'kind', header: 'Nature', rowHeader: true, render: (e) => aidKindLabels[e.kind] },
                    {
                      key: 'amount',
                      header: 'Enveloppe',
                      nowrap: true,
                      render: (e) => (e.amountCents === null ? 'non ouverte' : formatCents(e.amountCents)),
                    },
                    {
                      key: 'validated',
                      header: 'Validé',
                      nowrap: true,
                      render: (e) => formatCents(e.validatedCents),
                    },
                    {
                      key: 'ordered',
                      header: 'En paiement',
                      nowrap: true,
                      render: (e) => formatCents(e.orderedCents),
                    },
                    { key: 'paid', header: 'Payé', nowrap: true, render: (e) => formatCents(e.paidCents) },
                    {
                      key: 'left',
                      header: 'Reste',
                      nowrap: true,
                      render: (e) => (e.remainingCents === null ? '—' : formatCents(e.remainingCents)),
                    },
                    {
                      key: 'asked',
                      header: 'Demandes en attente',
                      nowrap: true,
                      render: (e) => formatCents(e.requestedCents),
                    },
                    {
                      key: 'by',
                      header: 'Dernière modification',
                      render: (e) =>
                        e.updatedAt
                          ? `${formatDateTime(e.updatedAt)}${e.updatedByName ? `, ${e.updatedByName}` : ''}`
                          : '—',
                    },
                  ]}
                />
              </>
            )}
          </Section>
          <Section id="ouvrir" title="Ouvrir ou modifier une enveloppe">
            <EnvelopeForm year={year} envelopes={rows} onDone={setMessage} />
          </Section>
        </>
      )}
    </>
  );
}
