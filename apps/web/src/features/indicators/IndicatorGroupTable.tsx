import {
  indicatorDefinitions,
  type PlanPauvreteIndicatorKey,
  type PlanPauvreteIndicators,
} from '@parcours/contracts';
import { Link } from 'react-router';
import { type Column, Table, VisuallyHidden } from '../../ui';
import { DefinitionToggle } from './DefinitionToggle';
import { emptyFigureReason, formatFigure, formatRate, type IndicatorGroup } from './figures';
import { type IndicatorFilters, paramsOf } from './period';

interface Row {
  key: PlanPauvreteIndicatorKey;
  value: number | null;
}

/** The address of the persons behind a figure (same period and pôle). */
export function personsLink(filters: IndicatorFilters, key: PlanPauvreteIndicatorKey): string {
  return `/pilotage/indicateurs/personnes?${paramsOf(filters, { indicator: key })}`;
}

/**
 * One objective of the seed (3.1.1 …): its figures, the share of each in its whole when it has
 * one (derived here, never stored), the definition at hand and, for roles that may see persons,
 * the link to them. The steering role sees counts only.
 */
export function IndicatorGroupTable({
  group,
  indicators,
  filters,
  showPersons,
}: {
  group: IndicatorGroup;
  indicators: PlanPauvreteIndicators;
  filters: IndicatorFilters;
  showPersons: boolean;
}) {
  const headingId = `objectif-${group.ref.replaceAll('.', '-')}`;
  const columns: Column<Row>[] = [
    {
      key: 'label',
      header: 'Indicateur',
      rowHeader: true,
      className: 'indicator-label',
      render: ({ key }) => (
        <>
          <span className="indicator-label__text">{indicatorDefinitions[key].label}</span>{' '}
          <DefinitionToggle
            label={indicatorDefinitions[key].label}
            definition={indicatorDefinitions[key].definition}
          />
        </>
      ),
    },
    {
      key: 'value',
      header: 'Valeur',
      className: 'indicator-value',
      render: ({ key, value }) => {
        const reason = value === null ? emptyFigureReason(key) : null;
        return (
          <>
            {formatFigure(indicatorDefinitions[key], value)}
            {reason ? <span className="muted indicator-value__reason">{reason}</span> : null}
          </>
        );
      },
    },
    {
      key: 'rate',
      header: 'Part',
      className: 'indicator-rate',
      render: ({ key, value }) => {
        const of = indicatorDefinitions[key].of;
        if (!of || value === null) return <span className="muted">—</span>;
        const whole = indicators[of];
        const shown = whole === null ? null : formatRate(value, whole);
        return shown ? (
          <>
            {shown}
            <VisuallyHidden> des « {indicatorDefinitions[of].label.toLowerCase()} »</VisuallyHidden>
          </>
        ) : (
          <span className="muted">— (aucun)</span>
        );
      },
    },
  ];
  if (showPersons) {
    columns.push({
      key: 'persons',
      header: 'Personnes',
      render: ({ key, value }) =>
        // A mean of 0 days still has persons behind it; a count or a ratio of 0 has none.
        value === null || (value === 0 && indicatorDefinitions[key].kind !== 'mean') ? (
          <span className="muted">Aucune</span>
        ) : (
          <Link to={personsLink(filters, key)}>
            Voir les personnes
            <VisuallyHidden> : {indicatorDefinitions[key].label}</VisuallyHidden>
          </Link>
        ),
    });
  }
  return (
    <section className="section indicator-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {group.ref} — {group.title}
      </h2>
      <Table
        caption={`${group.ref} — ${group.title}`}
        captionHidden
        className="indicator-table"
        columns={columns}
        rows={group.keys.map((key) => ({ key, value: indicators[key] }))}
        rowKey={(row) => row.key}
      />
    </section>
  );
}
