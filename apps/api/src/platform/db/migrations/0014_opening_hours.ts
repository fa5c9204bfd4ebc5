/**
 * Opening hours per structure (issue 10, point 5): per day of the week, the ranges it is open, as
 * `{ "monday": [{ "from": "08:30", "to": "12:30" }, …], … }`. Null: the default hours
 * (`DEFAULT_OPENING_HOURS` of the contracts). Slots of the structure's agendas must fit inside.
 */
export const sql = /* sql */ `
ALTER TABLE structure ADD COLUMN opening_hours jsonb;
ALTER TABLE structure ADD CONSTRAINT structure_opening_hours_object
  CHECK (opening_hours IS NULL OR jsonb_typeof(opening_hours) = 'object');
`;
