/**
 * Login throttling instead of lockouts: failed password logins are kept for the throttling window
 * only, counted per (e-mail typed, source address), per address and per e-mail to delay further
 * attempts; the owner of an account is told once per window.
 */
export const sql = /* sql */ `
-- The e-mail typed is stored hashed (it may be no account at all, or a password typed in the wrong field).
CREATE TABLE login_failure (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  email_hash text NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_email_idx ON login_failure (email_hash, failed_at);
CREATE INDEX login_failure_ip_idx ON login_failure (ip, failed_at);
CREATE INDEX login_failure_at_idx ON login_failure (failed_at);

-- When the owner was last told of repeated failures on their account (at most once per window).
CREATE TABLE login_failure_notice (
  account_id uuid PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
  department_code text NOT NULL REFERENCES department(code),
  notified_at timestamptz NOT NULL
);

-- No lockout any more: release the accounts the former rule had locked.
UPDATE account SET locked_until = NULL, failed_login_count = 0 WHERE locked_until IS NOT NULL OR failed_login_count <> 0;
`;
