import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp } from './types';

/** CAF transmission (0034): lines to send, daily files, the CAF's answer per line. */
export interface CafTransmissionLineTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  kind: string;
  effective_on: DateString;
  case_id: string | null;
  sas_enrolment_id: string | null;
  cancels_line_id: string | null;
  percent: number | null;
  months: number | null;
  end_reason: string | null;
  status: Generated<string>;
  file_id: string | null;
  rejection_count: Generated<number>;
  last_rejection_reason: string | null;
  last_rejected_on: DateString | null;
  withdrawn_reason: string | null;
  queued_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface CafTransmissionFileTable {
  id: Generated<string>;
  department_code: string;
  file_date: DateString;
  file_name: string;
  content: string;
  content_hash: string;
  line_count: number;
  status: Generated<string>;
  generated_by: string | null;
  generated_at: GeneratedTimestamp;
  acknowledged_at: NullableTimestamp;
  version: Generated<number>;
}

export interface CafTransmissionFileLineTable {
  department_code: string;
  file_id: string;
  line_id: string;
  position: number;
  ack_status: string | null;
  ack_reason: string | null;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}
