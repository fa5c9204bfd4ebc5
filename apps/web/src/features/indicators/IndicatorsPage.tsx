/** Foundation stub: the steering slice replaces it. */
export function IndicatorsPage() {
  return <h1>Indicateurs du Plan Pauvreté</h1>;
}
