import type { PlanWeek } from '@parcours/contracts';
import { useId } from 'react';
import { formatDate } from '../../lib/format';
import { Table } from '../../ui';
import { hoursLabel, weeksSummary } from './draft';

const BAR = 26;
const GAP = 8;
const LEFT = 40;
const TOP = 18;
const HEIGHT = 160;
const BOTTOM = 22;

/**
 * The 15-hour planner as a small chart: one bar per week of the contract, the minimum as a dashed
 * line; weeks under it are hatched and marked "!" (readable without colour). The same figures are
 * given as a table.
 */
export function WeeklyChart({
  weeks,
  minimum,
  caption = 'Heures prévues par semaine',
}: {
  weeks: readonly PlanWeek[];
  minimum: number;
  caption?: string;
}) {
  const raw = useId();
  const id = `plan${raw.replace(/[^a-zA-Z0-9]/g, '')}`;
  const summary = weeksSummary(weeks, minimum);
  const top = Math.max(minimum, ...weeks.map((w) => w.hours)) * 1.15 || 1;
  const y = (hours: number) => TOP + HEIGHT - (hours / top) * HEIGHT;
  const width = LEFT + Math.max(weeks.length, 4) * (BAR + GAP) + GAP;
  const total = TOP + HEIGHT + BOTTOM;
  const every = weeks.length > 26 ? 4 : weeks.length > 12 ? 2 : 1;

  return (
    <figure className="plan-chart" aria-labelledby={`${id}-legende`}>
      <figcaption id={`${id}-legende`}>{caption}</figcaption>
      <p aria-live="polite" className="muted">
        {summary}
      </p>
      {weeks.length > 0 ? (
        <>
          <svg
            className="plan-chart__svg"
            viewBox={`0 0 ${width} ${total}`}
            role="img"
            aria-labelledby={`${id}-titre`}
          >
            <title id={`${id}-titre`}>
              {`${caption}. ${summary} Le détail semaine par semaine est donné dans le tableau qui suit.`}
            </title>
            <defs>
              <pattern id={`${id}-hachures`} width="6" height="6" patternUnits="userSpaceOnUse">
                <rect className="plan-chart__hatch-bg" width="6" height="6" />
                <path className="plan-chart__hatch-line" d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" />
              </pattern>
            </defs>
            <line className="plan-chart__axis" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + HEIGHT} />
            <line className="plan-chart__axis" x1={LEFT} x2={width} y1={TOP + HEIGHT} y2={TOP + HEIGHT} />
            <text className="plan-chart__text" x={4} y={TOP + HEIGHT + 4}>
              0 h
            </text>
            {weeks.map((w, i) => {
              const x = LEFT + GAP + i * (BAR + GAP);
              const h = Math.max((w.hours / top) * HEIGHT, w.hours > 0 ? 1 : 0);
              return (
                <g key={w.weekStart}>
                  <rect
                    className={w.underMinimum ? 'plan-chart__bar--under' : 'plan-chart__bar'}
                    fill={w.underMinimum ? `url(#${id}-hachures)` : undefined}
                    x={x}
                    y={TOP + HEIGHT - h}
                    width={BAR}
                    height={h}
                  />
                  <text className="plan-chart__text" x={x + BAR / 2} y={y(w.hours) - 4} textAnchor="middle">
                    {`${w.underMinimum ? '! ' : ''}${formatShort(w.hours)}`}
                  </text>
                  {i % every === 0 ? (
                    <text className="plan-chart__text" x={x + BAR / 2} y={total - 6} textAnchor="middle">
                      {`S${i + 1}`}
                    </text>
                  ) : null}
                </g>
              );
            })}
            <line className="plan-chart__minimum" x1={LEFT} x2={width} y1={y(minimum)} y2={y(minimum)} />
            <text
              className="plan-chart__text plan-chart__text--minimum"
              x={LEFT - 4}
              y={y(minimum) + 4}
              textAnchor="end"
            >
              {`${minimum} h`}
            </text>
          </svg>
          <ul className="plan-chart__legend">
            <li>
              <span className="plan-chart__swatch plan-chart__swatch--planned" aria-hidden="true" />
              Semaine au minimum ou au-delà
            </li>
            <li>
              <span className="plan-chart__swatch plan-chart__swatch--under" aria-hidden="true" />
              Semaine sous le minimum (hachurée, marquée « ! »)
            </li>
            <li>
              <span className="plan-chart__swatch plan-chart__swatch--minimum" aria-hidden="true" />
              Minimum : {minimum} heures par semaine (S1 = semaine 1)
            </li>
          </ul>
          <details className="details">
            <summary className="details__summary">Détail semaine par semaine (tableau)</summary>
            <Table
              caption="Heures prévues par semaine"
              captionHidden
              className="table--compact"
              rows={weeks.map((w, i) => ({ ...w, n: i + 1 }))}
              rowKey={(w) => w.weekStart}
              columns={[
                {
                  key: 'week',
                  header: 'Semaine',
                  rowHeader: true,
                  render: (w) => `Semaine ${w.n} : du ${formatDate(w.weekStart)} au ${formatDate(w.weekEnd)}`,
                },
                { key: 'hours', header: 'Heures prévues', nowrap: true, render: (w) => hoursLabel(w.hours) },
                {
                  key: 'under',
                  header: `Sous ${minimum} h`,
                  render: (w) => (w.underMinimum ? 'Oui, sous le minimum' : 'Non'),
                },
              ]}
            />
          </details>
        </>
      ) : null}
    </figure>
  );
}

const formatShort = (hours: number) => hours.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
