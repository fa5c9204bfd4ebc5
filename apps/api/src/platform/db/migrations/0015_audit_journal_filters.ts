/**
 * The access journal is searched by action and by period (issue 10), newest first: without these
 * the search walks the département's whole trail, which grows by every read of a file.
 */
export const sql = /* sql */ `
CREATE INDEX audit_event_action_idx ON audit_event (department_code, action, seq DESC);
CREATE INDEX audit_event_occurred_idx ON audit_event (department_code, occurred_at);
`;
