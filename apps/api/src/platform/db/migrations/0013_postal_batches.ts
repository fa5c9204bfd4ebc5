/**
 * Postal batches (issue 10): a batch of convocation letters is printed then marked posted once —
 * its status, the day it was posted and who did it; a row version as every record moved by
 * `transition()`. The minimum delays per channel are dated rows of `rule_set`
 * (kind `convocation_delays`): no table of their own.
 */
export const sql = /* sql */ `
ALTER TABLE message_batch
  ADD COLUMN status text NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'posted')),
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN posted_on date,
  ADD COLUMN posted_at timestamptz,
  ADD COLUMN posted_by uuid REFERENCES account(id);
CREATE INDEX message_batch_status_idx ON message_batch (department_code, status, created_at DESC);
`;
