/**
 * CAF transmission (issue 14 point 5): the lines to send to the CAF (start and end of a sanction,
 * removal, reinstatement after the SAS, cancellation of a line already sent), the daily files that carry
 * them, and the CAF's acknowledgement recorded per line and per file. A rejected line goes back to
 * the queue (pending) with the CAF's reason and is sent again in a later file. Layout of the file:
 * docs/caf-transmission.md. Retention: docs/rgpd/sanctions.md (same as the sanction case).
 */
export const sql = /* sql */ `
CREATE TABLE caf_transmission_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('sanction_start', 'removal', 'sanction_end', 'reinstatement', 'cancellation')),
  effective_on date NOT NULL,
  case_id uuid REFERENCES sanction_case(id),
  -- The SAS enrolment of a reinstatement (table of 0035; no foreign key across the two slices).
  sas_enrolment_id uuid,
  -- A cancellation line names the line already sent that the CAF must undo.
  cancels_line_id uuid REFERENCES caf_transmission_line(id),
  percent smallint CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
  months smallint CHECK (months IS NULL OR months BETWEEN 0 AND 36),
  end_reason text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'transmitted', 'accepted', 'withdrawn')),
  -- The file that carries the line now (the last one when sent again after a rejection).
  file_id uuid,
  rejection_count smallint NOT NULL DEFAULT 0,
  last_rejection_reason text,
  last_rejected_on date,
  withdrawn_reason text,
  queued_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX caf_transmission_line_queue_idx ON caf_transmission_line (department_code, status, effective_on);
CREATE INDEX caf_transmission_line_person_idx ON caf_transmission_line (person_id);
CREATE INDEX caf_transmission_line_case_idx ON caf_transmission_line (case_id);

CREATE TABLE caf_transmission_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  file_date date NOT NULL,
  file_name text NOT NULL,
  content text NOT NULL,
  content_hash text NOT NULL,
  line_count integer NOT NULL,
  status text NOT NULL DEFAULT 'generated' CHECK (status IN ('generated', 'partially_acknowledged', 'acknowledged')),
  generated_by uuid REFERENCES account(id),
  generated_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  -- One file per département and day: generating it again gives the same file.
  UNIQUE (department_code, file_date)
);
ALTER TABLE caf_transmission_line
  ADD CONSTRAINT caf_transmission_line_file_fk FOREIGN KEY (file_id) REFERENCES caf_transmission_file(id);

-- The lines of each file, in file order, and the CAF's answer for each one.
CREATE TABLE caf_transmission_file_line (
  department_code text NOT NULL REFERENCES department(code),
  file_id uuid NOT NULL REFERENCES caf_transmission_file(id),
  line_id uuid NOT NULL REFERENCES caf_transmission_line(id),
  position integer NOT NULL,
  ack_status text CHECK (ack_status IS NULL OR ack_status IN ('accepted', 'rejected')),
  ack_reason text,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES account(id),
  PRIMARY KEY (file_id, line_id)
);
CREATE INDEX caf_transmission_file_line_line_idx ON caf_transmission_file_line (line_id);
`;
