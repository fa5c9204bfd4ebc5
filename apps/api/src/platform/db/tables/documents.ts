import type { Generated } from 'kysely';
import type { GeneratedTimestamp, NullableTimestamp } from './types';

/** Documents attached to a person's file (0020). `content` is NULL once the document is withdrawn. */
export interface PersonDocumentTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  kind: string;
  label: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer | null;
  uploaded_by: string | null;
  uploaded_at: GeneratedTimestamp;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  version: Generated<number>;
}
