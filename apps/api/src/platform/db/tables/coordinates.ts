import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, Json, NullableTimestamp } from './types';

/** Coordinates corrected on the person's file (0012): provenance, rectifications, flux conflicts. */

export interface CoordinateSourceTable {
  department_code: string;
  household_id: string;
  field: string;
  source: string;
  fact_on: DateString;
  account_id: string | null;
  caf_value: Json | null;
  recorded_at: GeneratedTimestamp;
}

export interface CoordinateRectificationTable {
  id: Generated<string>;
  department_code: string;
  household_id: string;
  person_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  account_id: string | null;
  flux_run_id: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface CoordinateConflictTable {
  id: Generated<string>;
  department_code: string;
  household_id: string;
  field: string;
  outcome: string;
  flux_run_id: string | null;
  flux_on: DateString;
  flux_value: Json;
  entered_value: Json;
  entered_source: string;
  entered_on: DateString;
  entered_by: string | null;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}
