import { useId } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartPatterns, patternId, styleOf } from '../../ui/charts/patterns';

export interface Series {
  key: string;
  label: string;
}

type Datum = Record<string, string | number | null>;

const label = (v: unknown) => (typeof v === 'number' && v > 0 ? v.toLocaleString('fr-FR') : '');

/**
 * Bars (and optional lines) readable without colour: each bar series has its own hatch pattern and
 * outline dash, each line its dash style and dot shape, and every value is printed on its mark.
 * Decorative for assistive technologies: `ChartFigure` offers the same data as a table.
 */
export function SeriesChart({
  data,
  categoryKey,
  bars,
  lines = [],
  stacked = false,
  horizontal = false,
  height = 300,
}: {
  data: Datum[];
  categoryKey: string;
  bars: Series[];
  lines?: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  height?: number;
}) {
  const prefix = useId();
  const size = horizontal ? Math.max(height, 60 + data.length * (stacked ? 40 : 28 * bars.length)) : height;
  return (
    <ResponsiveContainer width="100%" height={size}>
      <ComposedChart
        data={data}
        layout={horizontal ? 'vertical' : 'horizontal'}
        accessibilityLayer={false}
        margin={{ top: 20, right: 30, bottom: 10, left: 10 }}
      >
        <ChartPatterns prefix={prefix} count={bars.length + lines.length} />
        <CartesianGrid strokeDasharray="3 3" />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey={categoryKey} width={200} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
          </>
        )}
        <Legend />
        {bars.map((s, i) => {
          const style = styleOf(i);
          return (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={`url(#${patternId(prefix, i)})`}
              stroke={style.color}
              strokeDasharray={style.dash}
              strokeWidth={1.5}
              isAnimationActive={false}
              {...(stacked ? { stackId: 'all' } : {})}
            >
              <LabelList
                dataKey={s.key}
                position={stacked ? 'inside' : horizontal ? 'right' : 'top'}
                formatter={label}
                fill="#161616"
              />
            </Bar>
          );
        })}
        {lines.map((s, j) => {
          const style = styleOf(bars.length + j);
          return (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={style.color}
              strokeDasharray={style.dash}
              strokeWidth={2}
              dot={{ r: 4, strokeWidth: 2, fill: j % 2 ? '#ffffff' : style.color }}
              isAnimationActive={false}
            >
              <LabelList dataKey={s.key} position="top" formatter={label} fill="#161616" />
            </Line>
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
