/**
 * The Plan Pauvreté indicators at 2 million persons (issue 13, point 7; ADR 0017): a pôle's figures
 * and the 3.2.1 stock no longer grow with the whole history.
 *
 * - `hub_id` on `entry_spell` and `orientation`: the pôle of the person's household's commune (the
 *   pôle of `personScope`), kept by triggers whoever writes (an agent, the flux, the history import,
 *   the territory's administrator): on insert, when a person changes household, when a household
 *   changes commune and when a commune changes pôle. A pôle's figures read its own index range
 *   instead of probing each of its persons.
 * - `superseded_on` on `orientation`: the date of the person's next orientation (order: notified_on,
 *   recorded_at, id), null for the latest. The orientation in force on a day D is the one with
 *   notified_on <= D and (superseded_on IS NULL OR superseded_on > D): the stock reads those only.
 *   Kept by statement triggers on insert and delete (one statement per batch) and a row trigger
 *   when an orientation's date, recording time or person changes.
 */
export const sql = /* sql */ `
ALTER TABLE entry_spell ADD COLUMN hub_id uuid;
ALTER TABLE orientation ADD COLUMN hub_id uuid, ADD COLUMN superseded_on date;

-- The pôle of a person today (null without household, commune or pôle).
CREATE FUNCTION parcours_person_hub(p_person uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT c.hub_id FROM person p
  JOIN household h ON h.id = p.household_id
  JOIN commune c ON c.insee_code = h.commune_code
  WHERE p.id = p_person
$$;

CREATE FUNCTION parcours_fact_hub_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.hub_id := parcours_person_hub(NEW.person_id);
  RETURN NEW;
END;
$$;
CREATE TRIGGER entry_spell_hub_set BEFORE INSERT OR UPDATE OF person_id ON entry_spell
  FOR EACH ROW EXECUTE FUNCTION parcours_fact_hub_set();
CREATE TRIGGER orientation_hub_set BEFORE INSERT OR UPDATE OF person_id ON orientation
  FOR EACH ROW EXECUTE FUNCTION parcours_fact_hub_set();

-- A person who changes household follows the pôle of the new one.
CREATE FUNCTION parcours_person_hub_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hub uuid := parcours_person_hub(NEW.id);
BEGIN
  UPDATE entry_spell SET hub_id = hub WHERE person_id = NEW.id AND hub_id IS DISTINCT FROM hub;
  UPDATE orientation SET hub_id = hub WHERE person_id = NEW.id AND hub_id IS DISTINCT FROM hub;
  RETURN NULL;
END;
$$;
CREATE TRIGGER person_hub_moved AFTER UPDATE OF household_id ON person
  FOR EACH ROW WHEN (OLD.household_id IS DISTINCT FROM NEW.household_id)
  EXECUTE FUNCTION parcours_person_hub_moved();

-- A household that moves to another commune takes its members with it.
CREATE FUNCTION parcours_household_hub_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hub uuid := (SELECT c.hub_id FROM commune c WHERE c.insee_code = NEW.commune_code);
BEGIN
  UPDATE entry_spell s SET hub_id = hub FROM person p
    WHERE p.household_id = NEW.id AND s.person_id = p.id AND s.hub_id IS DISTINCT FROM hub;
  UPDATE orientation o SET hub_id = hub FROM person p
    WHERE p.household_id = NEW.id AND o.person_id = p.id AND o.hub_id IS DISTINCT FROM hub;
  RETURN NULL;
END;
$$;
CREATE TRIGGER household_hub_moved AFTER UPDATE OF commune_code ON household
  FOR EACH ROW WHEN (OLD.commune_code IS DISTINCT FROM NEW.commune_code)
  EXECUTE FUNCTION parcours_household_hub_moved();

-- A commune given to another pôle takes its inhabitants' facts with it.
CREATE FUNCTION parcours_commune_hub_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE entry_spell s SET hub_id = NEW.hub_id FROM person p JOIN household h ON h.id = p.household_id
    WHERE h.commune_code = NEW.insee_code AND s.person_id = p.id AND s.hub_id IS DISTINCT FROM NEW.hub_id;
  UPDATE orientation o SET hub_id = NEW.hub_id FROM person p JOIN household h ON h.id = p.household_id
    WHERE h.commune_code = NEW.insee_code AND o.person_id = p.id AND o.hub_id IS DISTINCT FROM NEW.hub_id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER commune_hub_moved AFTER UPDATE OF hub_id ON commune
  FOR EACH ROW WHEN (OLD.hub_id IS DISTINCT FROM NEW.hub_id)
  EXECUTE FUNCTION parcours_commune_hub_moved();

-- superseded_on of every orientation of these persons, from their orientations' order.
CREATE FUNCTION parcours_orientation_supersession(persons uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE orientation o SET superseded_on = x.next
  FROM (
    SELECT id, lead(notified_on) OVER (PARTITION BY person_id ORDER BY notified_on, recorded_at, id) AS next
    FROM orientation WHERE person_id = ANY (persons)
  ) x
  WHERE o.id = x.id AND o.superseded_on IS DISTINCT FROM x.next
$$;
-- Inserted or deleted orientations: their persons, one statement per batch (both triggers name
-- their transition table \`changed\`).
CREATE FUNCTION parcours_orientation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parcours_orientation_supersession(ARRAY(SELECT DISTINCT person_id FROM changed));
  RETURN NULL;
END;
$$;
CREATE TRIGGER orientation_supersession_insert AFTER INSERT ON orientation
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION parcours_orientation_changed();
CREATE TRIGGER orientation_supersession_delete AFTER DELETE ON orientation
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION parcours_orientation_changed();
CREATE FUNCTION parcours_orientation_reordered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM parcours_orientation_supersession(ARRAY[OLD.person_id, NEW.person_id]);
  RETURN NULL;
END;
$$;
CREATE TRIGGER orientation_supersession_update AFTER UPDATE OF notified_on, recorded_at, person_id ON orientation
  FOR EACH ROW WHEN ((OLD.notified_on, OLD.recorded_at, OLD.person_id)
    IS DISTINCT FROM (NEW.notified_on, NEW.recorded_at, NEW.person_id))
  EXECUTE FUNCTION parcours_orientation_reordered();

-- Facts already there (an installation upgraded with its data).
UPDATE entry_spell s SET hub_id = c.hub_id
  FROM person p JOIN household h ON h.id = p.household_id JOIN commune c ON c.insee_code = h.commune_code
  WHERE p.id = s.person_id AND c.hub_id IS NOT NULL;
UPDATE orientation o SET hub_id = c.hub_id
  FROM person p JOIN household h ON h.id = p.household_id JOIN commune c ON c.insee_code = h.commune_code
  WHERE p.id = o.person_id AND c.hub_id IS NOT NULL;
UPDATE orientation o SET superseded_on = x.next
  FROM (
    SELECT id, lead(notified_on) OVER (PARTITION BY person_id ORDER BY notified_on, recorded_at, id) AS next
    FROM orientation
  ) x
  WHERE o.id = x.id AND x.next IS NOT NULL;

-- A pôle's 3.1.x cohorts: its entries, then its initial orientations, of the period, without the heap.
CREATE INDEX entry_spell_hub_entry_idx ON entry_spell (department_code, hub_id, entry_date)
  INCLUDE (person_id, oriented_on, orientation_pathway, first_accompaniment_on, first_contract_signed_on);
CREATE INDEX entry_spell_hub_oriented_idx ON entry_spell (department_code, hub_id, oriented_on)
  INCLUDE (person_id, entry_date, orientation_pathway, first_accompaniment_on, first_contract_signed_on)
  WHERE oriented_on IS NOT NULL;
-- Programme orientations (3.2.1 flow and stock, 3.2.2) of the département, and of one pôle.
DROP INDEX orientation_programme_idx;
CREATE INDEX orientation_programme_idx ON orientation (department_code, notified_on)
  INCLUDE (person_id, programme, superseded_on) WHERE programme IS NOT NULL;
CREATE INDEX orientation_hub_programme_idx ON orientation (department_code, hub_id, notified_on)
  INCLUDE (person_id, programme, superseded_on) WHERE programme IS NOT NULL;
-- The pôle's persons are no longer probed one by one (0032).
DROP INDEX entry_spell_person_cover_idx;
`;
