import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date or ISO strings and read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface DepartmentTable {
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface AccountTable {
  id: Generated<string>;
  department_code: string;
  email: string;
  display_name: string;
  role: string;
  hub_id: string | null;
  structure_id: string | null;
  person_id: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface LoginFailureTable {
  id: Generated<string>;
  department_code: string;
  email_hash: string;
  ip: string;
  failed_at: Timestamp;
}

export interface LoginFailureNoticeTable {
  account_id: string;
  department_code: string;
  notified_at: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  department_code: string;
  account_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface PasswordResetTokenTable {
  token_hash: string;
  department_code: string;
  account_id: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
}

export interface OidcLoginStateTable {
  state: string;
  department_code: string;
  code_verifier: string;
  nonce: string;
  created_at: GeneratedTimestamp;
}

export interface AuditEventTable {
  seq: Generated<string>;
  department_code: string;
  occurred_at: Timestamp;
  actor_account_id: string | null;
  actor_role: string | null;
  action: string;
  person_id: string | null;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json;
  /** Persons listed by a bulk read (search, queue, export); covered by the MAC. */
  person_ids: string[] | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainStartTable {
  department_code: string;
  legacy_until_seq: string;
  recorded_at: Generated<Timestamp>;
}

export interface JobTable {
  id: Generated<string>;
  department_code: string;
  queue: string;
  payload: Json;
  status: Generated<string>;
  run_at: GeneratedTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  singleton_key: string | null;
  locked_by: string | null;
  locked_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
}

export interface ScheduleTable {
  name: string;
  department_code: string;
  cron: string;
  queue: string;
  payload: Json;
  next_run_at: Timestamp;
  enabled: Generated<boolean>;
}

export interface OutboxEventTable {
  id: Generated<string>;
  department_code: string;
  type: string;
  payload: Json;
  occurred_at: GeneratedTimestamp;
  dispatched_at: NullableTimestamp;
}

export interface InsertionHubTable {
  id: Generated<string>;
  department_code: string;
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface CommuneTable {
  department_code: string;
  insee_code: string;
  name: string;
  postal_codes: string[];
  hub_id: string | null;
  updated_at: GeneratedTimestamp;
}

export interface StructureTable {
  id: Generated<string>;
  department_code: string;
  kind: string;
  name: string;
  hub_id: string | null;
  commune_code: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  external_id: Generated<string | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

/** A business date, 'YYYY-MM-DD' both ways (same parser on both engines). */
type DateString = string;

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
}

export interface ContactTable {
  department_code: string;
  household_id: string;
  kind: string;
  value: string;
  consent: string | null;
  source: string;
  updated_at: GeneratedTimestamp;
}

export interface TimelineEventTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  occurred_on: DateString;
  type: string;
  data: Json;
  actor_account_id: string | null;
  source: string;
  recorded_at: GeneratedTimestamp;
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

export interface OrientationTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  notified_on: DateString;
  pathway: string;
  structure_id: string;
  programme: string | null;
  source: string;
  recorded_at: GeneratedTimestamp;
  entry_spell_id: string | null;
  diagnosis_id: string | null;
  body_kind: string | null;
  decided_on: DateString | null;
  decided_by: string | null;
  proposal: ColumnType<unknown, string | null | undefined, string | null>;
  overridden: Generated<boolean>;
  override_reason: string | null;
  previous_orientation_id: string | null;
  reorientation_reason: string | null;
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
}

export interface HistoryImportRunTable {
  id: Generated<string>;
  department_code: string;
  file_name: string;
  content_hash: string;
  status: string;
  report: Json;
  actor_account_id: string | null;
  started_at: GeneratedTimestamp;
  finished_at: NullableTimestamp;
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

export interface MessageTemplateTable {
  id: Generated<string>;
  department_code: string;
  code: string;
  channel: 'letter' | 'email' | 'sms';
  subject: string | null;
  body: string;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface MessageBatchTable {
  id: Generated<string>;
  department_code: string;
  kind: string;
  person_count: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface MessageTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  kind: 'convocation' | 'reminder' | 'decision';
  channel: 'letter' | 'email' | 'sms';
  template_code: string;
  appointment_id: string | null;
  orientation_id: string | null;
  batch_id: string | null;
  recipient: string;
  subject: string | null;
  body: string;
  status: 'pending' | 'generated' | 'sent' | 'delivered' | 'failed' | 'cancelled';
  provider_message_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  sent_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  updated_at: GeneratedTimestamp;
  data: ColumnType<unknown, string | undefined, string>;
}

export interface MessageDeliveryEventTable {
  id: Generated<string>;
  department_code: string;
  message_id: string;
  status: string;
  provider_status: string | null;
  payload: Json;
  received_at: GeneratedTimestamp;
}

export interface RuleSetTable {
  id: Generated<string>;
  department_code: string;
  kind: string;
  effective_from: DateString;
  value: Json;
  source: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface DiagnosticReferentialTable {
  id: Generated<string>;
  department_code: string;
  version: string;
  source_hash: string;
  loaded_at: GeneratedTimestamp;
}

export interface DiagnosticThemeTable {
  department_code: string;
  id: string;
  label: string;
  position: number;
  active: Generated<boolean>;
}

export interface DiagnosticSituationTable {
  department_code: string;
  id: string;
  theme_id: string;
  label: string;
  position: number;
  active: Generated<boolean>;
}

export interface DiagnosisTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  entry_spell_id: string | null;
  version_no: number;
  diagnosed_on: DateString;
  employment_situation: string;
  qualification_level: string | null;
  experience: string | null;
  project: string | null;
  comments: string | null;
  author_account_id: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface DiagnosisObstacleTable {
  id: Generated<string>;
  department_code: string;
  diagnosis_id: string;
  theme_id: string;
  situation_id: string | null;
  severity: 'light' | 'moderate' | 'severe';
  comment: string | null;
}

export interface MedicalReferralTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  hub_id: string;
  structure_id: string | null;
  requested_by: string | null;
  requested_on: DateString;
  request_reason: string;
  status: 'requested' | 'in_progress' | 'completed' | 'cancelled';
  compatible_actions: string | null;
  care_pathway_advised: boolean | null;
  recommendation: string | null;
  recommended_on: DateString | null;
  recommended_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

/** Health data: only the medical module reads this table. */
export interface MedicalRecordTable {
  id: Generated<string>;
  department_code: string;
  referral_id: string;
  person_id: string;
  kind: 'diagnosis' | 'note';
  body: string;
  author_account_id: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface SchemaMigrationTable {
  id: string;
  applied_at: GeneratedTimestamp;
}

export interface Database {
  department: DepartmentTable;
  account: AccountTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  login_failure_notice: LoginFailureNoticeTable;
  password_reset_token: PasswordResetTokenTable;
  oidc_login_state: OidcLoginStateTable;
  audit_event: AuditEventTable;
  audit_chain_start: AuditChainStartTable;
  job: JobTable;
  schedule: ScheduleTable;
  outbox_event: OutboxEventTable;
  insertion_hub: InsertionHubTable;
  commune: CommuneTable;
  structure: StructureTable;
  schema_migration: SchemaMigrationTable;
  flux_run: FluxRunTable;
  household: HouseholdTable;
  person: PersonTable;
  name_token: NameTokenTable;
  person_name_token: PersonNameTokenTable;
  household_member: HouseholdMemberTable;
  rights_period: RightsPeriodTable;
  entry_spell: EntrySpellTable;
  contact: ContactTable;
  timeline_event: TimelineEventTable;
  ft_batch: FtBatchTable;
  ft_registration: FtRegistrationTable;
  duplicate_suspect: DuplicateSuspectTable;
  referent: ReferentTable;
  orientation: OrientationTable;
  referent_assignment: ReferentAssignmentTable;
  appointment: AppointmentTable;
  engagement_contract: EngagementContractTable;
  history_import_run: HistoryImportRunTable;
  agenda_slot: AgendaSlotTable;
  message_template: MessageTemplateTable;
  message_batch: MessageBatchTable;
  message: MessageTable;
  message_delivery_event: MessageDeliveryEventTable;
  rule_set: RuleSetTable;
  diagnostic_referential: DiagnosticReferentialTable;
  diagnostic_theme: DiagnosticThemeTable;
  diagnostic_situation: DiagnosticSituationTable;
  diagnosis: DiagnosisTable;
  diagnosis_obstacle: DiagnosisObstacleTable;
  medical_referral: MedicalReferralTable;
  medical_record: MedicalRecordTable;
}
