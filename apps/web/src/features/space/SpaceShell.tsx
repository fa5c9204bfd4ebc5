import { useMutation } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { errorMessage } from '../../lib/api';
import { Alert, Button, Layout, Loading } from '../../ui';
import { SessionTimeout } from '../auth/SessionTimeout';
import { logout, useActor, useDepartmentName, useSessionQuery } from '../auth/session';
import './space.css';

/** The beneficiary's own frame: no agents' navigation, the name and a big "Se déconnecter". */
export function SpaceShell() {
  const actor = useActor();
  const session = useSessionQuery();
  const departmentName = useDepartmentName();
  const signOut = useMutation({ mutationFn: () => logout('this') });
  const userArea = (
    <div className="user-menu">
      <p className="user-menu__identity">
        <span className="user-menu__name">{actor.displayName}</span>
        <span className="user-menu__role">Mon espace</span>
      </p>
      <Button variant="inverse" size="sm" pending={signOut.isPending} onClick={() => signOut.mutate()}>
        Se déconnecter
      </Button>
    </div>
  );
  return (
    <Layout departmentName={departmentName} userArea={userArea}>
      <div className="space">
        {signOut.isError ? (
          <Alert tone="error" title="La déconnexion n’a pas abouti">
            <p>{errorMessage(signOut.error)} Réessayez, ou fermez votre navigateur.</p>
          </Alert>
        ) : null}
        <Suspense fallback={<Loading label="Chargement de la page…" />}>
          <Outlet />
        </Suspense>
      </div>
      {session.data ? <SessionTimeout idleTimeoutSeconds={session.data.idleTimeoutSeconds} /> : null}
    </Layout>
  );
}
