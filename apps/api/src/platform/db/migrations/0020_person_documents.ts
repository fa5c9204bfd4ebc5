/**
 * Documents attached to a person's file (issue 11, point 6): identity papers, CV, certificates, a
 * scanned signed contract… PDF, JPEG or PNG, 10 MB at most, kept in the database (one row each).
 * A withdrawal keeps the row's trace (who added what, when; who withdrew it, when and why) and
 * erases the bytes (`content` set to NULL): see docs/rgpd/documents.md. Deleting the person deletes
 * their documents (ON DELETE CASCADE).
 */
export const sql = /* sql */ `
CREATE TABLE person_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('identity', 'cv', 'certificate', 'signed_contract', 'proof_of_address', 'other')),
  label text CHECK (label IS NULL OR length(label) BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea,
  uploaded_by uuid REFERENCES account(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES account(id) ON DELETE SET NULL,
  withdraw_reason text,
  version integer NOT NULL DEFAULT 1,
  -- Withdrawn: the bytes are gone and the reason is said; in use: the bytes are there.
  CONSTRAINT person_document_withdrawal CHECK (
    (withdrawn_at IS NULL AND content IS NOT NULL AND withdraw_reason IS NULL)
    OR (withdrawn_at IS NOT NULL AND content IS NULL AND withdraw_reason IS NOT NULL)
  )
);
CREATE INDEX person_document_person_idx ON person_document (person_id, uploaded_at DESC);
`;
