import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, Json, NullableTimestamp } from './types';

/** Beneficiaries: CAF flux runs, households, persons, rights, entries, contacts, France Travail, duplicates. */

/** A business date, 'YYYY-MM-DD' both ways (same parser on both engines). */
export interface FluxRunTable {
  id: Generated<string>;
  department_code: string;
  file_name: string;
  format: string;
  content_hash: string;
  size_bytes: number;
  application: string | null;
  nat_flux: string | null;
  type_flux: string | null;
  flux_created_on: DateString | null;
  flux_created_time: string | null;
  status: string;
  forced: Generated<boolean>;
  report: Json;
  actor_account_id: string | null;
  started_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
  /** The process running the import (host name and pid), to tell a live run from a dead one. */
  runner_host: string | null;
  runner_pid: number | null;
}

export interface HouseholdTable {
  id: Generated<string>;
  department_code: string;
  organism: string;
  organism_number: string | null;
  claim_number: string;
  matricule: string | null;
  claim_date: DateString | null;
  family_situation: string | null;
  family_situation_since: DateString | null;
  street_number: string | null;
  street_type: string | null;
  street_name: string | null;
  address_complement: string | null;
  locality: string | null;
  commune_code: string | null;
  postal_code: string | null;
  commune_name: string | null;
  abroad: Generated<boolean>;
  rights_status: string | null;
  rights_status_since: DateString | null;
  content_hash: string | null;
  external_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface PersonTable {
  id: Generated<string>;
  department_code: string;
  nir: string | null;
  title: string | null;
  usual_name: string | null;
  birth_name: string;
  first_name: string;
  first_name2: string | null;
  first_name3: string | null;
  birth_place: string | null;
  birth_date: DateString;
  birth_rank: string | null;
  sex: string;
  france_travail_id: string | null;
  household_id: string | null;
  household_role: string | null;
  rights_open: Generated<boolean>;
  subject_to_duties: Generated<boolean>;
  /** Set by a trigger from the names. */
  search_name: Generated<string>;
  /** Set by a trigger: normalised birth name | first name, for duplicate detection. */
  name_key: Generated<string>;
  content_hash: string | null;
  external_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
  /** 0010: linked as a duplicate of this person, who carries the pathway. */
  duplicate_of: string | null;
}

/** Search dictionary (0003): the distinct words of person names, kept by triggers on person. */
export interface NameTokenTable {
  department_code: string;
  token: string;
}

/** Search dictionary (0003): who bears which word of `name_token`, kept by triggers on person. */
export interface PersonNameTokenTable {
  department_code: string;
  token: string;
  person_id: string;
}

export interface HouseholdMemberTable {
  department_code: string;
  household_id: string;
  person_id: string;
  role: string;
  from_date: DateString;
  to_date: DateString | null;
}

export interface RightsPeriodTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  household_id: string | null;
  rights_status: string;
  rights_open: boolean;
  subject_to_duties: boolean;
  valid_from: DateString;
  valid_to: DateString | null;
  flux_run_id: string | null;
  source: string;
  recorded_at: GeneratedTimestamp;
}

export interface EntrySpellTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  entry_date: DateString;
  flux_run_id: string | null;
  source: string;
  recorded_at: GeneratedTimestamp;
  orientation_id: string | null;
  oriented_on: DateString | null;
  orientation_pathway: string | null;
  orientation_programme: string | null;
  /** 0019: first accompaniment appointment and first contract of the spell (read model). */
  first_accompaniment_appointment_id: string | null;
  first_accompaniment_on: DateString | null;
  first_contract_id: string | null;
  first_contract_signed_on: DateString | null;
  /** 0037: the pôle of the person's household's commune, kept by triggers. */
  hub_id: Generated<string | null>;
}

export interface ContactTable {
  department_code: string;
  household_id: string;
  kind: string;
  value: string;
  consent: string | null;
  /** 0012: the date and source of the consent's answer. */
  consent_on: DateString | null;
  consent_source: string | null;
  source: string;
  updated_at: GeneratedTimestamp;
}

export interface FtBatchTable {
  id: Generated<string>;
  department_code: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
  row_count: Generated<number>;
  status: string;
  acknowledged_at: NullableTimestamp;
}

export interface FtRegistrationTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  entry_spell_id: string;
  batch_id: string | null;
  state: string;
  ft_identifier: string | null;
  reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface DuplicateSuspectTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  other_person_id: string;
  reason: string;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  note: string | null;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}
