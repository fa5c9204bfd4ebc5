/**
 * The contradictory procedure's letters (issue 14): prior notice, sanction decision, invitation to
 * the équipe pluridisciplinaire and reinstatement decision are messages of their own kinds, made
 * from templates administrators edit (message_template.code has no constraint to widen). A message
 * may name the sanction case it belongs to, so the case's letters are found again.
 */
export const sql = /* sql */ `
ALTER TABLE message DROP CONSTRAINT IF EXISTS message_kind_check;
ALTER TABLE message ADD CONSTRAINT message_kind_check
  CHECK (kind IN ('convocation', 'reminder', 'decision', 'referent_change', 'appointment_notice',
    'sanction_notice', 'sanction_decision', 'ep_invitation', 'reinstatement'));

ALTER TABLE message ADD COLUMN sanction_case_id uuid REFERENCES sanction_case(id);
CREATE INDEX message_sanction_case_idx ON message (sanction_case_id) WHERE sanction_case_id IS NOT NULL;
`;
