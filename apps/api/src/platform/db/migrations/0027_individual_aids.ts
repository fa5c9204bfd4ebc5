/**
 * Individual aids within a contract of engagement (issue 12, point 6). An aid is requested on a
 * signed or in-force contract of its person, charged to the pôle of the person's commune at the
 * request (kept on the aid: a later move of the commune does not move money between envelopes).
 * Envelopes: one amount per year, kind and pôle; what an aid consumes is computed from the aids
 * (validated, ordered, paid). A payment order freezes its lines (payee, amount, pôle) so that its
 * CSV is the same bytes each time; an aid is in at most one order (unique aid_id on the lines).
 * Ceilings per kind are dated `rule_set` rows of kind 'aid_ceilings' (built-in defaults in code).
 * Amounts in cents (int8). No bank details: the payee is a label and a reference.
 */
export const sql = /* sql */ `
CREATE TABLE aid_envelope (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('meals', 'travel', 'accommodation', 'childcare', 'work_equipment',
    'exam_registration', 'health_contract', 'driving_licence')),
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  amount_cents int8 NOT NULL CHECK (amount_cents >= 0),
  updated_by uuid REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (department_code, year, kind, hub_id)
);

CREATE TABLE aid_payment_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  -- OP-2026-0001: per département and year.
  number text NOT NULL,
  year integer NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  ordered_on date NOT NULL,
  -- One pôle, or every pôle (null).
  hub_id uuid REFERENCES insertion_hub(id),
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department_code, number),
  UNIQUE (department_code, year, seq)
);

CREATE TABLE individual_aid (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  contract_id uuid NOT NULL REFERENCES engagement_contract(id),
  -- A step of the contract's plan when the aid serves it (its label kept: plans are versioned).
  plan_step_id uuid,
  plan_step_label text,
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  kind text NOT NULL CHECK (kind IN ('meals', 'travel', 'accommodation', 'childcare', 'work_equipment',
    'exam_registration', 'health_contract', 'driving_licence')),
  amount_cents int8 NOT NULL CHECK (amount_cents > 0),
  purpose text NOT NULL,
  payee_kind text NOT NULL CHECK (payee_kind IN ('person', 'third_party')),
  payee_label text NOT NULL,
  payee_reference text,
  requested_on date NOT NULL,
  requested_by uuid REFERENCES account(id),
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'validated', 'rejected', 'withdrawn', 'cancelled', 'ordered', 'paid')),
  status_reason text,
  decided_by uuid REFERENCES account(id),
  decided_at timestamptz,
  paid_on date,
  payment_reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX individual_aid_person_idx ON individual_aid (person_id, requested_on);
CREATE INDEX individual_aid_envelope_idx ON individual_aid (department_code, kind, hub_id, requested_on);
CREATE INDEX individual_aid_status_idx ON individual_aid (department_code, status);

CREATE TABLE aid_payment_order_line (
  department_code text NOT NULL REFERENCES department(code),
  order_id uuid NOT NULL REFERENCES aid_payment_order(id),
  line_no integer NOT NULL CHECK (line_no >= 1),
  -- An aid is in one order at most, ever.
  aid_id uuid NOT NULL UNIQUE REFERENCES individual_aid(id),
  kind text NOT NULL,
  hub_code text NOT NULL,
  hub_name text NOT NULL,
  payee_label text NOT NULL,
  payee_reference text,
  amount_cents int8 NOT NULL CHECK (amount_cents > 0),
  PRIMARY KEY (order_id, line_no)
);
`;
