import type { ConventionRow } from '@parcours/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading, PageHeader, SelectField } from '../../ui';
import { useCan } from '../auth/session';
import { conventionXlsxUrl, useConventionTable } from './api';
import { SectionTable, type Selected } from './SectionTable';
import { ValueDialog } from './ValueDialog';

const thisYear = new Date().getFullYear();
/** Years offered for the computed column: from the convention's first (2018) to this one. */
const years = Array.from({ length: thisYear - 2018 + 1 }, (_, i) => thisYear - i);

/** Rows grouped by axis, then section, in the table's order. */
function grouped(rows: ConventionRow[]) {
  const axes: { axis: number; label: string; sections: ConventionRow[][] }[] = [];
  for (const row of rows) {
    let axis = axes.at(-1);
    if (!axis || axis.axis !== row.axis) {
      axis = { axis: row.axis, label: row.axisLabel, sections: [] };
      axes.push(axis);
    }
    const section = axis.sections.at(-1);
    if (section && section[0]!.section === row.section) section.push(row);
    else axis.sections.push([row]);
  }
  return axes;
}

/**
 * The convention's indicator table: every row of axes 1, 2 and 3 with the convention's values and
 * their definitions, the figures Parcours computes for a chosen year beside them, each value's
 * history and, for the steering role, its change (value or « ND », with a comment); XLSX export.
 */
export function ConventionPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('annee'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear - 1;
  const table = useConventionTable(year);
  const canManage = useCan('convention.manage');
  const [selected, setSelected] = useState<Selected | null>(null);
  const data = table.data;
  const row = data?.rows.find((r) => r.id === selected?.rowId);
  const cell = row?.cells.find((c) => c.id === selected?.cellId);

  return (
    <>
      <PageHeader
        title="Tableau des indicateurs de la convention"
        description={
          <p>
            Les indicateurs de la convention avec l’État (axes 1, 2 et 3), les valeurs déclarées et les
            objectifs. Les lignes 3.1 et 3.2 sont aussi calculées par Parcours pour l’année choisie.
            {canManage
              ? ' Choisissez une valeur pour la modifier ou voir son historique.'
              : ' Choisissez une valeur pour voir son historique.'}
          </p>
        }
      />
      <form className="inline-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Année de la colonne calculée"
          value={String(year)}
          onChange={(v) => setParams({ annee: v })}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </form>
      <p>
        <a className="button button--secondary button--sm" href={conventionXlsxUrl(year)} download>
          Télécharger le tableau (XLSX)
        </a>
      </p>
      {table.isPending ? <Loading label="Chargement du tableau…" /> : null}
      {table.isError ? <ErrorState title="Le tableau n’a pas pu être chargé." error={table.error} /> : null}
      {data && data.rows.length === 0 ? (
        <EmptyState title="Aucun indicateur">
          Le tableau de la convention n’est pas encore chargé (commande « convention import »).
        </EmptyState>
      ) : null}
      {data
        ? grouped(data.rows).map((axis) => (
            <section key={axis.axis} aria-labelledby={`axe-${axis.axis}`}>
              <h2 id={`axe-${axis.axis}`}>
                Axe {axis.axis} — {axis.label}
              </h2>
              {axis.sections.map((rows) => (
                <SectionTable
                  key={rows[0]!.section}
                  rows={rows}
                  columns={data.columns}
                  year={data.year}
                  onOpen={setSelected}
                />
              ))}
            </section>
          ))
        : null}
      {row && cell ? (
        <ValueDialog row={row} cell={cell} canManage={canManage} onClose={() => setSelected(null)} />
      ) : null}
    </>
  );
}
