import type { ReactNode } from 'react';
import { Link, type To } from 'react-router';

export interface FilterLink {
  key: string;
  to: To;
  label: ReactNode;
  current: boolean;
}

/** A row of links that filter the page (by status…); the current one is marked aria-current. */
export function FilterLinks({ label, items }: { label: string; items: FilterLink[] }) {
  return (
    <nav aria-label={label} className="filter-links">
      <ul className="filter-links__list">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              to={item.to}
              className="filter-links__link"
              aria-current={item.current ? 'page' : undefined}
              replace
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
