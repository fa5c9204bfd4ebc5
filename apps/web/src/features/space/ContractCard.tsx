import { type ContractSummary, contractStatusLabels } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { ErrorState, Loading } from '../../ui';
import { useMyContracts } from './api';

/** Contracts the person can see: the one to sign first, then in force, then the others. */
const order: Record<string, number> = { proposed: 0, in_force: 1, signed: 2, draft: 9 };

export function ContractCard({ personId }: { personId: string }) {
  const contracts = useMyContracts(personId);
  return (
    <section className="card" aria-labelledby="contrat">
      <h2 id="contrat" className="space-card__title">
        Mon contrat d’engagement
      </h2>
      {contracts.isPending ? <Loading label="Chargement de votre contrat…" /> : null}
      {contracts.isError ? (
        <ErrorState
          title="Votre contrat n’a pas pu s’afficher."
          error={contracts.error}
          onRetry={() => contracts.refetch()}
        />
      ) : null}
      {contracts.data ? <ContractList items={contracts.data.items} /> : null}
    </section>
  );
}

function ContractList({ items }: { items: ContractSummary[] }) {
  // A draft is the référent's work in progress: not shown until proposed.
  const shown = items
    .filter((c) => c.status !== 'draft' && c.status !== 'cancelled')
    .sort(
      (a, b) => (order[a.status] ?? 5) - (order[b.status] ?? 5) || b.startDate.localeCompare(a.startDate),
    );
  if (!shown.length) {
    return <p>Vous n’avez pas encore de contrat d’engagement. Votre référent le préparera avec vous.</p>;
  }
  return (
    <ul className="space-list">
      {shown.map((c) => (
        <li key={c.id}>
          <p className="space-when">
            Du {formatDate(c.startDate)} au {formatDate(c.endDate)}
          </p>
          <p>
            {contractStatusLabels[c.status]}
            {c.referentName ? ` — avec ${c.referentName}` : ''}
            {c.weeklyHours ? ` — ${c.weeklyHours} h d’activités par semaine` : ''}
          </p>
          <Link
            to={`/espace/contrat/${c.id}`}
            className={`button ${c.status === 'proposed' ? 'button--primary' : 'button--secondary'} button--block`}
          >
            {c.status === 'proposed' ? 'Lire et signer mon contrat' : 'Lire mon contrat'}
          </Link>
        </li>
      ))}
    </ul>
  );
}
