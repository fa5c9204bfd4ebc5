import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, NullableTimestamp } from './types';

/** History imports. */

export interface HistoryImportRunTable {
  id: Generated<string>;
  department_code: string;
  file_name: string;
  content_hash: string;
  status: string;
  report: Json;
  actor_account_id: string | null;
  started_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
}
