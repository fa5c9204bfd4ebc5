/** Platform tables: tenants, accounts, sessions, audit trail, jobs, outbox, territory. */
export const sql = /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE department (
  code text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insertion_hub (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  code text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, code)
);

CREATE TABLE commune (
  department_code text NOT NULL REFERENCES department(code),
  insee_code text PRIMARY KEY,
  name text NOT NULL,
  postal_codes text[] NOT NULL DEFAULT '{}',
  hub_id uuid REFERENCES insertion_hub(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commune_hub_idx ON commune (hub_id);
CREATE INDEX commune_department_idx ON commune (department_code);

CREATE TABLE structure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  kind text NOT NULL,
  name text NOT NULL,
  hub_id uuid REFERENCES insertion_hub(id),
  commune_code text REFERENCES commune(insee_code),
  address text,
  email text,
  phone text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, kind, name)
);
CREATE INDEX structure_hub_idx ON structure (hub_id);

CREATE TABLE account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL,
  hub_id uuid REFERENCES insertion_hub(id),
  structure_id uuid REFERENCES structure(id),
  person_id uuid,
  password_hash text,
  oidc_subject text UNIQUE,
  active boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT account_email_lower CHECK (email = lower(email))
);
-- One account per e-mail across tenants: login happens before the tenant is known.
CREATE UNIQUE INDEX account_email_idx ON account (email);
CREATE INDEX account_structure_idx ON account (structure_id);
CREATE INDEX account_hub_idx ON account (hub_id);

CREATE TABLE session (
  id_hash text PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  account_id uuid NOT NULL REFERENCES account(id),
  csrf_token text NOT NULL,
  auth_method text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX session_account_idx ON session (account_id) WHERE revoked_at IS NULL;

CREATE TABLE password_reset_token (
  token_hash text PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  account_id uuid NOT NULL REFERENCES account(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oidc_login_state (
  state text PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_event (
  seq bigserial PRIMARY KEY,
  department_code text NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_account_id uuid,
  actor_role text,
  action text NOT NULL,
  person_id uuid,
  target_type text,
  target_id text,
  reason text,
  ip text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_person_idx ON audit_event (person_id, seq DESC) WHERE person_id IS NOT NULL;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_account_id, seq DESC);
CREATE INDEX audit_event_department_idx ON audit_event (department_code, seq);

-- Append-only: no role may change or remove a trace, whatever its grants.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

CREATE TABLE job (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  queue text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error text,
  singleton_key text,
  locked_by text,
  locked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX job_due_idx ON job (run_at) WHERE status = 'pending';
CREATE INDEX job_status_idx ON job (status, created_at DESC);
CREATE UNIQUE INDEX job_singleton_idx ON job (queue, singleton_key)
  WHERE singleton_key IS NOT NULL AND status IN ('pending', 'running');

CREATE TABLE schedule (
  name text PRIMARY KEY,
  department_code text NOT NULL,
  cron text NOT NULL,
  queue text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  next_run_at timestamptz NOT NULL,
  enabled boolean NOT NULL DEFAULT true
);

CREATE TABLE outbox_event (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE dispatched_at IS NULL;
`;
