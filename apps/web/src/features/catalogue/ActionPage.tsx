import {
  type ActionDetail,
  actionKindLabels,
  actionStatusLabels,
  budgetSourceLabels,
  type DataInclusionPublic,
  dataInclusionPublicLabels,
  offerAxisLabels,
  type ServiceType,
  serviceTypeLabels,
  thematiqueFullLabel,
} from '@parcours/contracts';
import { useState } from 'react';
import { useParams } from 'react-router';
import { formatDate } from '../../lib/format';
import { Badge, Button, ButtonLink, ErrorState, Item, Loading, PageHeader, Section, Table } from '../../ui';
import { BackLink } from '../../ui/BackLink';
import { useCan } from '../auth/session';
import { ActionScopeDialog } from './ActionScopeDialog';
import { ActionSessions } from './ActionSessions';
import { useAction } from './api';
import { formatEuros, formatHours } from './format';
import './catalogue.css';

const list = (items: string[]) => (items.length ? items.join(' ; ') : '—');

/** One action of the catalogue: every field, its sessions with free places, its yearly budgets. */
export function ActionPage() {
  const { id = '' } = useParams();
  const action = useAction(id);
  if (action.isPending) return <Loading label="Chargement de l’action…" />;
  if (action.isError) return <ErrorState error={action.error} onRetry={() => action.refetch()} />;
  return <ActionView action={action.data} />;
}

function ActionView({ action }: { action: ActionDetail }) {
  const canManage = useCan('offer.manage');
  const [scope, setScope] = useState(false);
  const target = [
    action.publicDescription,
    action.targetMinAge !== null || action.targetMaxAge !== null
      ? `Âge : ${action.targetMinAge ?? '—'} à ${action.targetMaxAge ?? '—'} ans`
      : null,
    action.targetSex ? (action.targetSex === 'F' ? 'Femmes' : 'Hommes') : null,
  ].filter(Boolean);
  return (
    <>
      <BackLink fallback={{ to: '/catalogue', label: 'Retour au catalogue' }} />
      <PageHeader
        title={`${action.code} — ${action.title}`}
        description={
          <p>
            {offerAxisLabels[action.axis] ?? `Axe ${action.axis}`} · {actionKindLabels[action.kind]} ·{' '}
            <Badge tone={action.status === 'annulee' ? 'danger' : 'neutral'}>
              {actionStatusLabels[action.status]}
            </Badge>
          </p>
        }
        actions={
          canManage ? (
            <>
              <ButtonLink to={`/catalogue/actions/${action.id}/modifier`} variant="secondary">
                Modifier l’action
              </ButtonLink>
              <Button variant="secondary" onClick={() => setScope(true)}>
                Opérateurs et territoires
              </Button>
            </>
          ) : null
        }
      />
      <Section id="fiche" title="Fiche de l’action">
        <dl className="summary-list">
          <Item label="Regroupement">{action.grouping ?? '—'}</Item>
          <Item label="Opérateurs">{list(action.operators.map((o) => o.name))}</Item>
          <Item label="Lots et territoires">{action.territoryLabel}</Item>
          <Item label="Public visé">{target.length ? target.join(' · ') : '—'}</Item>
          <Item label="Publics (data·inclusion)">
            {list(action.publics.map((p) => dataInclusionPublicLabels[p as DataInclusionPublic] ?? p))}
          </Item>
          <Item label="Thématiques">{list(action.thematiques.map(thematiqueFullLabel))}</Item>
          <Item label="Type de service">
            {action.serviceType
              ? (serviceTypeLabels[action.serviceType as ServiceType] ?? action.serviceType)
              : '—'}
          </Item>
          <Item label="Heures par semaine">{formatHours(action.weeklyHours)}</Item>
          <Item label="Nombre de semaines">{action.weeks ?? '—'}</Item>
          <Item label="Période">
            {action.startsOn || action.endsOn
              ? `du ${formatDate(action.startsOn)} au ${formatDate(action.endsOn)}`
              : '—'}
          </Item>
          <Item label="Bénéficiaires prévus">
            {action.plannedBeneficiariesText ?? action.plannedBeneficiaries ?? '—'}
          </Item>
          <Item label="Coût unitaire">{formatEuros(action.unitCostCents)}</Item>
          <Item label="Origine">
            {action.source === 'annex' ? 'Annexe 2020 de la convention' : 'Saisie dans Parcours'}
          </Item>
        </dl>
      </Section>
      <Section id="objectifs" title="Objectifs et description">
        <h3>Objectifs</h3>
        <p className="catalogue-text">{action.objectives ?? 'Non renseignés.'}</p>
        <h3>Description</h3>
        <p className="catalogue-text">{action.description ?? 'Non renseignée.'}</p>
        <h3>Phases</h3>
        {action.phases.length ? (
          <ol>
            {action.phases.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: phases have no id; their order is their identity.
              <li key={i}>
                <strong>{p.label}</strong>
                {p.hours !== null ? ` (${formatHours(p.hours)})` : ''}
                {p.description ? ` : ${p.description}` : ''}
              </li>
            ))}
          </ol>
        ) : (
          <p>Aucune phase décrite.</p>
        )}
      </Section>
      <Section id="indicateurs" title="Indicateurs de l’action">
        {action.indicators.length ? (
          <Table
            caption="Indicateurs de l’action"
            captionHidden
            columns={[
              { key: 'label', header: 'Indicateur', rowHeader: true, render: (r) => r.label },
              {
                key: 'target',
                header: 'Cibles',
                render: (r) =>
                  [
                    r.target,
                    ...Object.entries(r.targets)
                      .sort()
                      .map(([year, t]) => `${year} : ${t}`),
                  ]
                    .filter(Boolean)
                    .join(' ; ') || '—',
              },
            ]}
            rows={action.indicators.map((r, i) => ({ ...r, key: String(i) }))}
            rowKey={(r) => r.key}
          />
        ) : (
          <p>Aucun indicateur propre.</p>
        )}
      </Section>
      <ActionSessions action={action} canManage={canManage} />
      <Section id="budgets" title="Budgets par année">
        {action.budgets.length ? (
          <Table
            caption="Budgets de l’action par année"
            captionHidden
            columns={[
              { key: 'year', header: 'Année', rowHeader: true, render: (b) => b.year },
              { key: 'source', header: 'Source', render: (b) => budgetSourceLabels[b.source] },
              { key: 'amount', header: 'Montant', nowrap: true, render: (b) => formatEuros(b.amountCents) },
              {
                key: 'state',
                header: 'Part de l’État',
                nowrap: true,
                render: (b) => formatEuros(b.stateShareCents),
              },
              {
                key: 'dep',
                header: 'Part du département',
                nowrap: true,
                render: (b) => formatEuros(b.departmentShareCents),
              },
              { key: 'note', header: 'Remarque', render: (b) => b.note ?? '' },
            ]}
            rows={action.budgets}
            rowKey={(b) => `${b.year}-${b.source}`}
          />
        ) : (
          <p>Aucun budget enregistré pour cette action.</p>
        )}
      </Section>
      {scope ? <ActionScopeDialog action={action} onClose={() => setScope(false)} /> : null}
    </>
  );
}
