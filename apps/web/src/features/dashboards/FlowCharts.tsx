import type { DashboardBand, DashboardResponse } from '@parcours/contracts';
import type { ReactNode } from 'react';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { monthLabel, share } from './filters';
import { SeriesChart } from './SeriesChart';

type Data = DashboardResponse;

/** Entries by month: bars of entrants, lines of those oriented and oriented within a month. */
export function EntrantsChart({ data, csv }: { data: Data; csv: string }) {
  const rows = data.newEntrants.map((m) => ({
    month: monthLabel(m.month),
    entrants: m.entrants,
    oriented: m.oriented,
    within: m.orientedWithin1Month,
  }));
  return (
    <ChartFigure
      title="Nouveaux entrants par mois"
      description={
        <p>
          Entrées dans le droit des personnes soumises aux droits et devoirs, par mois d’entrée ; parmi elles,
          celles qui ont une orientation initiale (à ce jour) et celles orientées en un mois calendaire au
          plus.
        </p>
      }
      columns={[
        { key: 'month', label: 'Mois d’entrée' },
        { key: 'entrants', label: 'Nouveaux entrants' },
        { key: 'oriented', label: 'Dont orientés' },
        { key: 'within', label: 'Dont orientés en 1 mois et moins' },
      ]}
      rows={rows}
      csvName={`nouveaux-entrants_${csv}`}
      countColumns={['entrants', 'oriented', 'within']}
    >
      <SeriesChart
        data={rows}
        categoryKey="month"
        bars={[{ key: 'entrants', label: 'Nouveaux entrants' }]}
        lines={[
          { key: 'oriented', label: 'Dont orientés' },
          { key: 'within', label: 'Dont orientés en 1 mois et moins' },
        ]}
      />
    </ChartFigure>
  );
}

/** A distribution in bands: one bar a band, the value printed on it; the table adds the share. */
export function DistributionChart({
  title,
  description,
  bandHeader,
  bands,
  csvName,
}: {
  title: string;
  description: ReactNode;
  bandHeader: string;
  bands: DashboardBand[];
  csvName: string;
}) {
  const total = bands.reduce((a, b) => a + b.count, 0);
  const rows = bands.map((b) => ({ band: b.label, count: b.count }));
  return (
    <ChartFigure
      title={title}
      description={
        <>
          {description}
          <p>Effectif total : {total.toLocaleString('fr-FR')}.</p>
        </>
      }
      columns={[
        { key: 'band', label: bandHeader },
        { key: 'count', label: 'Personnes' },
      ]}
      rows={rows}
      csvName={csvName}
      countColumns={['count']}
    >
      <SeriesChart data={rows} categoryKey="band" bars={[{ key: 'count', label: 'Personnes' }]} />
    </ChartFigure>
  );
}

export function OrientationDelayChart({ data, csv }: { data: Data; csv: string }) {
  const d = data.orientationDelays;
  return (
    <DistributionChart
      title="Délais d’orientation des nouveaux entrants"
      description={
        <p>
          Jours entre l’entrée et l’orientation initiale des entrants de la période.{' '}
          <strong>
            Orientés en 1 mois et moins : {share(d.within1Month, d.entrants)} ({d.within1Month} sur{' '}
            {d.entrants})
          </strong>{' '}
          ;{' '}
          <strong>
            en 6 semaines et moins : {share(d.within6Weeks, d.entrants)} ({d.within6Weeks} sur {d.entrants})
          </strong>
          .
        </p>
      }
      bandHeader="Délai d’orientation"
      bands={d.bands}
      csvName={`delais-orientation_${csv}`}
    />
  );
}

export function FirstAppointmentChart({ data, csv }: { data: Data; csv: string }) {
  const d = data.firstAppointmentDelays;
  return (
    <DistributionChart
      title="Délais du premier rendez-vous d’accompagnement"
      description={
        <p>
          Personnes orientées dans la période vers le parcours social ou socio-professionnel (hors France
          Travail) : jours entre l’orientation et le premier rendez-vous d’accompagnement fixé (non annulé).{' '}
          <strong>
            Dans les 2 semaines : {share(d.within2Weeks, d.oriented)} ({d.within2Weeks} sur {d.oriented})
          </strong>
          .
        </p>
      }
      bandHeader="Délai du premier rendez-vous"
      bands={d.bands}
      csvName={`delais-premier-rendez-vous_${csv}`}
    />
  );
}

export function ContractDelayChart({ data, csv }: { data: Data; csv: string }) {
  const d = data.contractDelays;
  return (
    <DistributionChart
      title="Délais du premier contrat d’engagement"
      description={
        <p>
          Personnes orientées dans la période : mois calendaires entre l’orientation et la signature du
          premier contrat d’engagement.{' '}
          <strong>
            Dans les 2 mois : {share(d.within2Months, d.oriented)} ({d.within2Months} sur {d.oriented})
          </strong>
          .
        </p>
      }
      bandHeader="Délai du premier contrat"
      bands={d.bands}
      csvName={`delais-premier-contrat_${csv}`}
    />
  );
}
