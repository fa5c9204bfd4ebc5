/** Foundation stub: the steering slice replaces it. */
export function ConventionPage() {
  return <h1>Tableau des indicateurs de la convention</h1>;
}
