/**
 * Entry: CAF/MSA flux runs, households, persons with dated rights, entry spells, contacts,
 * France Travail registration, duplicates, timeline; and the minimal records of the later
 * capabilities (référents, orientations, appointments, contracts) that the history import fills.
 */
export const sql = /* sql */ `
-- Lower-case, unaccented, hyphens and apostrophes as spaces: the form names are searched in.
CREATE FUNCTION parcours_normalize_name(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT trim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))), '[^a-z0-9]+', ' ', 'g'))
  $$;

ALTER TABLE structure ADD COLUMN external_id text;
CREATE UNIQUE INDEX structure_external_idx ON structure (department_code, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE flux_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  file_name text NOT NULL,
  format text NOT NULL,
  content_hash text NOT NULL,
  size_bytes bigint NOT NULL,
  application text,
  nat_flux text,
  type_flux text,
  flux_created_on date,
  flux_created_time text,
  status text NOT NULL CHECK (status IN ('running', 'applied', 'rejected', 'duplicate')),
  forced boolean NOT NULL DEFAULT false,
  report jsonb NOT NULL DEFAULT '{}',
  actor_account_id uuid REFERENCES account(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX flux_run_department_idx ON flux_run (department_code, started_at DESC);
CREATE UNIQUE INDEX flux_run_applied_hash_idx ON flux_run (department_code, content_hash) WHERE status = 'applied';

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  organism text NOT NULL,
  organism_number text,
  claim_number text NOT NULL,
  matricule text,
  claim_date date,
  family_situation text,
  family_situation_since date,
  street_number text,
  street_type text,
  street_name text,
  address_complement text,
  locality text,
  commune_code text,
  postal_code text,
  commune_name text,
  abroad boolean NOT NULL DEFAULT false,
  rights_status text,
  rights_status_since date,
  content_hash text,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, organism, claim_number)
);
CREATE INDEX household_claim_idx ON household (claim_number);
CREATE INDEX household_commune_idx ON household (commune_code);

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  nir text CHECK (nir IS NULL OR length(nir) = 13),
  title text,
  usual_name text,
  birth_name text NOT NULL,
  first_name text NOT NULL,
  first_name2 text,
  first_name3 text,
  birth_place text,
  birth_date date NOT NULL,
  birth_rank text,
  sex text NOT NULL CHECK (sex IN ('M', 'F')),
  france_travail_id text,
  household_id uuid REFERENCES household(id),
  household_role text,
  rights_open boolean NOT NULL DEFAULT false,
  subject_to_duties boolean NOT NULL DEFAULT false,
  search_name text NOT NULL DEFAULT '',
  name_key text NOT NULL DEFAULT '',
  content_hash text,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX person_nir_idx ON person (department_code, nir) WHERE nir IS NOT NULL;
CREATE UNIQUE INDEX person_external_idx ON person (department_code, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX person_household_idx ON person (household_id);
CREATE INDEX person_birth_date_idx ON person (birth_date);
-- GiST, not GIN: it returns the nearest names first (ORDER BY query <<-> search_name LIMIT n),
-- so a search reads a few index pages whatever the number of persons.
CREATE INDEX person_search_trgm_idx ON person USING gist (search_name gist_trgm_ops);
CREATE INDEX person_name_key_idx ON person (department_code, name_key, birth_date);

-- Search columns are derived from the identity whoever writes it (flux, history import, agent).
CREATE FUNCTION person_search_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Each name as written, then glued (N'Guyen-Étienne → "n guyen etienne nguyenetienne") so
  -- "nguyen", "n guyen" and "jean marc" / "jeanmarc" all match.
  NEW.search_name := parcours_normalize_name(concat_ws(' ', NEW.birth_name, NEW.usual_name, NEW.first_name)) || ' ' ||
    parcours_normalize_name(regexp_replace(concat_ws(' ', NEW.birth_name, NEW.usual_name, NEW.first_name), '[''’-]', '', 'g'));
  NEW.name_key := parcours_normalize_name(NEW.birth_name) || '|' || parcours_normalize_name(NEW.first_name);
  RETURN NEW;
END;
$$;
CREATE TRIGGER person_search_columns BEFORE INSERT OR UPDATE OF birth_name, usual_name, first_name ON person
  FOR EACH ROW EXECUTE FUNCTION person_search_columns();

CREATE TABLE household_member (
  department_code text NOT NULL,
  household_id uuid NOT NULL REFERENCES household(id),
  person_id uuid NOT NULL REFERENCES person(id),
  role text NOT NULL,
  from_date date NOT NULL,
  to_date date,
  PRIMARY KEY (household_id, person_id, from_date)
);
CREATE INDEX household_member_person_idx ON household_member (person_id);

-- Dated history of each person's rights: one row per state, closed by the next.
CREATE TABLE rights_period (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  person_id uuid NOT NULL REFERENCES person(id),
  household_id uuid REFERENCES household(id),
  rights_status text NOT NULL,
  rights_open boolean NOT NULL,
  subject_to_duties boolean NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  flux_run_id uuid REFERENCES flux_run(id),
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rights_period_person_idx ON rights_period (person_id, valid_from DESC);
CREATE UNIQUE INDEX rights_period_current_idx ON rights_period (person_id) WHERE valid_to IS NULL;

-- Read model of entry spells (INDICATORS.md): one row per entry, kept in the same transaction as
-- the rights that make it; later capabilities add their first dates here.
CREATE TABLE entry_spell (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  person_id uuid NOT NULL REFERENCES person(id),
  entry_date date NOT NULL,
  flux_run_id uuid REFERENCES flux_run(id),
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, entry_date)
);
CREATE INDEX entry_spell_date_idx ON entry_spell (department_code, entry_date);

CREATE TABLE contact (
  department_code text NOT NULL,
  household_id uuid NOT NULL REFERENCES household(id),
  kind text NOT NULL CHECK (kind IN ('phone', 'email')),
  value text NOT NULL,
  consent text CHECK (consent IN ('A', 'R', 'I')),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (household_id, kind)
);

CREATE TABLE timeline_event (
  id bigserial PRIMARY KEY,
  department_code text NOT NULL,
  person_id uuid NOT NULL REFERENCES person(id),
  occurred_on date NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  actor_account_id uuid,
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timeline_event_person_idx ON timeline_event (person_id, occurred_on DESC, id DESC);

CREATE TABLE ft_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES account(id),
  row_count integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('exported', 'acknowledged')),
  acknowledged_at timestamptz
);

CREATE TABLE ft_registration (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  entry_spell_id bigint NOT NULL REFERENCES entry_spell(id),
  batch_id uuid REFERENCES ft_batch(id),
  state text NOT NULL CHECK (state IN ('pending', 'exported', 'registered', 'rejected')),
  ft_identifier text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entry_spell_id)
);
CREATE INDEX ft_registration_state_idx ON ft_registration (department_code, state);
CREATE INDEX ft_registration_person_idx ON ft_registration (person_id);

CREATE TABLE duplicate_suspect (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  other_person_id uuid NOT NULL REFERENCES person(id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'dismissed')),
  decided_by uuid REFERENCES account(id),
  decided_at timestamptz,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (person_id < other_person_id),
  UNIQUE (person_id, other_person_id)
);
CREATE INDEX duplicate_suspect_open_idx ON duplicate_suspect (department_code, created_at) WHERE status = 'open';

-- Minimal records of the pathway, filled by the history import now, extended by later issues.
CREATE TABLE referent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  structure_id uuid NOT NULL REFERENCES structure(id),
  account_id uuid REFERENCES account(id),
  last_name text NOT NULL,
  first_name text NOT NULL,
  global_support_pair boolean NOT NULL DEFAULT false,
  active_from date NOT NULL,
  active_to date,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX referent_external_idx ON referent (department_code, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE orientation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  notified_on date NOT NULL,
  pathway text NOT NULL CHECK (pathway IN ('professional', 'socio-professional', 'social')),
  structure_id uuid NOT NULL REFERENCES structure(id),
  programme text CHECK (programme IN ('accompagnement-global', 'garantie-activite-departementale')),
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orientation_person_idx ON orientation (person_id, notified_on);

CREATE TABLE referent_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  referent_id uuid NOT NULL REFERENCES referent(id),
  from_date date NOT NULL,
  to_date date,
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referent_assignment_person_idx ON referent_assignment (person_id, from_date);
CREATE INDEX referent_assignment_referent_idx ON referent_assignment (referent_id) WHERE to_date IS NULL;

CREATE TABLE appointment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  on_date date NOT NULL,
  structure_id uuid REFERENCES structure(id),
  purpose text NOT NULL CHECK (purpose IN ('orientation', 'accompaniment', 'contract', 'other')),
  status text NOT NULL CHECK (status IN ('planned', 'seen', 'noshow', 'excused', 'cancelled')),
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX appointment_person_idx ON appointment (person_id, on_date);

CREATE TABLE engagement_contract (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  signed_on date,
  start_date date NOT NULL,
  end_date date NOT NULL,
  weekly_hours numeric(5, 2) NOT NULL,
  hours_regime text NOT NULL CHECK (hours_regime IN ('standard', 'reduced', 'exempt')),
  source text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_date >= start_date)
);
CREATE INDEX engagement_contract_person_idx ON engagement_contract (person_id, signed_on);

CREATE TABLE history_import_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  file_name text NOT NULL,
  content_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'applied', 'rejected')),
  report jsonb NOT NULL DEFAULT '{}',
  actor_account_id uuid REFERENCES account(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
`;
