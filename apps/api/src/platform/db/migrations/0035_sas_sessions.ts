/**
 * The SAS de rétablissement (issue 14, action 3-9 of the 2020 convention): sessions of a pôle (run
 * by a structure or not) over whole weeks, their dated half-day meetings (each one a collective slot
 * on the animator's agenda), the requests for reinstatement of suspended persons placed in a
 * session, their attendance at each meeting, their commitment and the reinstatement decision.
 * Retention: docs/rgpd/sanctions.md (the sanctions' rules).
 */
export const sql = /* sql */ `
CREATE TABLE sas_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  -- The structure that runs it, when the pôle delegates it.
  structure_id uuid REFERENCES structure(id),
  animator_account_id uuid REFERENCES account(id),
  label text NOT NULL,
  -- A Monday; the practice in force that day gives the weeks and half-days a week.
  start_date date NOT NULL CHECK (extract(isodow FROM start_date) = 1),
  weeks smallint NOT NULL CHECK (weeks BETWEEN 1 AND 26),
  half_days_per_week smallint NOT NULL CHECK (half_days_per_week BETWEEN 1 AND 10),
  place text NOT NULL,
  capacity smallint NOT NULL CHECK (capacity BETWEEN 2 AND 100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  cancel_reason text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX sas_session_hub_idx ON sas_session (department_code, hub_id, start_date);

CREATE TABLE sas_meeting (
  department_code text NOT NULL REFERENCES department(code),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES sas_session(id),
  position smallint NOT NULL CHECK (position >= 1),
  week smallint NOT NULL CHECK (week >= 1),
  on_date date NOT NULL,
  half_day text NOT NULL CHECK (half_day IN ('morning', 'afternoon')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  cancel_reason text,
  -- The collective slot on the animator's agenda (moved and cancelled with the meeting).
  slot_id uuid REFERENCES agenda_slot(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at),
  UNIQUE (session_id, position)
);
CREATE INDEX sas_meeting_slot_idx ON sas_meeting (slot_id);

CREATE TABLE sas_enrolment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  session_id uuid REFERENCES sas_session(id),
  -- The suspension the person asks reinstatement from.
  case_id uuid REFERENCES sanction_case(id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN (
    'requested', 'enrolled', 'completed', 'abandoned', 'reinstated', 'refused', 'cancelled')),
  requested_on date NOT NULL,
  enrolled_on date,
  ended_on date,
  end_note text,
  commitment_kind text CHECK (commitment_kind IS NULL OR commitment_kind IN ('contract', 'pathway')),
  contract_id uuid REFERENCES engagement_contract(id),
  pathway text,
  committed_on date,
  decided_on date,
  decided_by uuid REFERENCES account(id),
  reinstated_from date,
  decision_reason text,
  cancel_reason text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (status = 'requested' OR status = 'cancelled' OR session_id IS NOT NULL),
  CHECK (commitment_kind IS NULL OR (commitment_kind = 'contract') = (contract_id IS NOT NULL)),
  CHECK (status <> 'reinstated' OR (reinstated_from IS NOT NULL AND commitment_kind IS NOT NULL))
);
-- One request in progress per person.
CREATE UNIQUE INDEX sas_enrolment_active_uq ON sas_enrolment (person_id)
  WHERE status IN ('requested', 'enrolled', 'completed', 'abandoned');
CREATE INDEX sas_enrolment_session_idx ON sas_enrolment (session_id);
CREATE INDEX sas_enrolment_case_idx ON sas_enrolment (case_id);

CREATE TABLE sas_attendance (
  department_code text NOT NULL REFERENCES department(code),
  enrolment_id uuid NOT NULL REFERENCES sas_enrolment(id),
  meeting_id uuid NOT NULL REFERENCES sas_meeting(id),
  status text NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  reason text,
  recorded_by uuid REFERENCES account(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrolment_id, meeting_id),
  CHECK (status <> 'excused' OR reason IS NOT NULL)
);
CREATE INDEX sas_attendance_meeting_idx ON sas_attendance (meeting_id);
`;
