import { alertKindLabels, alertKinds, plural } from '@parcours/contracts';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading, PageHeader, SelectField } from '../../ui';
import { useActor } from '../auth/session';
import { useAlerts } from './api';
import { ScopeFilterForm } from './ScopeFilterForm';
import { useUrlFilters } from './url-filters';

const filterKeys = ['structureId', 'referentId', 'kind'] as const;

/**
 * The accompaniment alerts of the persons followed, derived from the facts each time: grouped by
 * kind with their counts, each line opening the person's file.
 */
export function AlertsPage() {
  const actor = useActor();
  const scope = useUrlFilters(filterKeys, filterKeys);
  const { filters, draft, setDraft } = scope;
  const alerts = useAlerts(filters);
  const data = alerts.data;
  const shown = data?.groups.filter((g) => g.count > 0) ?? [];

  return (
    <>
      <PageHeader
        title="Alertes d’accompagnement"
        description={
          <p>
            Calculées chaque jour à partir des dates enregistrées : premier rendez-vous dans les 14 jours
            après l’orientation, contrat d’engagement signé dans le mois (délai légal) et dans les deux mois
            (objectif), fin et expiration des contrats, réexamen du parcours social après 12 mois, personnes
            suivies avant 2025 sans contrat (échéance légale : 1er janvier 2027).
          </p>
        }
      />
      <ScopeFilterForm
        label="Filtrer les alertes"
        chooseStructure={actor.role === 'administrator'}
        referents={data?.referents ?? []}
        filters={scope}
      >
        <SelectField
          label="Type d’alerte"
          optional
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: v })}
          placeholder="Toutes les alertes"
          options={alertKinds.map((k) => ({ value: k, label: alertKindLabels[k] }))}
        />
      </ScopeFilterForm>

      {alerts.isPending ? <Loading label="Calcul des alertes…" /> : null}
      {alerts.isError ? (
        <ErrorState title="Les alertes n’ont pas pu être calculées." error={alerts.error} />
      ) : null}
      {data ? (
        <>
          <section aria-labelledby="synthese-alertes" className="section">
            <h2 id="synthese-alertes">
              {data.structure ? `Synthèse — ${data.structure.name}` : 'Choisissez une structure'}
            </h2>
            <p role="status">{plural(data.total, 'alerte', 'alertes')} au total.</p>
            <ul className="plain-list">
              {data.groups.map((g) => (
                <li key={g.kind}>
                  {g.count > 0 ? <a href={`#alertes-${g.kind}`}>{g.label}</a> : g.label} :{' '}
                  <strong>{g.count}</strong>
                </li>
              ))}
            </ul>
          </section>
          {shown.length === 0 ? (
            <EmptyState title="Aucune alerte">
              {data.structure ? 'Aucune personne suivie n’est en retard.' : 'Choisissez une structure.'}
            </EmptyState>
          ) : null}
          {shown.map((g) => (
            <section key={g.kind} aria-labelledby={`alertes-${g.kind}`} className="section">
              <h2 id={`alertes-${g.kind}`} tabIndex={-1}>
                {g.label} ({g.count})
              </h2>
              <ul>
                {g.items.map((a) => (
                  <li key={`${a.kind}-${a.personId}-${a.dueDate}`}>
                    <Link to={`/personnes/${a.personId}`}>{a.personName}</Link>
                    {a.referentName && actor.role !== 'referent' ? ` (référent : ${a.referentName})` : ''} —{' '}
                    {a.label}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
