/**
 * The insertion offer (issue 12, SPEC §7): the catalogue of actions of the programme départemental
 * d'insertion, their operators and territories, yearly budgets with the State and département
 * shares, the annex's own printed sub-totals (kept as printed so contradictions stay visible),
 * sessions with capacity, and referrals (fiches de liaison) from which free places are computed.
 * Catalogue data is not personal; a referral is (it names a person): see docs/rgpd/offer.md.
 */
export const sql = /* sql */ `
CREATE TABLE insertion_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  axis smallint NOT NULL CHECK (axis BETWEEN 1 AND 9),
  kind text NOT NULL CHECK (kind IN ('socle', 'hors_socle', 'initiative_departementale')),
  status text NOT NULL CHECK (status IN ('nouvelle', 'poursuivie', 'renforcee', 'annulee')),
  -- The annex's heading the action sits under ("PREVENTION SORTIE SECHE DE L'ASE").
  grouping text,
  objectives text,
  description text,
  -- The target public as written (annex column PUBLICS or the sheet), and its structured part.
  public_description text,
  target_min_age smallint CHECK (target_min_age IS NULL OR target_min_age BETWEEN 0 AND 120),
  target_max_age smallint CHECK (target_max_age IS NULL OR target_max_age BETWEEN 0 AND 120),
  target_sex text CHECK (target_sex IS NULL OR target_sex IN ('F', 'M')),
  -- data·inclusion v1 vocabularies (Public, Thematique, TypeService).
  publics text[] NOT NULL DEFAULT '{}',
  thematiques text[] NOT NULL DEFAULT '{}',
  service_type text,
  weekly_hours numeric(5, 2) CHECK (weekly_hours IS NULL OR (weekly_hours >= 0 AND weekly_hours <= 60)),
  weeks smallint CHECK (weeks IS NULL OR weeks BETWEEN 1 AND 520),
  -- [{ "label": "Phase 1", "description": "…", "hours": 35 }]
  phases jsonb NOT NULL DEFAULT '[]',
  planned_beneficiaries integer CHECK (planned_beneficiaries IS NULL OR planned_beneficiaries >= 0),
  -- As printed when it is not a plain number ("216 à 336", "960 parcours", "6 postes").
  planned_beneficiaries_text text,
  -- The action's own indicators: [{ "label": "…", "target": "…" }]
  indicators jsonb NOT NULL DEFAULT '[]',
  unit_cost_cents bigint CHECK (unit_cost_cents IS NULL OR unit_cost_cents >= 0),
  starts_on date,
  ends_on date,
  -- Where the record comes from: the 2020 annex import, or typed in Parcours.
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('annex', 'manual')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, code),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK (target_max_age IS NULL OR target_min_age IS NULL OR target_max_age >= target_min_age)
);
CREATE INDEX insertion_action_thematiques_idx ON insertion_action USING gin (thematiques);

-- Operators running the action (structures of kind 'operator', or any structure that runs it).
CREATE TABLE insertion_action_operator (
  department_code text NOT NULL REFERENCES department(code),
  action_id uuid NOT NULL REFERENCES insertion_action(id) ON DELETE CASCADE,
  structure_id uuid NOT NULL REFERENCES structure(id),
  PRIMARY KEY (action_id, structure_id)
);
CREATE INDEX insertion_action_operator_structure_idx ON insertion_action_operator (structure_id);

-- Lots and territories: a row per pôle or commune served (no row: the whole département).
CREATE TABLE insertion_action_territory (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  action_id uuid NOT NULL REFERENCES insertion_action(id) ON DELETE CASCADE,
  lot text,
  hub_id uuid REFERENCES insertion_hub(id),
  commune_code text,
  CHECK (hub_id IS NOT NULL OR commune_code IS NOT NULL)
);
CREATE INDEX insertion_action_territory_action_idx ON insertion_action_territory (action_id);

-- Yearly budget of an action, by source: the annex table, the action's own sheet, or typed in.
-- Facts from the annex are kept as printed, even when the shares do not add up (the steering
-- screen shows it); amounts typed in Parcours are refused when they do not (use case).
CREATE TABLE insertion_action_budget (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  action_id uuid NOT NULL REFERENCES insertion_action(id) ON DELETE CASCADE,
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source text NOT NULL CHECK (source IN ('annex_table', 'action_sheet', 'manual')),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  state_share_cents bigint CHECK (state_share_cents IS NULL OR state_share_cents >= 0),
  department_share_cents bigint CHECK (department_share_cents IS NULL OR department_share_cents >= 0),
  note text,
  UNIQUE (action_id, year, source)
);

-- The annex's printed sub-totals and totals, as printed (scope: a group of actions, an axis, the
-- internal valuation line, the grand total), in their order in the table.
CREATE TABLE offer_annex_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  year smallint NOT NULL,
  position integer NOT NULL,
  scope text NOT NULL CHECK (scope IN ('group', 'axis', 'valuation', 'general')),
  axis smallint,
  label text NOT NULL,
  beneficiaries_text text,
  amount_cents bigint NOT NULL,
  state_share_cents bigint NOT NULL,
  department_share_cents bigint NOT NULL,
  valued_cents bigint,
  new_credits_cents bigint,
  -- The codes of the actions this printed line sums (a group's or an axis's).
  action_codes text[] NOT NULL DEFAULT '{}',
  UNIQUE (department_code, year, position)
);

CREATE TABLE action_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  action_id uuid NOT NULL REFERENCES insertion_action(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  place text,
  commune_code text,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  weekly_hours numeric(5, 2) CHECK (weekly_hours IS NULL OR (weekly_hours >= 0 AND weekly_hours <= 60)),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX action_session_action_idx ON action_session (action_id, starts_on);

-- A fiche de liaison: a référent sends a person to an action (and a session when it has some).
-- Statuses holding a place: sent, accepted, entered (free places = capacity − those).
CREATE TABLE referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  action_id uuid NOT NULL REFERENCES insertion_action(id),
  session_id uuid REFERENCES action_session(id),
  status text NOT NULL CHECK (status IN ('sent', 'accepted', 'refused', 'cancelled', 'entered', 'exited')),
  referring_structure_id uuid REFERENCES structure(id),
  referred_by uuid REFERENCES account(id) ON DELETE SET NULL,
  contract_id uuid REFERENCES engagement_contract(id),
  message text,
  weekly_hours numeric(5, 2) CHECK (weekly_hours IS NULL OR (weekly_hours >= 0 AND weekly_hours <= 60)),
  sent_on date NOT NULL,
  answered_at timestamptz,
  refusal_reason text,
  entered_on date,
  exited_on date,
  -- SPEC §7 typology: positive, pathway_step, insertion_step, abandonment, reorientation.
  exit_category text CHECK (exit_category IS NULL OR exit_category IN ('positive', 'pathway_step', 'insertion_step', 'abandonment', 'reorientation')),
  exit_type text,
  exit_detail text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX referral_person_idx ON referral (person_id, sent_on DESC);
CREATE INDEX referral_session_idx ON referral (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX referral_action_idx ON referral (action_id, status);
-- Twice to the same session: refused while the first one holds its place.
CREATE UNIQUE INDEX referral_person_session_active_idx ON referral (person_id, session_id)
  WHERE session_id IS NOT NULL AND status IN ('sent', 'accepted', 'entered');
`;
