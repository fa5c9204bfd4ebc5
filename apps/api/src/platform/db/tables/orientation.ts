import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp } from './types';

/** Orientation: decisions, diagnostic referential and diagnoses, medical referrals. */

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
  /** 0037, kept by triggers: the person's pôle, and the date of their next orientation. */
  hub_id: Generated<string | null>;
  superseded_on: Generated<DateString | null>;
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

/** 0022: objectives of the national referential (action plans of contracts name them by id). */
export interface DiagnosticObjectiveTable {
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
