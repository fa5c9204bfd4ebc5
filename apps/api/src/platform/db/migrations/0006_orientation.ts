/**
 * Orientation: dated rule sets, the diagnostic reference lists, diagnoses (versioned), the
 * orientation decision with its proposal and override, and the medical team's records — health
 * data kept in their own tables, read only with the medical permission.
 */
export const sql = /* sql */ `
-- Rules in force from a date, per département; built-in defaults apply when none is stored.
CREATE TABLE rule_set (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  kind text NOT NULL,
  effective_from date NOT NULL,
  value jsonb NOT NULL,
  source text NOT NULL,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_code, kind, effective_from)
);

CREATE TABLE diagnostic_referential (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  version text NOT NULL,
  source_hash text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_code, version)
);
CREATE TABLE diagnostic_theme (
  department_code text NOT NULL REFERENCES department(code),
  id text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (department_code, id)
);
CREATE TABLE diagnostic_situation (
  department_code text NOT NULL,
  id text NOT NULL,
  theme_id text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (department_code, id),
  FOREIGN KEY (department_code, theme_id) REFERENCES diagnostic_theme (department_code, id)
);

CREATE TABLE diagnosis (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  entry_spell_id bigint REFERENCES entry_spell(id),
  version_no integer NOT NULL,
  diagnosed_on date NOT NULL,
  employment_situation text NOT NULL,
  qualification_level text,
  experience text,
  project text,
  comments text,
  author_account_id uuid REFERENCES account(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, version_no)
);
CREATE TABLE diagnosis_obstacle (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  diagnosis_id uuid NOT NULL REFERENCES diagnosis(id),
  theme_id text NOT NULL,
  situation_id text,
  severity text NOT NULL CHECK (severity IN ('light', 'moderate', 'severe')),
  comment text,
  FOREIGN KEY (department_code, theme_id) REFERENCES diagnostic_theme (department_code, id),
  FOREIGN KEY (department_code, situation_id) REFERENCES diagnostic_situation (department_code, id)
);
CREATE INDEX diagnosis_obstacle_diagnosis_idx ON diagnosis_obstacle (diagnosis_id);

ALTER TABLE orientation DROP CONSTRAINT orientation_pathway_check;
ALTER TABLE orientation ADD CONSTRAINT orientation_pathway_check
  CHECK (pathway IN ('professional', 'socio-professional', 'social', 'health'));
ALTER TABLE orientation
  ADD COLUMN entry_spell_id bigint REFERENCES entry_spell(id),
  ADD COLUMN diagnosis_id uuid REFERENCES diagnosis(id),
  ADD COLUMN body_kind text,
  ADD COLUMN decided_on date,
  ADD COLUMN decided_by uuid REFERENCES account(id),
  ADD COLUMN proposal jsonb,
  ADD COLUMN overridden boolean NOT NULL DEFAULT false,
  ADD COLUMN override_reason text,
  ADD COLUMN previous_orientation_id uuid REFERENCES orientation(id),
  ADD COLUMN reorientation_reason text,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD CONSTRAINT orientation_override_reason CHECK (NOT overridden OR length(trim(coalesce(override_reason, ''))) > 0);

-- Read model: the first orientation of each entry spell, kept with the decision.
ALTER TABLE entry_spell
  ADD COLUMN orientation_id uuid REFERENCES orientation(id),
  ADD COLUMN oriented_on date,
  ADD COLUMN orientation_pathway text,
  ADD COLUMN orientation_programme text;
CREATE INDEX entry_spell_not_oriented_idx ON entry_spell (department_code, entry_date) WHERE oriented_on IS NULL;

CREATE TABLE medical_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  structure_id uuid REFERENCES structure(id),
  requested_by uuid REFERENCES account(id),
  requested_on date NOT NULL,
  request_reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('requested', 'in_progress', 'completed', 'cancelled')),
  -- What other roles may see: the recommendation only.
  compatible_actions text,
  care_pathway_advised boolean,
  recommendation text,
  recommended_on date,
  recommended_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX medical_referral_person_idx ON medical_referral (person_id);
CREATE INDEX medical_referral_hub_idx ON medical_referral (hub_id, status);

-- Health data: the medical team's diagnosis and notes. Never joined outside the medical module.
CREATE TABLE medical_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  referral_id uuid NOT NULL REFERENCES medical_referral(id),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('diagnosis', 'note')),
  body text NOT NULL,
  author_account_id uuid REFERENCES account(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX medical_record_referral_idx ON medical_record (referral_id, recorded_at);
`;
