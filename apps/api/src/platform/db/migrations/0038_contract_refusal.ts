/**
 * The person's refusal to sign a contract of engagement, or its amendment (issue 14, point 1): a
 * dated fact recorded by the agent who proposed it, from which the failure « refus d’élaborer ou
 * d’actualiser le contrat » is detected. One failure at most per refusal. Retention: as the
 * contract (docs/rgpd/sanctions.md).
 */
export const sql = /* sql */ `
CREATE TABLE contract_refusal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  contract_id uuid NOT NULL REFERENCES engagement_contract(id),
  version_number integer NOT NULL,
  -- True when the version refused amends a contract in force (refusal to update it).
  amendment boolean NOT NULL,
  refused_on date NOT NULL,
  -- What the person said, as the agent wrote it.
  statement text NOT NULL,
  recorded_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_refusal_person_idx ON contract_refusal (person_id, refused_on);

ALTER TABLE sanction_failure ADD COLUMN contract_refusal_id uuid REFERENCES contract_refusal(id);
CREATE UNIQUE INDEX sanction_failure_contract_refusal_uq ON sanction_failure (contract_refusal_id);
`;
