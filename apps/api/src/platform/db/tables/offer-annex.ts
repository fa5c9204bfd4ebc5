import type { ColumnType } from 'kysely';
import type { Int8 } from './offer';
import type { GeneratedTimestamp } from './types';

/** The imported annex (0024): one row per year's import, and each new action's sheet as printed. */
export interface OfferAnnexImportTable {
  department_code: string;
  year: number;
  title: string;
  subtitle: string | null;
  file_sha256: string;
  header_amount_cents: Int8 | null;
  header_state_share_cents: Int8 | null;
  header_department_share_cents: Int8 | null;
  imported_at: GeneratedTimestamp;
}

export interface OfferAnnexSheetTable {
  action_id: string;
  department_code: string;
  year: number;
  code: string;
  heading: string;
  sheet_kind: string;
  title: string;
  context: string | null;
  description: string | null;
  objectives: string | null;
  start_text: string | null;
  duration_text: string | null;
  partners_text: string | null;
  public_text: string | null;
  operators: ColumnType<string[], string[] | undefined, string[]>;
  yearly: ColumnType<unknown, string | undefined, string>;
  total_cents: Int8 | null;
  total_text: string | null;
}

export interface OfferAnnexRowTable {
  action_id: string;
  year: number;
  department_code: string;
  position: number;
  amount_text: string | null;
  valued_cents: Int8 | null;
  new_credits_cents: Int8 | null;
}
