/**
 * A failure classed without follow-up (« classé sans suite », issue 14): by an agent while it is
 * to examine (an excuse produced late, a fact disproved), or with the cancelled case it was in. The
 * date, the reason and who decided it are kept; the failure stays in the person's history.
 */
export const sql = /* sql */ `
ALTER TABLE sanction_failure
  ADD COLUMN dismissed_on date,
  ADD COLUMN dismissed_reason text,
  ADD COLUMN dismissed_by uuid REFERENCES account(id);
`;
