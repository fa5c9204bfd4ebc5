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

describe('audit settings', () => {
  it('accepts a 32-byte AUDIT_KEY in hex or base64 and refuses a short one, in French', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ AUDIT_KEY: hex }).auditKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 3).toString('base64');
    expect(loadConfig({ AUDIT_KEY: b64 }).auditKey).toEqual(Buffer.alloc(32, 3));
    expect(() => loadConfig({ AUDIT_KEY: 'ab'.repeat(16) })).toThrow(/AUDIT_KEY.*32 octets/);
    expect(() => loadConfig({ AUDIT_KEY: 'secret' })).toThrow(/AUDIT_KEY/);
  });

  it('requires AUDIT_KEY in production on PostgreSQL', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@localhost/db' };
    expect(() => loadConfig(prod)).toThrow(/AUDIT_KEY est obligatoire/);
    expect(loadConfig({ ...prod, AUDIT_KEY: 'ab'.repeat(32) }).auditKey).toBeDefined();
  });

  it('keeps checkpoints beside the data, none for an in-memory database unless asked', () => {
    expect(loadConfig({}).auditCheckpointFile).toBe('.data/audit-checkpoints.jsonl');
    expect(loadConfig({}, { dataDir: 'memory://' }).auditCheckpointFile).toBeUndefined();
    expect(loadConfig({ AUDIT_CHECKPOINT_FILE: '/var/log/parcours/cp.jsonl' }).auditCheckpointFile).toBe(
      '/var/log/parcours/cp.jsonl',
    );
    expect(loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@h/db' }).migrationDatabaseUrl).toBe(
      'postgres://owner@h/db',
    );
  });
});

describe('login throttling, proxies and OpenAPI settings', () => {
  it('throttles after 5 failures in 15 minutes by default and still reads the former names', () => {
    const d = loadConfig({});
    expect([d.loginThrottleAfter, d.loginThrottleWindowMinutes, d.loginThrottleMaxDelaySeconds]).toEqual([
      5, 15, 30,
    ]);
    const old = loadConfig({ LOGIN_MAX_ATTEMPTS: '8', LOGIN_LOCKOUT_MINUTES: '30' });
    expect([old.loginThrottleAfter, old.loginThrottleWindowMinutes]).toEqual([8, 30]);
    const both = loadConfig({ LOGIN_THROTTLE_AFTER: '3', LOGIN_MAX_ATTEMPTS: '8' });
    expect(both.loginThrottleAfter).toBe(3);
  });

  it('believes X-Forwarded-For only from private-network proxies behind PUBLIC_URL, or the ones named', () => {
    expect(loadConfig({}).trustedProxies).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://parcours.example.fr' }).trustedProxies).toBe(
      'loopback, linklocal, uniquelocal',
    );
    expect(
      loadConfig({ PUBLIC_URL: 'https://parcours.example.fr', TRUSTED_PROXIES: '10.0.0.5' }).trustedProxies,
    ).toBe('10.0.0.5');
  });

  it('keeps the OpenAPI document private unless OPENAPI_PUBLIC=true', () => {
    expect(loadConfig({}).openapiPublic).toBe(false);
    expect(loadConfig({ OPENAPI_PUBLIC: 'true' }).openapiPublic).toBe(true);
  });
});
