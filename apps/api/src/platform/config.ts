import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting comes from the environment, validated once at start. Documented in the README. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  TRUSTED_PROXIES: z.string().trim().max(1000).optional(),
  DATABASE_URL: z.string().optional(),
  MIGRATION_DATABASE_URL: z.string().optional(),
  NODE_ENV: z.string().optional(),
  AUDIT_KEY: z
    .string()
    .optional()
    .refine((v) => !v || parseAuditKey(v) !== null, {
      message: 'clé de 32 octets au moins, en hexadécimal (64 caractères ou plus) ou en base64',
    }),
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  PARCOURS_DATA_DIR: z.string().default('./.data'),
  /** Tests only: see Config.pgliteSnapshot. */
  PARCOURS_TEST_PGLITE_SNAPSHOT: z.string().optional(),
  PARCOURS_DEPARTMENT: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .default('13'),
  PARCOURS_DEMO: bool.optional(),
  PARCOURS_DEMO_PERSONS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  OPENAPI_PUBLIC: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_THROTTLE_AFTER: z.coerce.number().int().min(1).max(1000).optional(),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  LOGIN_THROTTLE_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(120).default(30),
  // Former names (a lockout), still read so an existing setting keeps its order of magnitude.
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).optional(),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).default(60),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Parcours <ne-pas-repondre@parcours.localhost>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default('Se connecter avec ProConnect'),
  OIDC_SCOPES: z.string().default('openid email given_name usual_name'),
  OIDC_ALLOW_INSECURE: bool.optional(),
  JOBS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  JOBS_ENABLED: bool.optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  FLUX_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024 * 1024),
  FLUX_PARTIAL_POLICY: z.enum(['reject', 'apply-valid']).default('reject'),
  SMS_PROVIDER_URL: z.url().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  SMS_CALLBACK_SECRET: z.string().min(16).optional(),
  SMS_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9 ]{1,11}$/)
    .default('PARCOURS'),
  REMINDER_LEAD_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  REMINDER_QUIET_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 7)
    .default(24),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  /** Addresses of the reverse proxies whose `X-Forwarded-For` is believed (proxy-addr syntax). */
  trustedProxies: string | undefined;
  databaseUrl: string | undefined;
  /** Owner connection for migrations; the application's role (DATABASE_URL) may then be restricted. */
  migrationDatabaseUrl: string | undefined;
  /** HMAC key of the audit chain (AUDIT_KEY); absent: a key file in the data directory. */
  auditKey: Buffer | undefined;
  /** Append-only file of signed checkpoints of the audit chain head; undefined: none (in-memory tests). */
  auditCheckpointFile: string | undefined;
  auditCheckpointMinutes: number;
  /** `memory://` for an in-memory PGlite (tests). */
  dataDir: string;
  /**
   * Tests only: a new embedded database (in memory, or a data directory not created yet) starts from
   * this dump of an already migrated one (`dumpDataDir`) instead of running initdb and every
   * migration again (the pending ones still run). `PARCOURS_TEST_PGLITE_SNAPSHOT` for child processes.
   */
  pgliteSnapshot?: string;
  departmentCode: string;
  demo: boolean;
  /** Synthetic persons loaded with the demo (history import), once. */
  demoPersons: number;
  logLevel: string;
  /** The OpenAPI document and viewer without a session (otherwise: signed-in agents only). */
  openapiPublic: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  /** Failed logins for one (e-mail, source address) in the window before each attempt is delayed. */
  loginThrottleAfter: number;
  /** Failures count for this long; the account owner is told at most once per window. */
  loginThrottleWindowMinutes: number;
  /** The progressive delay stops growing here (never a lockout). */
  loginThrottleMaxDelaySeconds: number;
  loginRateLimitPerMinute: number;
  passwordResetTtlMinutes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        label: string;
        scopes: string;
        allowInsecure: boolean;
      }
    | undefined;
  oidcLabel: string;
  jobsPollMs: number;
  jobsEnabled: boolean;
  bodyLimitBytes: number;
  fluxMaxBytes: number;
  fluxPartialPolicy: 'reject' | 'apply-valid';
  /** HTTP SMS provider (JSON POST with a bearer token); without it SMS are written as files (demo). */
  smsProviderUrl: string | undefined;
  smsProviderToken: string | undefined;
  /** Shared secret the provider sends with its delivery callbacks; callbacks are refused without it. */
  smsCallbackSecret: string | undefined;
  /** Alphanumeric sender shown on the phone (11 characters at most). */
  smsSender: string;
  /** Appointment reminders go this many hours before the appointment. */
  reminderLeadHours: number;
  /** No reminder while the convocation by e-mail or SMS is younger than this (hours). */
  reminderQuietHours: number;
  webDistDir: string;
}

