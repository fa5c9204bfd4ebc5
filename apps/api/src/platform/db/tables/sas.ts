import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, Timestamp } from './types';

/** The SAS de rétablissement (0035): sessions, their meetings, enrolments and attendance. */
export interface SasSessionTable {
  id: Generated<string>;
  department_code: string;
  hub_id: string;
  structure_id: string | null;
  animator_account_id: string | null;
  label: string;
  start_date: DateString;
  weeks: number;
  half_days_per_week: number;
  place: string;
  capacity: number;
  status: Generated<string>;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface SasMeetingTable {
  id: Generated<string>;
  department_code: string;
  session_id: string;
  position: number;
  week: number;
  on_date: DateString;
  half_day: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<string>;
  cancel_reason: string | null;
  slot_id: string | null;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface SasEnrolmentTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  session_id: string | null;
  case_id: string | null;
  status: Generated<string>;
  requested_on: DateString;
  enrolled_on: DateString | null;
  ended_on: DateString | null;
  end_note: string | null;
  commitment_kind: string | null;
  contract_id: string | null;
  pathway: string | null;
  committed_on: DateString | null;
  decided_on: DateString | null;
  decided_by: string | null;
  reinstated_from: DateString | null;
  decision_reason: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface SasAttendanceTable {
  department_code: string;
  enrolment_id: string;
  meeting_id: string;
  status: string;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}
