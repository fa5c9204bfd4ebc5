/**
 * Search dictionary (issue 3 performance, ADR 0008): the distinct normalised words of person names,
 * with a trigram index, and for each word the persons who bear it. A query of several words looks
 * up the nearest dictionary words of each (a small index), then intersects their persons through
 * b-tree look-ups, instead of a trigram distance scan of every person's whole name.
 * Kept by triggers on `person`, whoever writes names (flux, history import, agents).
 */
export const sql = /* sql */ `
-- The distinct words of the names (search_name words of two letters or more). Words are never
-- removed: a word nobody bears any more only costs a dictionary row. Not a unique key on purpose:
-- a new word written by a long flux import would otherwise hold every other writer of that word
-- (an agent's edit) until the import commits; two transactions adding the same word at once
-- leave a harmless double, which searches ignore.
-- department_code: the tenant whose person brought the word (the words themselves are shared).
CREATE TABLE name_token (
  department_code text NOT NULL,
  token text NOT NULL
);
CREATE INDEX name_token_idx ON name_token (token);
CREATE INDEX name_token_trgm_idx ON name_token USING gist (token gist_trgm_ops);

-- Who bears which word. A derived index of person.search_name, rebuilt by the triggers below (no
-- foreign key: the triggers own its rows, and a key check per row would slow bulk imports).
CREATE TABLE person_name_token (
  department_code text NOT NULL,
  token text NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (token, person_id)
);

-- New persons: one set-based statement per INSERT (or COPY), whatever the number of rows.
CREATE FUNCTION person_name_tokens_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name_token (department_code, token, person_id)
    SELECT DISTINCT n.department_code, t.token, n.id
    FROM new_persons n CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS t(token)
    WHERE length(t.token) > 1
    ON CONFLICT DO NOTHING;
  INSERT INTO name_token (department_code, token)
    SELECT DISTINCT ON (t.token) n.department_code, t.token
    FROM new_persons n CROSS JOIN LATERAL unnest(string_to_array(n.search_name, ' ')) AS t(token)
    WHERE length(t.token) > 1 AND NOT EXISTS (SELECT 1 FROM name_token d WHERE d.token = t.token);
  RETURN NULL;
END;
$$;
CREATE TRIGGER person_name_tokens_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_persons
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_tokens_insert();

-- A changed name (rare): per row, only when the searched form actually changed.
CREATE FUNCTION person_name_tokens_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept text[] := string_to_array(NEW.search_name, ' ');
BEGIN
  DELETE FROM person_name_token
    WHERE person_id = OLD.id AND token = ANY (string_to_array(OLD.search_name, ' ')) AND NOT token = ANY (kept);
  INSERT INTO person_name_token (department_code, token, person_id)
    SELECT DISTINCT NEW.department_code, t.token, NEW.id FROM unnest(kept) AS t(token) WHERE length(t.token) > 1
    ON CONFLICT DO NOTHING;
  INSERT INTO name_token (department_code, token)
    SELECT DISTINCT NEW.department_code, t.token FROM unnest(kept) AS t(token)
    WHERE length(t.token) > 1 AND NOT EXISTS (SELECT 1 FROM name_token d WHERE d.token = t.token);
  RETURN NULL;
END;
$$;
CREATE TRIGGER person_name_tokens_update AFTER UPDATE ON person
  FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name)
  EXECUTE FUNCTION person_name_tokens_update();

CREATE FUNCTION person_name_tokens_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_name_token pt USING old_persons o
    WHERE pt.person_id = o.id AND pt.token = ANY (string_to_array(o.search_name, ' '));
  RETURN NULL;
END;
$$;
CREATE TRIGGER person_name_tokens_delete AFTER DELETE ON person
  REFERENCING OLD TABLE AS old_persons
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_tokens_delete();

CREATE FUNCTION person_name_tokens_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE person_name_token;
  RETURN NULL;
END;
$$;
CREATE TRIGGER person_name_tokens_truncate AFTER TRUNCATE ON person
  FOR EACH STATEMENT EXECUTE FUNCTION person_name_tokens_truncate();

-- Persons already there (an installation upgraded with its data).
INSERT INTO person_name_token (department_code, token, person_id)
  SELECT DISTINCT p.department_code, t.token, p.id
  FROM person p CROSS JOIN LATERAL unnest(string_to_array(p.search_name, ' ')) AS t(token)
  WHERE length(t.token) > 1;
INSERT INTO name_token (department_code, token)
  SELECT DISTINCT ON (token) department_code, token FROM person_name_token;
`;