export class ConfigError extends Error {}

/** AUDIT_KEY: at least 32 bytes, hex (64+ characters) or base64; null when it is neither. */
export function parseAuditKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]+$/.test(v)) return v.length >= 64 && v.length % 2 === 0 ? Buffer.from(v, 'hex') : null;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) return null;
  const bytes = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
  return bytes.length >= 32 ? bytes : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError('OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble.');
  }
  if (e.SMS_PROVIDER_URL && !e.SMS_PROVIDER_TOKEN) {
    throw new ConfigError('SMS_PROVIDER_URL demande SMS_PROVIDER_TOKEN (jeton du fournisseur de SMS).');
  }
  if (e.NODE_ENV === 'production' && e.DATABASE_URL && !e.AUDIT_KEY) {
    throw new ConfigError(
      "AUDIT_KEY est obligatoire en production avec PostgreSQL (clé du journal d'audit, hors de la base).",
    );
  }
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    // Behind PUBLIC_URL there is usually a reverse proxy on the same host or private network.
    trustedProxies: e.TRUSTED_PROXIES || (e.PUBLIC_URL ? 'loopback, linklocal, uniquelocal' : undefined),
    databaseUrl: e.DATABASE_URL || undefined,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL || undefined,
    auditKey: e.AUDIT_KEY ? (parseAuditKey(e.AUDIT_KEY) ?? undefined) : undefined,
    auditCheckpointFile: e.AUDIT_CHECKPOINT_FILE || undefined,
    auditCheckpointMinutes: e.AUDIT_CHECKPOINT_MINUTES,
    dataDir: e.PARCOURS_DATA_DIR,
    pgliteSnapshot: e.PARCOURS_TEST_PGLITE_SNAPSHOT,
    departmentCode: e.PARCOURS_DEPARTMENT,
    // The embedded database is the demo setting; a real PostgreSQL starts empty unless asked.
    demo: e.PARCOURS_DEMO ?? !e.DATABASE_URL,
    demoPersons: e.PARCOURS_DEMO_PERSONS,
    logLevel: e.LOG_LEVEL,
    openapiPublic: e.OPENAPI_PUBLIC ?? false,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? (e.PUBLIC_URL?.startsWith('https://') || false),
    loginThrottleAfter: e.LOGIN_THROTTLE_AFTER ?? e.LOGIN_MAX_ATTEMPTS ?? 5,
    loginThrottleWindowMinutes: e.LOGIN_THROTTLE_WINDOW_MINUTES ?? e.LOGIN_LOCKOUT_MINUTES ?? 15,
    loginThrottleMaxDelaySeconds: e.LOGIN_THROTTLE_MAX_DELAY_SECONDS,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            label: e.OIDC_LABEL,
            scopes: e.OIDC_SCOPES,
            allowInsecure: e.OIDC_ALLOW_INSECURE ?? false,
          }
        : undefined,
    oidcLabel: e.OIDC_LABEL,
    jobsPollMs: e.JOBS_POLL_MS,
    jobsEnabled: e.JOBS_ENABLED ?? true,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    fluxMaxBytes: e.FLUX_MAX_BYTES,
    fluxPartialPolicy: e.FLUX_PARTIAL_POLICY,
    smsProviderUrl: e.SMS_PROVIDER_URL || undefined,
    smsProviderToken: e.SMS_PROVIDER_TOKEN || undefined,
    smsCallbackSecret: e.SMS_CALLBACK_SECRET || undefined,
    smsSender: e.SMS_SENDER,
    reminderLeadHours: e.REMINDER_LEAD_HOURS,
    reminderQuietHours: e.REMINDER_QUIET_HOURS,
    webDistDir: path.resolve(import.meta.dirname, '../../../web/dist'),
  };
  const merged = { ...config, ...overrides };
  // Default checkpoints file beside the data (none for an in-memory database), after overrides.
  if (
    !merged.auditCheckpointFile &&
    !('auditCheckpointFile' in overrides) &&
    !merged.dataDir.startsWith('memory://')
  ) {
    merged.auditCheckpointFile = path.join(merged.dataDir, 'audit-checkpoints.jsonl');
  }
  return merged;
}
