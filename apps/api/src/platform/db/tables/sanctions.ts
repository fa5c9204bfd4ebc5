import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp } from './types';

/** Duties and sanctions (0031): failures and the sanction case that follows one. */
export interface SanctionFailureTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  kind: string;
  origin: string;
  facts_date: DateString;
  facts_end_date: DateString | null;
  appointment_id: string | null;
  orientation_id: string | null;
  /** The person's refusal of a contract (0038) a detected `contract_refusal` comes from. */
  contract_refusal_id: string | null;
  facts: string | null;
  reported_by: string | null;
  status: Generated<string>;
  /** Classed without follow-up (0039): when, why, by whom. */
  dismissed_on: DateString | null;
  dismissed_reason: string | null;
  dismissed_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface SanctionCaseTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  failure_id: string;
  status: Generated<string>;
  regime: string;
  rule_set_from: DateString;
  facts_date: DateString;
  repeat: number;
  household_persons: number;
  single_parent_increase: Generated<boolean>;
  opened_by: string | null;
  notice_sent_on: DateString | null;
  observations_deadline: DateString | null;
  observations_received_on: DateString | null;
  observations_mode: string | null;
  observations: string | null;
  assisted_by: string | null;
  decision_kind: string | null;
  percent: number | null;
  months: number | null;
  modulation_reasons: ColumnType<string[], string[] | undefined, string[]>;
  decision_reason: string | null;
  decided_on: DateString | null;
  decided_by: string | null;
  notified_on: DateString | null;
  ended_on: DateString | null;
  end_reason: string | null;
  cancel_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}
