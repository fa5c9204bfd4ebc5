/**
 * Referrals' workflow (issue 12, point 4): what the referral of 0023 lacks — the référent's
 * cancellation reason, the plan step it carries out, and the operator's attendance record (one row a
 * day: hours or half-days, present, absent or excused). Personal data: see docs/rgpd/referrals.md.
 */
export const sql = /* sql */ `
ALTER TABLE referral ADD COLUMN cancel_reason text;
ALTER TABLE referral ADD COLUMN plan_step_id uuid;
ALTER TABLE referral ADD COLUMN closed_at timestamptz;

CREATE TABLE referral_attendance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
  day date NOT NULL,
  presence text NOT NULL CHECK (presence IN ('present', 'absent', 'excused')),
  hours numeric(4, 2) CHECK (hours IS NULL OR (hours >= 0 AND hours <= 12)),
  half_days smallint CHECK (half_days IS NULL OR half_days BETWEEN 0 AND 2),
  note text,
  recorded_by uuid REFERENCES account(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (referral_id, day)
);
CREATE INDEX referral_contract_idx ON referral (contract_id) WHERE contract_id IS NOT NULL;
`;
