import type { Permission } from '@parcours/contracts';
import { type ReactNode, useEffect } from 'react';
import { useLocation } from 'react-router';
import { ErrorState, Loading, PageHeader } from '../../ui';
import { ForbiddenContent } from './ForbiddenContent';
import { PublicLayout } from './PublicLayout';
import { ActorProvider, useCan, useSessionQuery } from './session';
import { loginPath } from './sign-in-state';

/** Pages behind the login: sends to /connexion (keeping the return path) when nobody is signed in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();
  const signedOut = session.isSuccess && !session.data;
  const back = location.pathname + location.search;
  useEffect(() => {
    // The sign-in pages are their own light bundle: a full page load, not a route of this one.
    // The beneficiary's space has its own sign-in page (link or code, no password).
    if (signedOut)
      window.location.replace(back.startsWith('/espace') ? '/espace/connexion' : loginPath(back));
  }, [signedOut, back]);
  if (session.isPending || signedOut) {
    return (
      <PublicLayout narrow={false}>
        <Loading label="Chargement de Parcours…" />
      </PublicLayout>
    );
  }
  if (session.isError) {
    return (
      <PublicLayout>
        <PageHeader title="Service momentanément indisponible" />
        <ErrorState
          title="Parcours n’a pas pu vérifier votre session."
          error={session.error}
          onRetry={() => session.refetch()}
        />
      </PublicLayout>
    );
  }
  if (!session.data) return null;
  return <ActorProvider actor={session.data.actor}>{children}</ActorProvider>;
}

/** Pages of a permission: others see "Accès refusé" at the same address. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  return allowed ? children : <ForbiddenContent />;
}
