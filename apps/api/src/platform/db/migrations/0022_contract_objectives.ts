/**
 * The contract of engagement's action plan (issue 11, point 4) names objectives of the national
 * diagnostic referential by id: the objectives are loaded with the themes and situations, their ids
 * derived the same way (`theme.slug_of_label`), never deleted (plans keep pointing at them). The
 * weekly minimum of activity of a contract is dated configuration (`rule_set`, kind
 * `contract_hours`), read at the contract's start date: 15 hours from 1 January 2025 (loi pour le
 * plein emploi, C. trav. L5411-5-1).
 */
export const sql = /* sql */ `
CREATE TABLE diagnostic_objective (
  department_code text NOT NULL,
  id text NOT NULL,
  theme_id text NOT NULL,
  label text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (department_code, id),
  FOREIGN KEY (department_code, theme_id) REFERENCES diagnostic_theme (department_code, id)
);

INSERT INTO rule_set (department_code, kind, effective_from, value, source)
SELECT d.code, 'contract_hours', '2025-01-01', '{"minimumWeeklyHours":15}'::jsonb,
  'Loi pour le plein emploi : au moins 15 heures d’activité par semaine (C. trav. L5411-5-1), sauf durée réduite ou dispense'
FROM department d
ON CONFLICT (department_code, kind, effective_from) DO NOTHING;
`;
