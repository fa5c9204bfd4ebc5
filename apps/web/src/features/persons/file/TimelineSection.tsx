import type { TimelineEvent } from '@parcours/contracts';
import { useState } from 'react';
import { formatDate, isoDate, plural } from '../../../lib/format';
import { Button, EmptyState, Section, VisuallyHidden } from '../../../ui';
import { sourceLabel } from '../labels';

const timelinePage = 50;

export function TimelineSection({ events }: { events: TimelineEvent[] }) {
  const [shown, setShown] = useState(timelinePage);
  const sorted = [...events].sort(
    (a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.recordedAt.localeCompare(a.recordedAt),
  );
  const visible = sorted.slice(0, shown);
  const rest = sorted.length - visible.length;
  return (
    <Section id="chronologie" title="Chronologie">
      {sorted.length === 0 ? (
        <EmptyState title="Aucun événement n’est encore enregistré pour cette personne." />
      ) : (
        <>
          <p className="muted">
            {plural(sorted.length, 'événement', 'événements')}, du plus récent au plus ancien.
          </p>
          <ol className="timeline">
            {visible.map((event) => (
              <li key={event.id} className="timeline__item">
                <time className="timeline__date" dateTime={isoDate(event.occurredOn)}>
                  {formatDate(event.occurredOn)}
                </time>
                <div className="timeline__body">
                  <p className="timeline__label">{event.label}</p>
                  <p className="timeline__source">Source : {sourceLabel(event.source)}</p>
                </div>
              </li>
            ))}
          </ol>
          {rest > 0 ? (
            <p>
              <Button variant="secondary" onClick={() => setShown((n) => n + timelinePage)}>
                Afficher {Math.min(rest, timelinePage)} événements plus anciens
                <VisuallyHidden> (reste {rest})</VisuallyHidden>
              </Button>
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}
