import type { ReactNode } from 'react';

export interface SiteFrameProps {
  departmentName: string;
  /** The "Parcours" brand as a link home: a router link inside the application, a plain link outside. */
  brand: ReactNode;
  /** Right side of the header (connected user, logout). */
  userArea?: ReactNode;
  /** The main navigation, when there is one. */
  nav?: ReactNode;
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

/**
 * Page frame: skip link, header (banner), navigation, main content, footer. Free of the router so
 * the sign-in pages, served without it, use the same frame.
 */
export function SiteFrame({ departmentName, brand, userArea, nav, children }: SiteFrameProps) {
  return (
    <div className="app">
      <SkipLinks />
      <header className="site-header">
        <div className="site-header__inner">
          <div className="brand">
            {brand}
            {departmentName ? <span className="brand__department">{departmentName}</span> : null}
            <span className="brand__tagline">Insertion des bénéficiaires du RSA</span>
          </div>
          {userArea ? <div className="site-header__user">{userArea}</div> : null}
        </div>
      </header>
      {nav}
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
