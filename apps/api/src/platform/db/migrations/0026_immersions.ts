/**
 * PMSMP immersions (issue 12, point 5): the tripartite convention (person, host, accompanying
 * structure), its signatures and the single-use signing links e-mailed to a party. The host's
 * tutor (name, function, e-mail, phone) is personal data of a third party: see docs/rgpd/immersions.md.
 */
export const sql = /* sql */ `
CREATE TABLE immersion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  -- The accompanying structure: the structure of the référent who drew it up.
  structure_id uuid NOT NULL REFERENCES structure(id),
  created_by uuid REFERENCES account(id),
  -- Optional link to the person's contract of engagement.
  contract_id uuid REFERENCES engagement_contract(id),
  -- A renewal follows the convention it renews (same host).
  renewal_of uuid REFERENCES immersion(id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN (
    'draft', 'awaiting_signatures', 'signed', 'validated', 'in_progress', 'ended', 'assessed', 'cancelled')),
  host_name text NOT NULL CHECK (length(host_name) BETWEEN 1 AND 200),
  host_siret text NOT NULL CHECK (host_siret ~ '^[0-9]{14}$'),
  host_address text NOT NULL,
  tutor_name text NOT NULL,
  tutor_function text NOT NULL,
  tutor_email text NOT NULL,
  tutor_phone text NOT NULL,
  objective text NOT NULL CHECK (objective IN ('discover', 'confirm', 'recruit')),
  rome_code text NOT NULL CHECK (rome_code ~ '^[A-N][0-9]{4}$'),
  job_label text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  -- [{ "day": 1, "start": "09:00", "end": "12:00" }, …] (1 = Monday)
  schedule jsonb NOT NULL DEFAULT '[]',
  weekly_hours numeric(5, 2) NOT NULL CHECK (weekly_hours >= 0),
  place text NOT NULL,
  tasks text NOT NULL,
  risks text,
  validated_at timestamptz,
  validated_by uuid REFERENCES account(id),
  cancel_reason text,
  outcome text CHECK (outcome IS NULL OR outcome IN ('completed', 'partial', 'no_show')),
  skills_observed text,
  job_offer boolean,
  offer_contract text CHECK (offer_contract IS NULL OR offer_contract IN (
    'cdi', 'cdd', 'interim', 'contrat_aide', 'apprentissage', 'none')),
  host_comment text,
  assessed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (end_date >= start_date)
);
CREATE INDEX immersion_person_idx ON immersion (person_id);
CREATE INDEX immersion_renewal_idx ON immersion (renewal_of);

-- One signature per party of the current content; removed when the content changes.
CREATE TABLE immersion_signature (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  immersion_id uuid NOT NULL REFERENCES immersion(id) ON DELETE CASCADE,
  party text NOT NULL CHECK (party IN ('person', 'host', 'structure')),
  mode text NOT NULL CHECK (mode IN ('on_screen', 'email_link')),
  signer_name text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  -- The agent who recorded an on-screen signature (none for a link).
  recorded_by uuid REFERENCES account(id),
  UNIQUE (immersion_id, party)
);

-- Single-use signing links: only the sha256 of the 256-bit token is kept.
CREATE TABLE immersion_sign_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  immersion_id uuid NOT NULL REFERENCES immersion(id) ON DELETE CASCADE,
  party text NOT NULL CHECK (party IN ('person', 'host', 'structure')),
  email text NOT NULL,
  hash text UNIQUE,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX immersion_sign_token_immersion_idx ON immersion_sign_token (immersion_id);
`;
