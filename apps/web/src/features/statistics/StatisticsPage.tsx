/** Foundation stub: the steering slice replaces it. */
export function StatisticsPage() {
  return <h1>Statistiques DREES</h1>;
}
