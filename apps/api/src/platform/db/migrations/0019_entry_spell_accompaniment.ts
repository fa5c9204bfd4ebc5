/**
 * The entry-spell read model of the accompaniment (issue 11, point 3; INDICATORS.md): each entry
 * spell keeps its first accompaniment appointment and its first contract of engagement, dated on
 * or after its initial orientation and before the person's next entry. Maintained in the
 * transaction of each fact (projector `accompaniment.entry-spells`) and by the history import;
 * rebuilt by `projections rebuild`.
 */
export const sql = /* sql */ `
ALTER TABLE entry_spell
  ADD COLUMN first_accompaniment_appointment_id uuid REFERENCES appointment(id),
  ADD COLUMN first_accompaniment_on date,
  ADD COLUMN first_contract_id uuid REFERENCES engagement_contract(id),
  ADD COLUMN first_contract_signed_on date;
-- The appointment lists look up the spell an appointment is the first of.
CREATE INDEX entry_spell_first_appointment_idx ON entry_spell (first_accompaniment_appointment_id)
  WHERE first_accompaniment_appointment_id IS NOT NULL;
CREATE INDEX entry_spell_first_contract_idx ON entry_spell (first_contract_id)
  WHERE first_contract_id IS NOT NULL;
`;
