import type { AuthConfig } from '@parcours/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { SiteFrame } from '../../ui/SiteFrame';
import { PublicSignPage } from '../immersions/PublicSignPage';
import { SpaceLinkPage } from '../space/SpaceLinkPage';
import { SpaceSignInPage } from '../space/SpaceSignInPage';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { LoginPage } from './LoginPage';
import { fallbackAuthConfig, publicCall } from './public-api';
import { ResetPasswordPage } from './ResetPasswordPage';

function PublicFrame({ departmentName, children }: { departmentName: string; children: ReactNode }) {
  const brand = (
    <a href="/" className="brand__name">
      Parcours
    </a>
  );
  return (
    <SiteFrame departmentName={departmentName} brand={brand}>
      <div className="public-page">{children}</div>
    </SiteFrame>
  );
}

/** The pages seen before signing in, served by `connexion.html` without the application's bundle. */
export function PublicApp({ pathname }: { pathname: string }) {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  useEffect(() => {
    publicCall('authConfig').then(setConfig, () => setConfig(fallbackAuthConfig));
  }, []);
  const page =
    pathname === '/espace/connexion' ? (
      <SpaceSignInPage />
    ) : pathname === '/espace/lien' ? (
      <SpaceLinkPage />
    ) : pathname === '/immersion/signer' ? (
      <PublicSignPage />
    ) : pathname === '/mot-de-passe-oublie' ? (
      <ForgotPasswordPage />
    ) : pathname === '/reinitialiser-mot-de-passe' ? (
      <ResetPasswordPage />
    ) : (
      <LoginPage config={config} />
    );
  return <PublicFrame departmentName={config?.departmentName ?? ''}>{page}</PublicFrame>;
}
