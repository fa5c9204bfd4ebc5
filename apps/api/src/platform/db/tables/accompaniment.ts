import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp, Timestamp } from './types';

/** Accompaniment: référents, assignments, agendas, appointments, contracts. */

export interface ReferentTable {
  id: Generated<string>;
  department_code: string;
  structure_id: string;
  account_id: string | null;
  last_name: string;
  first_name: string;
  global_support_pair: Generated<boolean>;
  active_from: DateString;
  active_to: DateString | null;
  external_id: string | null;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface ReferentAssignmentTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  referent_id: string;
  from_date: DateString;
  to_date: DateString | null;
  source: string;
  recorded_at: GeneratedTimestamp;
  assigned_by: string | null;
  reason: string | null;
  over_cap_reason: string | null;
  ended_by: string | null;
  end_reason: string | null;
  ended_at: NullableTimestamp;
}

export interface AppointmentTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  on_date: DateString;
  structure_id: string | null;
  purpose: string;
  status: string;
  source: string;
  recorded_at: GeneratedTimestamp;
  version: Generated<number>;
  slot_id: string | null;
  hub_id: string | null;
  entry_spell_id: string | null;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  place: string | null;
  booked_by: string | null;
  rescheduled_from_id: string | null;
  status_reason: string | null;
  outcome_recorded_by: string | null;
  outcome_recorded_at: NullableTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface EngagementContractTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  signed_on: DateString | null;
  start_date: DateString;
  end_date: DateString;
  weekly_hours: ColumnType<string, string | number, string | number>;
  hours_regime: string;
  source: string;
  recorded_at: GeneratedTimestamp;
  version: Generated<number>;
  /** 0016: the contract's workflow (contracts `engagementContractWorkflow`). */
  status: Generated<string>;
  referent_id: string | null;
  structure_id: string | null;
  current_version_no: Generated<number>;
  in_force_version_no: number | null;
  renews_contract_id: string | null;
  status_reason: string | null;
  status_changed_at: NullableTimestamp;
  created_by: string | null;
  updated_at: GeneratedTimestamp;
}

/** The person's refusal to sign a contract or its amendment (0038): a dated fact. */
export interface ContractRefusalTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  contract_id: string;
  version_number: number;
  amendment: boolean;
  refused_on: DateString;
  statement: string;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface EngagementContractVersionTable {
  id: Generated<string>;
  department_code: string;
  contract_id: string;
  number: number;
  status: Generated<string>;
  content: ColumnType<unknown, string, string>;
  content_hash: string | null;
  proposed_at: NullableTimestamp;
  agent_signed_at: NullableTimestamp;
  agent_signed_by: string | null;
  person_signed_at: NullableTimestamp;
  person_signature_method: 'on_screen' | 'beneficiary_space' | null;
  person_statement: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface ContractPlanStepTable {
  id: Generated<string>;
  department_code: string;
  contract_id: string;
  version_id: string;
  position: number;
  objective_id: string;
  kind: string;
  action_id: string | null;
  label: string;
  weekly_hours: ColumnType<string, string | number, string | number>;
  start_date: DateString;
  end_date: DateString;
}

export interface AgendaSlotTable {
  id: Generated<string>;
  department_code: string;
  hub_id: string | null;
  structure_id: string | null;
  advisor_account_id: string | null;
  kind: 'individual' | 'collective';
  purpose: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  capacity: number;
  status: Generated<'open' | 'cancelled'>;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}
