import { type ReactNode, useEffect } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { SiteFrame } from './SiteFrame';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** Whether this is the current section; when absent, the address decides (NavLink). */
  current?: boolean;
}

export interface LayoutProps {
  departmentName: string;
  /** Right side of the header (connected user, logout). */
  userArea?: ReactNode;
  navItems?: NavItem[];
  children: ReactNode;
}

let lastPathname: string | null = null;

/** After a navigation inside the application, move focus to the new page's h1 (announced by screen readers). */
function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const previous = lastPathname;
    lastPathname = pathname;
    if (previous === null || previous === pathname) return;
    requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) heading.focus();
      else document.getElementById('contenu')?.focus();
    });
  }, [pathname]);
}

/** The application's frame: router links, main navigation, focus moved to the new page's title. */
export function Layout({ departmentName, userArea, navItems, children }: LayoutProps) {
  useFocusOnNavigation();
  const nav =
    navItems && navItems.length > 0 ? (
      <nav className="main-nav" aria-label="Navigation principale">
        <ul className="main-nav__list">
          {navItems.map((item) => (
            <li key={item.to}>
              {item.current === undefined ? (
                <NavLink to={item.to} end={item.end ?? false} className="main-nav__link">
                  {item.label}
                </NavLink>
              ) : (
                <Link
                  to={item.to}
                  className="main-nav__link"
                  aria-current={item.current ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
    ) : null;
  const brand = (
    <Link to="/" className="brand__name">
      Parcours
    </Link>
  );
  return (
    <SiteFrame departmentName={departmentName} brand={brand} userArea={userArea} nav={nav}>
      {children}
    </SiteFrame>
  );
}
