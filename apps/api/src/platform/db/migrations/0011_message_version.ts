/**
 * Messages follow a workflow (issue 9): like every record moved by `transition()`, a message
 * carries a row version, bumped at each change of status.
 */
export const sql = /* sql */ `
ALTER TABLE message ADD COLUMN version integer NOT NULL DEFAULT 1;
`;
