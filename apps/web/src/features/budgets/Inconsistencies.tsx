import { type AnnexInconsistency, annexCheckKindLabels } from '@parcours/contracts';
import { EmptyState } from '../../ui';
import { formatCents } from './money';

/** « Incohérences de l'annexe »: each finding with its two facts, neither picked. */
export function Inconsistencies({ items }: { items: AnnexInconsistency[] }) {
  return (
    <section aria-labelledby="incoherences">
      <h2 id="incoherences">Incohérences de l’annexe</h2>
      <p>
        Là où l’annexe se contredit, les deux chiffres sont gardés tels qu’imprimés ; aucun n’est retenu à la
        place de l’autre.
      </p>
      {items.length === 0 ? (
        <EmptyState title="Aucune incohérence">L’annexe de cette année ne se contredit pas.</EmptyState>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={`${item.kind}-${item.actionCode ?? item.lineLabel}-${item.message}`}>
              <p>
                <strong>{annexCheckKindLabels[item.kind]}</strong> — {item.message}
              </p>
              <dl className="summary-list">
                {item.facts.map((f) => (
                  <div key={f.source}>
                    <dt>{f.source}</dt>
                    <dd>{f.amountCents === null ? (f.text ?? '—') : formatCents(f.amountCents)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
