import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting comes from the environment, validated once at start. Documented in the README. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  PARCOURS_DATA_DIR: z.string().default('./.data'),
  PARCOURS_DEPARTMENT: z
    .string()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .default('13'),
  PARCOURS_DEMO: bool.optional(),
  PARCOURS_DEMO_PERSONS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  COOKIE_SECURE: bool.optional(),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
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
  databaseUrl: string | undefined;
  /** `memory://` for an in-memory PGlite (tests). */
  dataDir: string;
  departmentCode: string;
  demo: boolean;
  /** Synthetic persons loaded with the demo (history import), once. */
  demoPersons: number;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  loginMaxAttempts: number;
  loginLockoutMinutes: number;
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
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.PARCOURS_DATA_DIR,
    departmentCode: e.PARCOURS_DEPARTMENT,
    // The embedded database is the demo setting; a real PostgreSQL starts empty unless asked.
    demo: e.PARCOURS_DEMO ?? !e.DATABASE_URL,
    demoPersons: e.PARCOURS_DEMO_PERSONS,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? (e.PUBLIC_URL?.startsWith('https://') || false),
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginLockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
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
  return { ...config, ...overrides };
}
