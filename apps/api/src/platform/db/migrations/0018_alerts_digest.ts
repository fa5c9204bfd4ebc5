/**
 * Accompaniment alerts (issue 11, point 5): their thresholds are dated configuration (`rule_set`,
 * kind `accompaniment_alerts`), the built-in rows written here for the départements already
 * present (a new département gets the same rows from the code's defaults); each agent may opt out
 * of the daily e-mail digest of their alerts.
 */
export const sql = /* sql */ `
ALTER TABLE account ADD COLUMN alert_digest boolean NOT NULL DEFAULT true;

INSERT INTO rule_set (department_code, kind, effective_from, value, source)
SELECT d.code, 'accompaniment_alerts', '2009-06-01',
  '{"firstAppointmentDays":14,"contractLegalMonths":null,"contractConventionMonths":2,"endingSoonDays":30,"socialReviewMonths":12,"legacyCutoff":"2025-01-01","legacyDeadline":"2027-01-01"}'::jsonb,
  'Convention d’appui à la lutte contre la pauvreté (2020) : premier rendez-vous sous 2 semaines, contrat sous 2 mois'
FROM department d
ON CONFLICT (department_code, kind, effective_from) DO NOTHING;

INSERT INTO rule_set (department_code, kind, effective_from, value, source)
SELECT d.code, 'accompaniment_alerts', '2025-01-01',
  '{"firstAppointmentDays":14,"contractLegalMonths":1,"contractConventionMonths":2,"endingSoonDays":30,"socialReviewMonths":12,"legacyCutoff":"2025-01-01","legacyDeadline":"2027-01-01"}'::jsonb,
  'Loi plein emploi : contrat d’engagement sous un mois (C. trav. D5411-14-1), parcours social réexaminé sous 12 mois (CASF L262-31), personnes suivies avant 2025 sous contrat au 1er janvier 2027'
FROM department d
ON CONFLICT (department_code, kind, effective_from) DO NOTHING;
`;
