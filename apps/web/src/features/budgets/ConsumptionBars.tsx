import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { type ChartColumn, ChartFigure, type ChartRow } from '../../ui/charts/ChartFigure';
import { ChartPatterns, patternId, styleOf } from '../../ui/charts/patterns';

/** One group of bars: planned and committed in cents (committed null: unit cost undefined). */
export interface ConsumptionBar {
  /** Short label under the bars (« Axe 3 », « 2031 »). */
  short: string;
  /** Full label of the table's row. */
  label: string;
  plannedCents: number | null;
  committedCents: number | null;
  gapCents: number | null;
}

const compact = new Intl.NumberFormat('fr-FR', {
  notation: 'compact',
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 1,
});
const barLabel = (v: unknown) => (typeof v === 'number' ? compact.format(v) : '');
const euros = (cents: number | null) => (cents === null ? null : cents / 100);
const NOT_DEFINED = 'coût unitaire non défini';

const columns: ChartColumn[] = [
  { key: 'label', label: 'Ligne' },
  { key: 'planned', label: 'Prévu (€)' },
  { key: 'committed', label: 'Engagé (€)' },
  { key: 'gap', label: 'Écart prévu − engagé (€)' },
];

/**
 * Planned vs committed as bars, readable without colour: planned is plain, committed hatched, each
 * bar carries its amount. The same data as a table and as CSV (`ChartFigure`).
 */
export function ConsumptionBars({
  title,
  description,
  csvName,
  bars,
}: {
  title: string;
  description: string;
  csvName: string;
  bars: ConsumptionBar[];
}) {
  const prefix = useId();
  const data = bars.map((b) => ({
    short: b.short,
    planned: euros(b.plannedCents) ?? 0,
    committed: euros(b.committedCents) ?? 0,
  }));
  const rows: ChartRow[] = bars.map((b) => ({
    label: b.label,
    planned: euros(b.plannedCents) ?? 'non prévu',
    committed: euros(b.committedCents) ?? NOT_DEFINED,
    gap: euros(b.gapCents) ?? NOT_DEFINED,
  }));
  const series = [
    { key: 'planned', label: 'Prévu' },
    { key: 'committed', label: 'Engagé' },
  ];
  return (
    <ChartFigure
      title={title}
      description={<p>{description}</p>}
      columns={columns}
      rows={rows}
      csvName={csvName}
    >
      <ResponsiveContainer width="100%" height={320}>
        <BarChart data={data} margin={{ top: 24, right: 20, bottom: 10, left: 20 }}>
          <ChartPatterns prefix={prefix} count={series.length} />
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="short" interval={0} />
          <YAxis tickFormatter={barLabel} width={80} />
          <Legend />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={`url(#${patternId(prefix, i)})`}
              stroke={styleOf(i).color}
              strokeDasharray={styleOf(i).dash}
              strokeWidth={1.5}
              isAnimationActive={false}
            >
              <LabelList dataKey={s.key} position="top" formatter={barLabel} fill="#161616" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
