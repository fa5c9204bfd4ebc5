/**
 * The 2020 annex as imported (issue 12): one row per import of a year's annex (the file's
 * fingerprint and the "BUDGET ALLOUE" printed above the table), and each new action's sheet
 * ("ANNEXES B": context, description, operator, dates, multi-year budget and its printed total)
 * as printed. Yearly figures of the sheets are also in insertion_action_budget (source
 * 'action_sheet'); the sheet keeps the printed "Total : …" and the texts. No personal data.
 */
export const sql = /* sql */ `
CREATE TABLE offer_annex_import (
  department_code text NOT NULL REFERENCES department(code),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL,
  subtitle text,
  file_sha256 text NOT NULL,
  header_amount_cents bigint,
  header_state_share_cents bigint,
  header_department_share_cents bigint,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (department_code, year)
);

-- An action's row in the year's table, beyond its budget: its place among the printed lines
-- (offer_annex_line.position shares the sequence), the amount cell when it holds no amount
-- ("A définir pour 2021") and the two sub-total columns (valued and new credits).
CREATE TABLE offer_annex_row (
  action_id uuid NOT NULL REFERENCES insertion_action(id) ON DELETE CASCADE,
  year smallint NOT NULL,
  department_code text NOT NULL REFERENCES department(code),
  position integer NOT NULL,
  amount_text text,
  valued_cents bigint,
  new_credits_cents bigint,
  PRIMARY KEY (action_id, year)
);

CREATE TABLE offer_annex_sheet (
  action_id uuid PRIMARY KEY REFERENCES insertion_action(id) ON DELETE CASCADE,
  department_code text NOT NULL REFERENCES department(code),
  year smallint NOT NULL,
  code text NOT NULL,
  heading text NOT NULL,
  sheet_kind text NOT NULL CHECK (sheet_kind IN ('socle', 'hors_socle')),
  title text NOT NULL,
  context text,
  description text,
  objectives text,
  start_text text,
  duration_text text,
  partners_text text,
  public_text text,
  operators text[] NOT NULL DEFAULT '{}',
  -- [{ "year": 2021, "amountCents": 20487000, "text": "204 870 € (sous réserve)" }]
  yearly jsonb NOT NULL DEFAULT '[]',
  total_cents bigint,
  total_text text
);
`;
