import {
  contractStatuses,
  contractStatusLabels,
  type PortfolioSort,
  plural,
  portfolioSorts,
} from '@parcours/contracts';
import { EmptyState, ErrorState, Loading, PageHeader, SelectField } from '../../ui';
import { useActor } from '../auth/session';
import { portfolioExportUrl, usePortfolio } from './api';
import { PortfolioTable } from './PortfolioTable';
import { ScopeFilterForm } from './ScopeFilterForm';
import { useUrlFilters } from './url-filters';

const filterKeys = ['structureId', 'referentId', 'contract', 'withAlerts', 'sort', 'order'] as const;
const draftKeys = ['structureId', 'referentId', 'contract', 'withAlerts'] as const;

/**
 * The portfolio of a référent (their own), of a structure (its manager, one référent on demand), or
 * of the structure an administrator picks: filters and sort in the address bar, XLSX export.
 */
export function PortfolioPage() {
  const actor = useActor();
  const scope = useUrlFilters(filterKeys, draftKeys);
  const { filters, draft, setDraft, apply } = scope;
  const portfolio = usePortfolio(filters);
  const admin = actor.role === 'administrator';
  const data = portfolio.data;
  const sort = (portfolioSorts as readonly string[]).includes(filters.sort ?? '')
    ? (filters.sort as PortfolioSort)
    : 'name';
  const order = filters.order === 'desc' ? 'desc' : 'asc';

  return (
    <>
      <PageHeader
        title="Portefeuille"
        description={
          <p>
            Les personnes dont {actor.role === 'referent' ? 'vous êtes' : 'la structure est'} le référent
            unique : prochain rendez-vous, contrat d’engagement, heures d’activité prévues cette semaine et
            alertes.
          </p>
        }
      />
      <ScopeFilterForm
        label="Filtrer le portefeuille"
        chooseStructure={admin}
        referents={data?.referents ?? []}
        filters={scope}
      >
        <SelectField
          label="Contrat"
          optional
          value={draft.contract}
          onChange={(v) => setDraft({ ...draft, contract: v })}
          placeholder="Tous"
          options={[
            { value: 'none', label: 'Sans contrat' },
            ...contractStatuses.map((s) => ({ value: s, label: contractStatusLabels[s] })),
          ]}
        />
        <SelectField
          label="Alertes"
          optional
          value={draft.withAlerts}
          onChange={(v) => setDraft({ ...draft, withAlerts: v })}
          placeholder="Toutes les personnes"
          options={[
            { value: 'yes', label: 'Avec au moins une alerte' },
            { value: 'no', label: 'Sans alerte' },
          ]}
        />
      </ScopeFilterForm>

      {portfolio.isPending ? <Loading label="Chargement du portefeuille…" /> : null}
      {portfolio.isError ? (
        <ErrorState title="Le portefeuille n’a pas pu être chargé." error={portfolio.error} />
      ) : null}
      {data ? (
        <section aria-labelledby="liste-portefeuille">
          <h2 id="liste-portefeuille">{data.structure ? data.structure.name : 'Choisissez une structure'}</h2>
          <p role="status">
            {plural(data.entries.length, 'personne affichée', 'personnes affichées')} sur {data.total}.
          </p>
          <p>
            <a className="button button--secondary button--sm" href={portfolioExportUrl(filters)} download>
              Exporter le portefeuille (XLSX)
            </a>
          </p>
          {data.entries.length === 0 ? (
            <EmptyState title="Aucune personne">
              {data.structure
                ? 'Aucune personne ne correspond à ces critères.'
                : 'Choisissez une structure pour voir son portefeuille.'}
            </EmptyState>
          ) : (
            <PortfolioTable
              entries={data.entries}
              sort={sort}
              order={order}
              showReferent={actor.role !== 'referent'}
              onSort={(s, o) => apply({ sort: s, order: o })}
            />
          )}
        </section>
      ) : null}
    </>
  );
}
