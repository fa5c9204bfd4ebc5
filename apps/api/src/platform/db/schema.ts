/**
 * The database as Kysely sees it. Each context's tables are typed in `tables/<context>.ts`; the
 * SQL that creates them is in `migrations/`.
 */
import type * as accompaniment from './tables/accompaniment';
import type * as beneficiaries from './tables/beneficiaries';
import type * as coordinates from './tables/coordinates';
import type * as documents from './tables/documents';
import type * as history from './tables/history';
import type * as messaging from './tables/messaging';
import type * as orientation from './tables/orientation';
import type * as platform from './tables/platform';
import type * as space from './tables/space';
import type * as territory from './tables/territory';

export * from './tables/accompaniment';
export * from './tables/beneficiaries';
export * from './tables/coordinates';
export * from './tables/documents';
export * from './tables/history';
export * from './tables/messaging';
export * from './tables/orientation';
export * from './tables/platform';
export * from './tables/space';
export * from './tables/territory';
export type { GeneratedTimestamp, NullableTimestamp, Timestamp } from './tables/types';

export interface Database {
  department: platform.DepartmentTable;
  account: platform.AccountTable;
  session: platform.SessionTable;
  login_failure: platform.LoginFailureTable;
  login_failure_notice: platform.LoginFailureNoticeTable;
  password_reset_token: platform.PasswordResetTokenTable;
  beneficiary_login_token: space.BeneficiaryLoginTokenTable;
  appointment_notice: space.AppointmentNoticeTable;
  oidc_login_state: platform.OidcLoginStateTable;
  audit_event: platform.AuditEventTable;
  audit_chain_start: platform.AuditChainStartTable;
  job: platform.JobTable;
  schedule: platform.ScheduleTable;
  outbox_event: platform.OutboxEventTable;
  insertion_hub: territory.InsertionHubTable;
  commune: territory.CommuneTable;
  structure: territory.StructureTable;
  schema_migration: platform.SchemaMigrationTable;
  flux_run: beneficiaries.FluxRunTable;
  household: beneficiaries.HouseholdTable;
  person: beneficiaries.PersonTable;
  name_token: beneficiaries.NameTokenTable;
  person_name_token: beneficiaries.PersonNameTokenTable;
  household_member: beneficiaries.HouseholdMemberTable;
  rights_period: beneficiaries.RightsPeriodTable;
  entry_spell: beneficiaries.EntrySpellTable;
  contact: beneficiaries.ContactTable;
  coordinate_source: coordinates.CoordinateSourceTable;
  coordinate_rectification: coordinates.CoordinateRectificationTable;
  coordinate_conflict: coordinates.CoordinateConflictTable;
  person_document: documents.PersonDocumentTable;
  timeline_event: platform.TimelineEventTable;
  ft_batch: beneficiaries.FtBatchTable;
  ft_registration: beneficiaries.FtRegistrationTable;
  duplicate_suspect: beneficiaries.DuplicateSuspectTable;
  referent: accompaniment.ReferentTable;
  orientation: orientation.OrientationTable;
  referent_assignment: accompaniment.ReferentAssignmentTable;
  appointment: accompaniment.AppointmentTable;
  engagement_contract: accompaniment.EngagementContractTable;
  engagement_contract_version: accompaniment.EngagementContractVersionTable;
  contract_plan_step: accompaniment.ContractPlanStepTable;
  history_import_run: history.HistoryImportRunTable;
  agenda_slot: accompaniment.AgendaSlotTable;
  message_template: messaging.MessageTemplateTable;
  message_batch: messaging.MessageBatchTable;
  message: messaging.MessageTable;
  message_delivery_event: messaging.MessageDeliveryEventTable;
  rule_set: platform.RuleSetTable;
  diagnostic_referential: orientation.DiagnosticReferentialTable;
  diagnostic_theme: orientation.DiagnosticThemeTable;
  diagnostic_situation: orientation.DiagnosticSituationTable;
  diagnostic_objective: orientation.DiagnosticObjectiveTable;
  diagnosis: orientation.DiagnosisTable;
  diagnosis_obstacle: orientation.DiagnosisObstacleTable;
  medical_referral: orientation.MedicalReferralTable;
  medical_record: orientation.MedicalRecordTable;
}
