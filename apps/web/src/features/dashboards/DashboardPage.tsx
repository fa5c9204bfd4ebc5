/** Foundation stub: the steering slice replaces it. */
export function DashboardPage() {
  return <h1>Tableau de bord</h1>;
}
