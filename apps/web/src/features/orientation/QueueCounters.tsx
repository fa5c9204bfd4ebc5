import type { OrientationQueue } from '@parcours/contracts';
import { Link } from 'react-router';
import { FilterLinks } from '../../ui';

type LinkTo = (next: Record<string, string | undefined>) => string;

/** How many persons wait, and how many are past the target or the legal deadline. */
export function QueueCounters({ data, linkTo }: { data: OrientationQueue; linkTo: LinkTo }) {
  return (
    <section aria-labelledby="compteurs" className="counters">
      <h2 id="compteurs" className="sr-only">
        Compteurs
      </h2>
      <ul className="plain-list compact-list">
        <li>
          <strong>{data.counters.total}</strong> à orienter
        </li>
        <li>
          <Link to={linkTo({ overdue: 'target' })}>
            <strong>{data.counters.overdueTarget}</strong> au-delà de l’objectif d’un mois
          </Link>
        </li>
        <li>
          <Link to={linkTo({ overdue: 'legal' })}>
            <strong>{data.counters.overdueLegal}</strong> au-delà du délai légal
          </Link>
        </li>
      </ul>
    </section>
  );
}

/** The stage links (all, to convene, convened, absent, seen) with their counts. */
export function QueueStageLinks({
  data,
  linkTo,
  stage,
  overdue,
}: {
  data: OrientationQueue;
  linkTo: LinkTo;
  stage: string | undefined;
  overdue: string | undefined;
}) {
  const stageLinks = [
    { key: 'all', label: `Tous (${data.counters.total})`, value: undefined },
    { key: 'to_convene', label: `À convoquer (${data.counters.toConvene})`, value: 'to_convene' },
    { key: 'convened', label: `Convoqués (${data.counters.convened})`, value: 'convened' },
    { key: 'absent', label: `Absents (${data.counters.absent})`, value: 'absent' },
    { key: 'seen', label: `Reçus, à orienter (${data.counters.seen})`, value: 'seen' },
  ];
  return (
    <FilterLinks
      label="Étape"
      items={stageLinks.map((l) => ({
        key: l.key,
        to: linkTo({ stage: l.value, overdue: undefined }),
        label: l.label,
        current: (stage ?? undefined) === l.value && !overdue,
      }))}
    />
  );
}
