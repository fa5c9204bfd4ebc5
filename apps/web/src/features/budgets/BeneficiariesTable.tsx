import {
  type BudgetConsumptionYear,
  type ExitCategory,
  exitCategories,
  exitCategoryLabels,
  exitTypes,
} from '@parcours/contracts';

const typeLabel = (category: ExitCategory, type: string) =>
  (exitTypes[category] as Record<string, string>)[type] ?? type;

/** Per action: beneficiaries planned, referred, entered and exits by type of the typology. */
export function BeneficiariesTable({ consumption }: { consumption: BudgetConsumptionYear }) {
  const actions = consumption.axes.flatMap((a) => a.actions);
  return (
    <section aria-labelledby="beneficiaires-actions">
      <h2 id="beneficiaires-actions">Bénéficiaires par action {consumption.year}</h2>
      <p className="muted">
        Orientés : fiches de liaison envoyées dans l’année ; entrés et sorties : datés dans l’année. Des
        nombres, jamais de personnes.
      </p>
      {actions.length === 0 ? (
        <p>Aucune action n’a de budget ni de fiche de liaison cette année.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--compact">
            <caption className="sr-only">
              Bénéficiaires {consumption.year} : prévus, orientés, entrés et sorties par type
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Prévus</th>
                <th scope="col">Orientés</th>
                <th scope="col">Entrés</th>
                {exitCategories.map((c) => (
                  <th key={c} scope="col">
                    {exitCategoryLabels[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.actionId}>
                  <th scope="row">
                    {a.code} — {a.title}
                  </th>
                  <td>{a.beneficiaries.planned ?? a.beneficiaries.plannedText ?? '—'}</td>
                  <td>{a.beneficiaries.referred}</td>
                  <td>{a.beneficiaries.entered}</td>
                  {exitCategories.map((c) => {
                    const exits = a.beneficiaries.exits.filter((e) => e.category === c);
                    const n = exits.reduce((s, e) => s + e.count, 0);
                    return (
                      <td key={c}>
                        {n}
                        {exits.length > 0 && c !== 'abandonment' && c !== 'reorientation' ? (
                          <ul className="plain-list muted">
                            {exits.map((e) => (
                              <li key={e.type}>
                                {typeLabel(c, e.type)} : {e.count}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
