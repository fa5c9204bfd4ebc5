/**
 * Messaging: editable templates, every message (letter, e-mail, SMS) with its delivery state, the
 * batches that produced them and the provider callbacks received. Sending happens in jobs, never
 * inside the transaction that creates the message.
 */
export const sql = /* sql */ `
CREATE TABLE message_template (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  code text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('letter', 'email', 'sms')),
  subject text,
  body text NOT NULL,
  updated_by uuid REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, code, channel)
);

CREATE TABLE message_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  kind text NOT NULL,
  person_count integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('convocation', 'reminder', 'decision')),
  channel text NOT NULL CHECK (channel IN ('letter', 'email', 'sms')),
  template_code text NOT NULL,
  appointment_id uuid REFERENCES appointment(id),
  orientation_id uuid REFERENCES orientation(id),
  batch_id uuid REFERENCES message_batch(id),
  recipient text NOT NULL,
  subject text,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'generated', 'sent', 'delivered', 'failed', 'cancelled')),
  provider_message_id text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_person_idx ON message (person_id, created_at DESC);
CREATE INDEX message_appointment_idx ON message (appointment_id);
CREATE INDEX message_batch_idx ON message (batch_id);
CREATE UNIQUE INDEX message_provider_idx ON message (channel, provider_message_id) WHERE provider_message_id IS NOT NULL;

CREATE TABLE message_delivery_event (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  message_id uuid NOT NULL REFERENCES message(id),
  status text NOT NULL,
  provider_status text,
  payload jsonb NOT NULL DEFAULT '{}',
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_delivery_event_message_idx ON message_delivery_event (message_id);

-- What a letter needs to be printed again exactly as generated (pôle, place, reference…).
ALTER TABLE message ADD COLUMN data jsonb NOT NULL DEFAULT '{}';
-- One reminder per appointment and channel, whoever runs the reminder job.
CREATE UNIQUE INDEX message_reminder_once_idx ON message (appointment_id, channel) WHERE kind = 'reminder';
`;
