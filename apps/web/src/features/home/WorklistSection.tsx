import { type Worklist, type WorklistItem, worklistGroupLabels, worklistGroups } from '@parcours/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format';
import { ErrorState, Loading } from '../../ui';
import { useWorklist } from './api';

function hrefOf(target: NonNullable<WorklistItem['target']>): string {
  const query = new URLSearchParams(target.query).toString();
  return query ? `${target.path}?${query}` : target.path;
}

/** One count: a link to the screen that lists the items (plain text for steering's aggregates). */
function WorklistEntry({ item }: { item: WorklistItem }) {
  const tone =
    item.count === 0 ? 'worklist__item--none' : item.group === 'late' ? 'worklist__item--late' : '';
  const [count, ...rest] = item.label.split(' ');
  const text = (
    <>
      <span className="worklist__count">{count}</span> {rest.join(' ')}
    </>
  );
  return (
    <li className={`worklist__item ${tone}`} data-key={item.key}>
      {item.target ? <Link to={hrefOf(item.target)}>{text}</Link> : <span>{text}</span>}
    </li>
  );
}

function Groups({ data }: { data: Worklist }) {
  const groups = worklistGroups
    .map((group) => ({ group, items: data.items.filter((i) => i.group === group) }))
    .filter((g) => g.items.length > 0);
  if (groups.length === 0)
    return <p className="muted">Rien n’est à traiter aujourd’hui depuis votre page d’accueil.</p>;
  return (
    <div className="worklist">
      {groups.map(({ group, items }) => (
        <section key={group} aria-labelledby={`travail-${group}`} className="worklist__group">
          <h3 id={`travail-${group}`} className="worklist__title">
            {worklistGroupLabels[group]}
          </h3>
          <ul className="plain-list">
            {items.map((item) => (
              <WorklistEntry key={item.key} item={item} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * « À traiter »: the counts of the actor's role and scope, each a link to the filtered screen;
 * « Chiffres du jour » for steering (aggregates, no link).
 */
export function WorklistSection({ aggregates }: { aggregates: boolean }) {
  const worklist = useWorklist();
  return (
    <section className="section" aria-labelledby="a-traiter">
      <h2 id="a-traiter">{aggregates ? 'Chiffres du jour' : 'À traiter'}</h2>
      {worklist.isPending ? (
        <Loading label="Chargement de votre liste de travail…" />
      ) : worklist.isError ? (
        <ErrorState error={worklist.error} onRetry={() => worklist.refetch()} />
      ) : (
        <>
          <p className="muted">
            Le {formatDate(worklist.data.today)}, {worklist.data.scopeLabel}
            {worklist.data.aggregatesOnly
              ? ' : chiffres agrégés, sans accès aux dossiers individuels.'
              : '. Chaque ligne ouvre la liste correspondante.'}
          </p>
          <Groups data={worklist.data} />
        </>
      )}
    </section>
  );
}
