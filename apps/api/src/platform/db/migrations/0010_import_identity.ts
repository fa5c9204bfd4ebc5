/**
 * Imports never overwrite an identity (issue 8): a duplicate linked by an agent is one person.
 * `person.duplicate_of` names the record that carries the pathway; the queue, the France Travail
 * batches and the indicators skip the other one. Its pending registration waits in the state
 * `duplicate` (back to `pending` if the link is undone), never sent twice to France Travail.
 */
export const sql = /* sql */ `
ALTER TABLE person ADD COLUMN duplicate_of uuid REFERENCES person(id);
ALTER TABLE person ADD CONSTRAINT person_duplicate_of_other CHECK (duplicate_of IS NULL OR duplicate_of <> id);
CREATE INDEX person_duplicate_of_idx ON person (duplicate_of) WHERE duplicate_of IS NOT NULL;

ALTER TABLE ft_registration DROP CONSTRAINT ft_registration_state_check;
ALTER TABLE ft_registration ADD CONSTRAINT ft_registration_state_check
  CHECK (state IN ('pending', 'exported', 'registered', 'rejected', 'duplicate'));
`;
