/**
 * Audit integrity (issue 8): the chain value becomes a keyed MAC (HMAC-SHA-256, key outside the
 * database). Traces written before this migration keep their plain SHA-256 chain: the seq where
 * each département's chain switches over is recorded here once, and the first keyed trace covers
 * the last plain hash, so the old prefix cannot be rewritten either (ADR 0011).
 * Bulk reads list the persons they returned in `person_ids` (covered by the MAC).
 */
export const sql = `
ALTER TABLE audit_event ADD COLUMN person_ids uuid[];
CREATE INDEX audit_event_person_ids_idx ON audit_event USING gin (person_ids) WHERE person_ids IS NOT NULL;

-- Traces up to legacy_until_seq (inclusive) of a département were chained with plain SHA-256.
-- A département without a row here has none: every trace of it is keyed.
CREATE TABLE audit_chain_start (
  department_code text PRIMARY KEY,
  legacy_until_seq bigint NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_chain_start (department_code, legacy_until_seq)
  SELECT department_code, max(seq) FROM audit_event GROUP BY department_code;
CREATE TRIGGER audit_chain_start_no_update BEFORE UPDATE OR DELETE ON audit_chain_start
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_chain_start_no_truncate BEFORE TRUNCATE ON audit_chain_start
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_start FROM PUBLIC;
`;
