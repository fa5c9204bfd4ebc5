/**
 * Duties and sanctions (issue 14, second slice): failures (manquements) of persons subject to rights
 * and duties, detected from dated facts or reported by a référent, and the sanction case that takes
 * one failure through the contradictory procedure (prior notice, observations, decision,
 * notification, end). Each step is traced in the audit trail and on the person's timeline; the
 * case keeps the regime and rule-set date it was judged by. Retention: docs/rgpd/sanctions.md.
 */
export const sql = /* sql */ `
CREATE TABLE sanction_failure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('no_show', 'no_contract', 'contract_refusal', 'obligations_not_met')),
  origin text NOT NULL CHECK (origin IN ('detected', 'reported')),
  facts_date date NOT NULL,
  facts_end_date date,
  -- The missed convocation of a no-show.
  appointment_id uuid REFERENCES appointment(id),
  -- The orientation whose contract delay has passed (no contract).
  orientation_id uuid REFERENCES orientation(id),
  facts text,
  reported_by uuid REFERENCES account(id),
  status text NOT NULL DEFAULT 'to_examine' CHECK (status IN ('to_examine', 'in_case', 'dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (facts_end_date IS NULL OR facts_end_date >= facts_date),
  CHECK (kind <> 'no_show' OR appointment_id IS NOT NULL)
);
CREATE INDEX sanction_failure_person_idx ON sanction_failure (person_id, facts_date);
-- One failure per missed appointment, one per orientation whose contract delay has passed.
CREATE UNIQUE INDEX sanction_failure_appointment_uq ON sanction_failure (appointment_id);
CREATE UNIQUE INDEX sanction_failure_orientation_uq ON sanction_failure (orientation_id);

CREATE TABLE sanction_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  failure_id uuid NOT NULL REFERENCES sanction_failure(id),
  status text NOT NULL DEFAULT 'opened' CHECK (status IN (
    'opened', 'notice_sent', 'observations_received', 'decided', 'notified', 'ended', 'cancelled')),
  -- The regime in force at the date of the facts, and the date of the rule set it was read from.
  regime text NOT NULL,
  rule_set_from date NOT NULL,
  facts_date date NOT NULL,
  repeat smallint NOT NULL CHECK (repeat IN (1, 2)),
  household_persons smallint NOT NULL CHECK (household_persons >= 1),
  single_parent_increase boolean NOT NULL DEFAULT false,
  opened_by uuid REFERENCES account(id),
  notice_sent_on date,
  observations_deadline date,
  observations_received_on date,
  observations_mode text CHECK (observations_mode IS NULL OR observations_mode IN ('written', 'interview')),
  observations text,
  assisted_by text,
  decision_kind text CHECK (decision_kind IS NULL OR decision_kind IN ('sanction', 'no_sanction', 'reorientation', 'removal')),
  percent smallint CHECK (percent IS NULL OR percent BETWEEN 1 AND 100),
  months smallint CHECK (months IS NULL OR months BETWEEN 1 AND 24),
  modulation_reasons text[] NOT NULL DEFAULT '{}',
  decision_reason text,
  decided_on date,
  decided_by uuid REFERENCES account(id),
  notified_on date,
  ended_on date,
  end_reason text CHECK (end_reason IS NULL OR end_reason IN (
    'remobilisation_contract', 'remobilisation_appointment', 'term_reached', 'closed')),
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX sanction_case_person_idx ON sanction_case (person_id);
CREATE INDEX sanction_case_failure_idx ON sanction_case (failure_id);
`;
