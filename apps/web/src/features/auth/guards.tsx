import type { Permission } from '@parcours/contracts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, Loading, PageHeader } from '../../ui';
import { ForbiddenContent } from './ForbiddenContent';
import { PublicLayout } from './PublicLayout';
import { ActorProvider, useCan, useSessionQuery } from './session';

/** Pages behind the login: redirects to /connexion (keeping the return path) when nobody is signed in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) {
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
  if (!session.data) {
    const back = location.pathname + location.search;
    return (
      <Navigate to={back === '/' ? '/connexion' : `/connexion?retour=${encodeURIComponent(back)}`} replace />
    );
  }
  return <ActorProvider actor={session.data.actor}>{children}</ActorProvider>;
}

/** Pages of a permission: others see "Accès refusé" at the same address. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  return allowed ? children : <ForbiddenContent />;
}
