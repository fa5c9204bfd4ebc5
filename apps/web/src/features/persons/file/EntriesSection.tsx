import type { PersonFile } from '@parcours/contracts';
import { formatDate } from '../../../lib/format';
import { Section } from '../../../ui';

export function EntriesSection({ entries }: { entries: PersonFile['entries'] }) {
  const rows = [...entries].sort((a, b) => b.entryDate.localeCompare(a.entryDate));
  return (
    <Section id="entrees" title="Entrées">
      {rows.length === 0 ? (
        <p className="muted">
          Aucune entrée dans le dispositif (droits ouverts et soumis aux droits et devoirs) n’est enregistrée.
        </p>
      ) : (
        <>
          <p className="muted">
            Dates d’entrée dans le dispositif (droits ouverts et soumis aux droits et devoirs), de la plus
            récente à la plus ancienne.
          </p>
          <ul className="plain-list entry-list">
            {rows.map((entry) => (
              <li key={entry.entryDate}>
                Entrée le <time dateTime={entry.entryDate}>{formatDate(entry.entryDate)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
