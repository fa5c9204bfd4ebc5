import { useSearchParams } from 'react-router';
import { formatNumber } from '../../lib/format';
import { EmptyState, ErrorState, FilterLinks, Loading, PageHeader } from '../../ui';
import { ftStateLabels } from '../persons/labels';
import { AcknowledgementSection } from './AcknowledgementSection';
import { type FtState, ftStates, useBatches, useRegistrations } from './api';
import { BatchesSection } from './BatchesSection';
import { emptyTitles, listTitles } from './labels';
import { RegistrationsTable } from './RegistrationsTable';

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
