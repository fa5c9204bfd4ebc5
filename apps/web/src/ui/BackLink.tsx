import { Link, useLocation } from 'react-router';
import { backLinkTo, originOf } from '../lib/origin';

/** « ← Retour à la file d’orientation »: back to where the agent came from, filters kept. */
export function BackLink({ fallback }: { fallback?: { to: string; label: string } }) {
  const location = useLocation();
  const from = originOf(location.state);
  const { to, label } = !from && fallback ? fallback : backLinkTo(from);
  return (
    <p className="back-link">
      <Link to={to}>
        <span aria-hidden="true">← </span>
        {label}
      </Link>
    </p>
  );
}

/** The router state of a link to another page of the same person: the origin goes along. */
export function useKeptOrigin() {
  const location = useLocation();
  const from = originOf(location.state);
  return from ? { from } : undefined;
}
