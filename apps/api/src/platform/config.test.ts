import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data for the Bouches-du-Rhône', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: undefined,
      dataDir: './.data',
      demo: true,
      departmentCode: '13',
      port: 3000,
    });
    expect(c.oidc).toBeUndefined();
  });

  it('does not load demo data into a real PostgreSQL unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', PARCOURS_DEMO: 'true' }).demo).toBe(true);
  });

  it('explains what is wrong, in French', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARCOURS_DEPARTMENT: '999' })).toThrow(/PARCOURS_DEPARTMENT/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/vont ensemble/);
  });

  it('enables OIDC with its three settings and secure cookies behind https', () => {
    const c = loadConfig({
      OIDC_ISSUER: 'https://idp.example',
      OIDC_CLIENT_ID: 'parcours',
      OIDC_CLIENT_SECRET: 's',
      PUBLIC_URL: 'https://parcours.departement13.fr',
    });
    expect(c.oidc).toMatchObject({
      issuer: 'https://idp.example',
      clientId: 'parcours',
      allowInsecure: false,
    });
    expect(c.cookieSecure).toBe(true);
  });
});
