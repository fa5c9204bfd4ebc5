/**
 * CAF flux integrity (issue 8): a run killed mid-way is marked `interrupted` at the next start;
 * the run records which process runs it so that a start on another instance can tell a live run
 * (its transaction holds the run row locked) from a dead one.
 */
export const sql = /* sql */ `
ALTER TABLE flux_run DROP CONSTRAINT flux_run_status_check;
ALTER TABLE flux_run ADD CONSTRAINT flux_run_status_check
  CHECK (status IN ('running', 'applied', 'rejected', 'duplicate', 'interrupted'));
ALTER TABLE flux_run ADD COLUMN runner_host text;
ALTER TABLE flux_run ADD COLUMN runner_pid integer;
CREATE INDEX flux_run_running_idx ON flux_run (department_code) WHERE status = 'running';
`;
