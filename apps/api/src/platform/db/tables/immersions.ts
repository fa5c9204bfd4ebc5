import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp, Timestamp } from './types';

type Numeric = ColumnType<string, string | number, string | number>;

/** PMSMP immersions (0026): the convention, its signatures, its single-use signing links. */
export interface ImmersionTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  structure_id: string;
  created_by: string | null;
  contract_id: string | null;
  renewal_of: string | null;
  status: Generated<string>;
  host_name: string;
  host_siret: string;
  host_address: string;
  tutor_name: string;
  tutor_function: string;
  tutor_email: string;
  tutor_phone: string;
  objective: string;
  rome_code: string;
  job_label: string;
  start_date: DateString;
  end_date: DateString;
  schedule: ColumnType<unknown, string | undefined, string>;
  weekly_hours: Numeric;
  place: string;
  tasks: string;
  risks: string | null;
  validated_at: NullableTimestamp;
  validated_by: string | null;
  cancel_reason: string | null;
  outcome: string | null;
  skills_observed: string | null;
  job_offer: boolean | null;
  offer_contract: string | null;
  host_comment: string | null;
  assessed_on: DateString | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface ImmersionSignatureTable {
  id: Generated<string>;
  department_code: string;
  immersion_id: string;
  party: string;
  mode: string;
  signer_name: string;
  signed_at: GeneratedTimestamp;
  recorded_by: string | null;
}

export interface ImmersionSignTokenTable {
  id: Generated<string>;
  department_code: string;
  immersion_id: string;
  party: string;
  email: string;
  hash: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  attempts: Generated<number>;
}
