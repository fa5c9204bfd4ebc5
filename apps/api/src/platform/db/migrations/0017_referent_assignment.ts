/**
 * Référent unique (issue 11, point 1): who assigned a référent and why, who ended an assignment
 * and why, the reason given when a portfolio goes over its cap. Every agent account of a
 * structure (référent, structure manager) gets its `referent` row, so that it can be assigned;
 * accounts created or changed later get theirs with the account (reaction to `account.saved`).
 * The person is told of a change of référent: a new kind of message.
 * Portfolio caps are dated `rule_set` rows of kind 'portfolio_caps'; the built-in set (from
 * 2020-01-01) lives in the code, like the convocation delays.
 */
export const sql = /* sql */ `
ALTER TABLE referent_assignment
  ADD COLUMN assigned_by uuid REFERENCES account(id),
  ADD COLUMN reason text,
  ADD COLUMN over_cap_reason text,
  ADD COLUMN ended_by uuid REFERENCES account(id),
  ADD COLUMN end_reason text,
  ADD COLUMN ended_at timestamptz;

-- One open assignment per person: the use cases lock the person's row (a history file may
-- carry overlapping rows of a previous system, so no unique index here).
CREATE INDEX referent_assignment_open_idx ON referent_assignment (person_id) WHERE to_date IS NULL;

-- An account is at most one référent.
CREATE UNIQUE INDEX referent_account_idx ON referent (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX referent_structure_idx ON referent (structure_id);
-- The inbox of a structure: the orientations naming it.
CREATE INDEX orientation_structure_idx ON orientation (structure_id, notified_on);

INSERT INTO referent (department_code, structure_id, account_id, last_name, first_name, active_from)
SELECT a.department_code, a.structure_id, a.id,
       CASE WHEN position(' ' IN a.display_name) > 0
            THEN substr(a.display_name, position(' ' IN a.display_name) + 1) ELSE a.display_name END,
       CASE WHEN position(' ' IN a.display_name) > 0
            THEN substr(a.display_name, 1, position(' ' IN a.display_name) - 1) ELSE '' END,
       CAST(a.created_at AS date)
FROM account a
WHERE a.role IN ('referent', 'structure_manager') AND a.structure_id IS NOT NULL AND a.active
  AND NOT EXISTS (SELECT 1 FROM referent r WHERE r.account_id = a.id);

-- Messages: the notice of a change of référent (to the person and to both référents).
-- A later migration that adds a kind must list these ones too.
ALTER TABLE message DROP CONSTRAINT IF EXISTS message_kind_check;
ALTER TABLE message ADD CONSTRAINT message_kind_check
  CHECK (kind IN ('convocation', 'reminder', 'decision', 'referent_change'));
`;
