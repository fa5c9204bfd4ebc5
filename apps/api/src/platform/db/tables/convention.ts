import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from './types';

/** The convention's indicator table (0028): rows, values per column, history of the values. */
export interface ConventionIndicatorTable {
  id: Generated<string>;
  department_code: string;
  key: string;
  position: number;
  axis: number;
  axis_text: string;
  section: string;
  section_text: string;
  objective_ref: string | null;
  objective_text: string | null;
  objective_first: Generated<boolean>;
  label: string;
  definition: string | null;
  department_comment: string | null;
  indicator_key: string | null;
}

export interface ConventionValueTable {
  id: Generated<string>;
  department_code: string;
  indicator_id: string;
  column_kind: string;
  year: number;
  printed: string;
  value_kind: string;
  /** numeric: read back as a string. */
  number: ColumnType<string | null, number | null, number | null>;
  edited: Generated<boolean>;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface ConventionValueChangeTable {
  id: Generated<string>;
  department_code: string;
  value_id: string;
  source: string;
  printed_before: string | null;
  printed: string;
  value_kind: string;
  comment: string | null;
  author_account_id: string | null;
  changed_at: GeneratedTimestamp;
}
