import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp } from './types';

type Numeric = ColumnType<string, string | number, string | number>;

/** 0025: the referral's columns beyond 0023 (cancellation reason, plan step, closing time). */
export interface ReferralWorkflowColumns {
  cancel_reason: string | null;
  plan_step_id: string | null;
  closed_at: NullableTimestamp;
}

/** 0025: the operator's attendance record of a referred person, one row a day. */
export interface ReferralAttendanceTable {
  id: Generated<string>;
  department_code: string;
  referral_id: string;
  day: DateString;
  presence: string;
  hours: Numeric | null;
  half_days: number | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}
