import { type ReactNode, useEffect } from 'react';
import { Link, NavLink, useLocation } from 'react-router';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

export interface LayoutProps {
  departmentName: string;
  /** Right side of the header (connected user, logout). */
  userArea?: ReactNode;
  navItems?: NavItem[];
  children: ReactNode;
}

export function SkipLinks() {
  return (
    <div className="skip-links">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
    </div>
  );
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

/** Page frame: skip link, header (banner), main navigation, main content, footer. */
export function Layout({ departmentName, userArea, navItems, children }: LayoutProps) {
  useFocusOnNavigation();
  return (
    <div className="app">
      <SkipLinks />
      <header className="site-header">
        <div className="site-header__inner">
          <div className="brand">
            <Link to="/" className="brand__name">
              Parcours
            </Link>
            {departmentName ? <span className="brand__department">{departmentName}</span> : null}
            <span className="brand__tagline">Insertion des bénéficiaires du RSA</span>
          </div>
          {userArea ? <div className="site-header__user">{userArea}</div> : null}
        </div>
      </header>
      {navItems && navItems.length > 0 ? (
        <nav className="main-nav" aria-label="Navigation principale">
          <ul className="main-nav__list">
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end ?? false} className="main-nav__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="contenu" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Parcours{departmentName ? ` — ${departmentName}` : ''} · Système d'information de la politique
          d'insertion des bénéficiaires du RSA
        </p>
      </footer>
    </div>
  );
}
