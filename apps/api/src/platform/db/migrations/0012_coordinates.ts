/**
 * Coordinates corrected on the person's file (issue 10): the consent's date and source, who set
 * each group of coordinates last and on what date (a later CAF flux does not overwrite a newer
 * value silently), the rectification history (RGPD) and the flux conflicts shown on the file.
 */
export const sql = /* sql */ `
ALTER TABLE contact ADD COLUMN consent_on date;
ALTER TABLE contact ADD COLUMN consent_source text;

-- Groups (phone, e-mail, address) last set by an agent or declared by the person. No row: the
-- value is the CAF's. caf_value: what the CAF last said of it, to tell a restated value from news.
CREATE TABLE coordinate_source (
  department_code text NOT NULL REFERENCES department(code),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  field text NOT NULL CHECK (field IN ('phone', 'email', 'address')),
  source text NOT NULL CHECK (source IN ('agent', 'beneficiary')),
  fact_on date NOT NULL,
  account_id uuid REFERENCES account(id) ON DELETE SET NULL,
  caf_value jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (household_id, field)
);

-- One row per changed field (append-only): the rectification log of the person's coordinates.
CREATE TABLE coordinate_rectification (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL REFERENCES department(code),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  person_id uuid REFERENCES person(id) ON DELETE SET NULL,
  field text NOT NULL,
  old_value text,
  new_value text,
  source text NOT NULL,
  account_id uuid REFERENCES account(id) ON DELETE SET NULL,
  flux_run_id uuid REFERENCES flux_run(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coordinate_rectification_household_idx ON coordinate_rectification (household_id, id);

-- A CAF value that differs from one entered on the file: kept (the entry is newer) or replaced
-- (the flux is newer), shown until an agent settles it.
CREATE TABLE coordinate_conflict (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  field text NOT NULL CHECK (field IN ('phone', 'email', 'address')),
  outcome text NOT NULL CHECK (outcome IN ('kept', 'replaced')),
  flux_run_id uuid REFERENCES flux_run(id) ON DELETE SET NULL,
  flux_on date NOT NULL,
  flux_value jsonb NOT NULL,
  entered_value jsonb NOT NULL,
  entered_source text NOT NULL,
  entered_on date NOT NULL,
  entered_by uuid REFERENCES account(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'flux', 'entered', 'superseded')),
  decided_by uuid REFERENCES account(id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX coordinate_conflict_open_idx ON coordinate_conflict (household_id) WHERE status = 'open';
`;
