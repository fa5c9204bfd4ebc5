/**
 * The contract of engagement as a workflow (issue 11, point 4). A contract keeps its versions: the
 * one worked on (draft, proposed) and the signed ones; only a signed version is ever in force; an
 * amendment is a new version signed again. The action plan's steps belong to a version.
 * Contracts taken over from a previous system (history import) are signed contracts with no
 * version: their status is set from their dates.
 */
export const sql = /* sql */ `
ALTER TABLE engagement_contract
  ADD COLUMN status text NOT NULL DEFAULT 'in_force'
    CHECK (status IN ('draft', 'proposed', 'signed', 'in_force', 'ended', 'renewed', 'cancelled')),
  ADD COLUMN referent_id uuid REFERENCES referent(id),
  ADD COLUMN structure_id uuid REFERENCES structure(id),
  ADD COLUMN current_version_no integer NOT NULL DEFAULT 1,
  ADD COLUMN in_force_version_no integer,
  ADD COLUMN renews_contract_id uuid REFERENCES engagement_contract(id),
  ADD COLUMN status_reason text,
  ADD COLUMN status_changed_at timestamptz,
  ADD COLUMN created_by uuid REFERENCES account(id),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE engagement_contract SET status = 'ended' WHERE end_date < current_date;
CREATE INDEX engagement_contract_status_idx ON engagement_contract (department_code, status, end_date);
CREATE INDEX engagement_contract_referent_idx ON engagement_contract (referent_id) WHERE referent_id IS NOT NULL;

CREATE TABLE engagement_contract_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  contract_id uuid NOT NULL REFERENCES engagement_contract(id),
  number integer NOT NULL CHECK (number >= 1),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'proposed', 'signed', 'superseded', 'withdrawn')),
  -- Commitments, dates, hours regime and its reason or exemption ground (contracts' schema).
  content jsonb NOT NULL,
  -- SHA-256 of the canonical content with its plan, fixed when the version is proposed.
  content_hash text,
  proposed_at timestamptz,
  agent_signed_at timestamptz,
  agent_signed_by uuid REFERENCES account(id),
  person_signed_at timestamptz,
  person_signature_method text CHECK (person_signature_method IN ('on_screen', 'beneficiary_space')),
  person_statement text,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (contract_id, number)
);

CREATE TABLE contract_plan_step (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  contract_id uuid NOT NULL REFERENCES engagement_contract(id),
  version_id uuid NOT NULL REFERENCES engagement_contract_version(id) ON DELETE CASCADE,
  position integer NOT NULL,
  -- An objective of the national diagnostic referential, by id.
  objective_id text NOT NULL,
  kind text NOT NULL,
  -- An action of the catalogue when it exists (issue 12); free steps have none.
  action_id uuid,
  label text NOT NULL,
  weekly_hours numeric(5, 2) NOT NULL CHECK (weekly_hours >= 0 AND weekly_hours <= 60),
  start_date date NOT NULL,
  end_date date NOT NULL,
  CHECK (end_date >= start_date)
);
CREATE INDEX contract_plan_step_version_idx ON contract_plan_step (version_id, position);
CREATE INDEX contract_plan_step_contract_idx ON contract_plan_step (contract_id);
`;
