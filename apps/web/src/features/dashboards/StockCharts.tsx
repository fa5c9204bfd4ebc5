import {
  type DashboardResponse,
  exitCategories,
  exitCategoryLabels,
  queueAgeBands,
  referralStatuses,
  referralStatusLabels,
} from '@parcours/contracts';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { frDate, share } from './filters';
import { SeriesChart } from './SeriesChart';

type Data = DashboardResponse;

/** Persons waiting for their initial orientation on the day, by pôle and age, stacked. */
export function QueueChart({ data, csv }: { data: Data; csv: string }) {
  const rows = data.queue.map((q) => ({
    hub: q.hubName,
    ...Object.fromEntries(q.bands.map((b) => [b.key, b.count])),
    total: q.total,
  }));
  const bands = queueAgeBands.map((b) => ({ key: b.key, label: b.label }));
  return (
    <ChartFigure
      title="File d’attente d’orientation par pôle"
      description={
        <p>
          Personnes soumises aux droits et devoirs, droit ouvert, entrées et pas encore orientées le{' '}
          {frDate(data.on)}, par pôle d’insertion et ancienneté de l’entrée (en jours). Le filtre de structure
          ne s’applique pas : ces personnes n’ont pas encore de structure.
        </p>
      }
      columns={[{ key: 'hub', label: 'Pôle d’insertion' }, ...bands, { key: 'total', label: 'Total' }]}
      rows={rows}
      csvName={`file-attente-orientation_${csv}`}
      countColumns={bands.map((b) => b.key)}
      totalColumn="total"
    >
      <SeriesChart data={rows} categoryKey="hub" bars={bands} stacked horizontal />
    </ChartFigure>
  );
}

/** Persons followed by each structure against the caps of its référents. */
export function LoadsChart({ data, csv }: { data: Data; csv: string }) {
  const rows = data.portfolioLoads.map((l) => ({
    structure: l.structureName,
    hub: l.hubName ?? '—',
    referents: l.referents,
    persons: l.persons,
    cap: l.cap,
    rate: share(l.persons, l.cap),
  }));
  return (
    <ChartFigure
      title="Charge des portefeuilles par structure"
      description={
        <p>
          Le {frDate(data.on)} : personnes suivies par les référents de chaque structure, et la somme des
          plafonds de portefeuille de ses référents actifs (règle datée en vigueur ce jour-là : binôme
          d’accompagnement global ou plafond du type de structure).
        </p>
      }
      columns={[
        { key: 'structure', label: 'Structure' },
        { key: 'hub', label: 'Pôle d’insertion' },
        { key: 'referents', label: 'Référents actifs' },
        { key: 'persons', label: 'Personnes suivies' },
        { key: 'cap', label: 'Plafond cumulé' },
        { key: 'rate', label: 'Taux de charge' },
      ]}
      rows={rows}
      csvName={`charge-portefeuilles_${csv}`}
      countColumns={['persons']}
    >
      <SeriesChart
        data={rows}
        categoryKey="structure"
        bars={[
          { key: 'persons', label: 'Personnes suivies' },
          { key: 'cap', label: 'Plafond cumulé' },
        ]}
        horizontal
      />
    </ChartFigure>
  );
}

/** Referrals sent in the period per action, stacked by status; exits per action by category. */
export function ActionCharts({ data, csv }: { data: Data; csv: string }) {
  const statuses = referralStatuses.map((s) => ({ key: s, label: referralStatusLabels[s] }));
  const categories = exitCategories.map((c) => ({ key: c, label: exitCategoryLabels[c] }));
  const name = (a: Data['actions'][number]) => `${a.code} — ${a.title}`;
  const referralRows = data.actions.map((a) => {
    const counts = statuses.map((s) => a.referrals[s.key] ?? 0);
    return {
      action: name(a),
      ...Object.fromEntries(statuses.map((s, i) => [s.key, counts[i]!])),
      total: counts.reduce((x, y) => x + y, 0),
    };
  });
  const exitRows = data.actions
    .map((a) => {
      const counts = categories.map((c) => a.exits[c.key] ?? 0);
      return {
        action: name(a),
        ...Object.fromEntries(categories.map((c, i) => [c.key, counts[i]!])),
        total: counts.reduce((x, y) => x + y, 0),
      };
    })
    .filter((r) => r.total > 0);
  return (
    <>
      <ChartFigure
        title="Prescriptions par action et par statut"
        description={
          <p>
            Fiches de liaison envoyées dans la période, par action d’insertion et statut à ce jour (pôle de la
            personne, structure qui a prescrit).
          </p>
        }
        columns={[{ key: 'action', label: 'Action' }, ...statuses, { key: 'total', label: 'Total' }]}
        rows={referralRows}
        csvName={`prescriptions-par-action_${csv}`}
        countColumns={statuses.map((s) => s.key)}
        totalColumn="total"
      >
        <SeriesChart data={referralRows} categoryKey="action" bars={statuses} stacked horizontal />
      </ChartFigure>
      <ChartFigure
        title="Sorties par action et par type"
        description={
          <p>Sorties d’action datées dans la période, par action et catégorie de la typologie de sortie.</p>
        }
        columns={[{ key: 'action', label: 'Action' }, ...categories, { key: 'total', label: 'Total' }]}
        rows={exitRows}
        csvName={`sorties-par-action_${csv}`}
        countColumns={categories.map((c) => c.key)}
        totalColumn="total"
      >
        <SeriesChart data={exitRows} categoryKey="action" bars={categories} stacked horizontal />
      </ChartFigure>
    </>
  );
}
