import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, Json, NullableTimestamp, Timestamp } from './types';

/** Platform tables: départements, accounts and sessions, audit trail, jobs and outbox, rules, timeline. */

export interface DepartmentTable {
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface AccountTable {
  id: Generated<string>;
  department_code: string;
  email: string;
  display_name: string;
  role: string;
  hub_id: string | null;
  structure_id: string | null;
  person_id: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
  /** 0018: receives the daily e-mail digest of their accompaniment alerts. */
  alert_digest: Generated<boolean>;
}

export interface LoginFailureTable {
  id: Generated<string>;
  department_code: string;
  email_hash: string;
  ip: string;
  failed_at: Timestamp;
}

export interface LoginFailureNoticeTable {
  account_id: string;
  department_code: string;
  notified_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  department_code: string;
  account_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface PasswordResetTokenTable {
  token_hash: string;
  department_code: string;
  account_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface OidcLoginStateTable {
  state: string;
  department_code: string;
  code_verifier: string;
  nonce: string;
  created_at: GeneratedTimestamp;
}

export interface AuditEventTable {
  seq: Generated<string>;
  department_code: string;
  occurred_at: Timestamp;
  actor_account_id: string | null;
  actor_role: string | null;
  action: string;
  person_id: string | null;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json;
  /** Persons listed by a bulk read (search, queue, export); covered by the MAC. */
  person_ids: string[] | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainStartTable {
  department_code: string;
  legacy_until_seq: string;
  recorded_at: Generated<Timestamp>;
}

export interface JobTable {
  id: Generated<string>;
  department_code: string;
  queue: string;
  payload: Json;
  status: Generated<string>;
  run_at: GeneratedTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  singleton_key: string | null;
  locked_by: string | null;
  locked_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
}

export interface ScheduleTable {
  name: string;
  department_code: string;
  cron: string;
  queue: string;
  payload: Json;
  next_run_at: Timestamp;
  enabled: Generated<boolean>;
}

export interface OutboxEventTable {
  id: Generated<string>;
  department_code: string;
  type: string;
  payload: Json;
  occurred_at: GeneratedTimestamp;
  dispatched_at: NullableTimestamp;
}

export interface TimelineEventTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  occurred_on: DateString;
  type: string;
  data: Json;
  actor_account_id: string | null;
  source: string;
  recorded_at: GeneratedTimestamp;
}

export interface RuleSetTable {
  id: Generated<string>;
  department_code: string;
  kind: string;
  effective_from: DateString;
  value: Json;
  source: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface SchemaMigrationTable {
  id: string;
  applied_at: GeneratedTimestamp;
}
