/**
 * The convention's indicator table (issue 13, point 2): its rows as printed in the seed (axis,
 * section, objective, indicator, definitions and the département's comments; the computed
 * indicator's key for 3.1.x and 3.2.x), one value per row and column (situation or objective of a
 * year, as printed with its kind) and the append-only history of every value (import or edit,
 * comment, author, date). No personal data: the author is an agent's account.
 */
export const sql = /* sql */ `
CREATE TABLE convention_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  key text NOT NULL,
  position integer NOT NULL,
  axis smallint NOT NULL,
  axis_text text NOT NULL,
  section text NOT NULL,
  section_text text NOT NULL,
  objective_ref text,
  objective_text text,
  objective_first boolean NOT NULL DEFAULT false,
  label text NOT NULL,
  definition text,
  department_comment text,
  indicator_key text,
  UNIQUE (department_code, key)
);

CREATE TABLE convention_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  indicator_id uuid NOT NULL REFERENCES convention_indicator(id) ON DELETE CASCADE,
  column_kind text NOT NULL CHECK (column_kind IN ('situation', 'objective')),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  printed text NOT NULL,
  value_kind text NOT NULL CHECK (value_kind IN ('number', 'percent', 'nd', 'nc', 'text', 'empty')),
  number numeric,
  -- True once changed in Parcours: a later import of the seed keeps the edited value.
  edited boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES account(id),
  UNIQUE (indicator_id, column_kind, year)
);

CREATE TABLE convention_value_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  value_id uuid NOT NULL REFERENCES convention_value(id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('import', 'edit')),
  printed_before text,
  printed text NOT NULL,
  value_kind text NOT NULL,
  comment text,
  author_account_id uuid REFERENCES account(id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX convention_value_change_value_idx ON convention_value_change (value_id, changed_at);

-- The history is append-only: a change is never rewritten.
CREATE FUNCTION convention_value_change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'convention_value_change is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER convention_value_change_no_update BEFORE UPDATE ON convention_value_change
  FOR EACH ROW EXECUTE FUNCTION convention_value_change_is_append_only();
`;
