/**
 * The beneficiary's space (issue 11, point 7): passwordless sign-in and the signature's
 * re-authentication, and what the person tells about an appointment from their space.
 *
 * beneficiary_login_token: a magic link (kind link, 15 minutes), a one-time SMS code (sms_code,
 * 5 minutes) or a signature code (signature_code, 10 minutes). Only a hash of the secret is kept
 * (a link: sha256 of the token; a code: sha256 of the row id and the code). Single use (used_at),
 * attempts counted for codes (5 at most). Rows are removed a day after they expire (RGPD: they
 * prove nothing once past).
 *
 * appointment_notice: "Je ne pourrai pas venir" and its reason, as the person wrote it; the
 * appointment stays planned until an agent reschedules it.
 */
export const sql = /* sql */ `
CREATE TABLE beneficiary_login_token (
  id uuid PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  kind text NOT NULL CHECK (kind IN ('link', 'sms_code', 'signature_code')),
  hash text NOT NULL,
  account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0)
);
CREATE UNIQUE INDEX beneficiary_login_token_hash_idx ON beneficiary_login_token (hash);
CREATE INDEX beneficiary_login_token_account_idx ON beneficiary_login_token (account_id, kind, created_at DESC);

CREATE TABLE appointment_notice (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  appointment_id uuid NOT NULL REFERENCES appointment(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('cannot_attend')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  account_id uuid REFERENCES account(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_notice_appointment_idx ON appointment_notice (appointment_id, recorded_at DESC);
CREATE INDEX appointment_notice_person_idx ON appointment_notice (person_id);

-- The référent is told of a notice by e-mail: a new kind of message (every earlier kind listed).
ALTER TABLE message DROP CONSTRAINT IF EXISTS message_kind_check;
ALTER TABLE message ADD CONSTRAINT message_kind_check
  CHECK (kind IN ('convocation', 'reminder', 'decision', 'referent_change', 'appointment_notice'));
`;
