import { roleLabels } from '@parcours/contracts';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { SessionTimeout } from '../features/auth/SessionTimeout';
import { logout, useActor, useDepartmentName, useSessionQuery } from '../features/auth/session';
import { errorMessage } from '../lib/api';
import { currentSection, originOf } from '../lib/origin';
import { Alert, Button, Layout, Loading } from '../ui';
import { sectionsFor } from './navigation';

/** Frame of the authenticated pages: header with the user, navigation by permissions, session timeout. */
export function AppShell({ children }: { children?: ReactNode }) {
  const actor = useActor();
  const session = useSessionQuery();
  const departmentName = useDepartmentName();
  const signOut = useMutation({ mutationFn: () => logout('this') });
  const location = useLocation();
  const sections = sectionsFor(actor);
  // A file opened from the queue keeps « Orientation » highlighted (the origin, not the address).
  const current = currentSection(sections, location.pathname, originOf(location.state));
  const navItems = sections.map((section) => ({
    to: section.to,
    label: section.label,
    end: section.end ?? false,
    current: section === current,
  }));

  const userArea = (
    <div className="user-menu">
      <p className="user-menu__identity">
        <span className="user-menu__name">{actor.displayName}</span>
        <span className="user-menu__role">{roleLabels[actor.role]}</span>
      </p>
      <Link to="/mon-compte" className="user-menu__link">
        Mon compte
      </Link>
      <Button variant="inverse" size="sm" pending={signOut.isPending} onClick={() => signOut.mutate()}>
        Se déconnecter
      </Button>
    </div>
  );

  return (
    <Layout departmentName={departmentName} userArea={userArea} navItems={navItems}>
      {signOut.isError ? (
        <Alert tone="error" title="La déconnexion n’a pas abouti">
          <p>{errorMessage(signOut.error)} Réessayez, ou fermez votre navigateur.</p>
        </Alert>
      ) : null}
      {/* Screens are fetched on first visit (./pages): the frame stays while one arrives. */}
      <Suspense fallback={<Loading label="Chargement de la page…" />}>{children ?? <Outlet />}</Suspense>
      {session.data ? <SessionTimeout idleTimeoutSeconds={session.data.idleTimeoutSeconds} /> : null}
    </Layout>
  );
}
