/**
 * Agendas: advisors' slots (individual or collective sessions) and the appointments booked on
 * them. Generic for every purpose (orientation now, accompaniment and contracts later).
 */
export const sql = /* sql */ `
CREATE TABLE agenda_slot (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  hub_id uuid REFERENCES insertion_hub(id),
  structure_id uuid REFERENCES structure(id),
  advisor_account_id uuid REFERENCES account(id),
  kind text NOT NULL CHECK (kind IN ('individual', 'collective')),
  purpose text NOT NULL CHECK (purpose IN ('orientation', 'accompaniment', 'contract', 'other')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 1),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  cancel_reason text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at),
  CHECK (kind = 'collective' OR capacity = 1),
  CHECK (hub_id IS NOT NULL OR structure_id IS NOT NULL)
);
CREATE INDEX agenda_slot_hub_idx ON agenda_slot (hub_id, starts_at);
CREATE INDEX agenda_slot_structure_idx ON agenda_slot (structure_id, starts_at);
CREATE INDEX agenda_slot_advisor_idx ON agenda_slot (advisor_account_id, starts_at);

-- Appointments from the history import keep only a date; booked ones have a slot and times.
ALTER TABLE appointment
  ADD COLUMN slot_id uuid REFERENCES agenda_slot(id),
  ADD COLUMN hub_id uuid REFERENCES insertion_hub(id),
  ADD COLUMN entry_spell_id bigint REFERENCES entry_spell(id),
  ADD COLUMN starts_at timestamptz,
  ADD COLUMN ends_at timestamptz,
  ADD COLUMN place text,
  ADD COLUMN booked_by uuid REFERENCES account(id),
  ADD COLUMN rescheduled_from_id uuid REFERENCES appointment(id),
  ADD COLUMN status_reason text,
  ADD COLUMN outcome_recorded_by uuid REFERENCES account(id),
  ADD COLUMN outcome_recorded_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE appointment DROP CONSTRAINT appointment_status_check;
ALTER TABLE appointment ADD CONSTRAINT appointment_status_check
  CHECK (status IN ('planned', 'seen', 'noshow', 'excused', 'cancelled', 'rescheduled'));
CREATE INDEX appointment_slot_idx ON appointment (slot_id);
-- Reminders and agendas look at what is still planned, by time.
CREATE INDEX appointment_planned_idx ON appointment (department_code, starts_at) WHERE status = 'planned';
`;
