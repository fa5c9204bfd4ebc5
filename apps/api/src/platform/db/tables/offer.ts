import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp } from './types';

/** int8 columns: node-postgres reads them as strings, PGlite may not; always read them through Number(). */
export type Int8 = ColumnType<string | number | bigint, string | number | bigint, string | number | bigint>;
type Numeric = ColumnType<string, string | number, string | number>;

/** The insertion offer (0023): catalogue, budgets, the annex's printed totals, sessions, referrals. */
export interface InsertionActionTable {
  id: Generated<string>;
  department_code: string;
  code: string;
  title: string;
  axis: number;
  kind: string;
  status: string;
  grouping: string | null;
  objectives: string | null;
  description: string | null;
  public_description: string | null;
  target_min_age: number | null;
  target_max_age: number | null;
  target_sex: string | null;
  publics: ColumnType<string[], string[] | undefined, string[]>;
  thematiques: ColumnType<string[], string[] | undefined, string[]>;
  service_type: string | null;
  weekly_hours: Numeric | null;
  weeks: number | null;
  phases: ColumnType<unknown, string | undefined, string>;
  planned_beneficiaries: number | null;
  planned_beneficiaries_text: string | null;
  indicators: ColumnType<unknown, string | undefined, string>;
  unit_cost_cents: Int8 | null;
  starts_on: DateString | null;
  ends_on: DateString | null;
  source: Generated<string>;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface InsertionActionOperatorTable {
  department_code: string;
  action_id: string;
  structure_id: string;
}

export interface InsertionActionTerritoryTable {
  id: Generated<string>;
  department_code: string;
  action_id: string;
  lot: string | null;
  hub_id: string | null;
  commune_code: string | null;
}

export interface InsertionActionBudgetTable {
  id: Generated<string>;
  department_code: string;
  action_id: string;
  year: number;
  source: string;
  amount_cents: Int8;
  state_share_cents: Int8 | null;
  department_share_cents: Int8 | null;
  note: string | null;
}

export interface OfferAnnexLineTable {
  id: Generated<string>;
  department_code: string;
  year: number;
  position: number;
  scope: string;
  axis: number | null;
  label: string;
  beneficiaries_text: string | null;
  amount_cents: Int8;
  state_share_cents: Int8;
  department_share_cents: Int8;
  valued_cents: Int8 | null;
  new_credits_cents: Int8 | null;
  action_codes: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ActionSessionTable {
  id: Generated<string>;
  department_code: string;
  action_id: string;
  label: string;
  starts_on: DateString;
  ends_on: DateString;
  place: string | null;
  commune_code: string | null;
  capacity: number;
  weekly_hours: Numeric | null;
  status: Generated<string>;
  version: Generated<number>;
}

export interface ReferralTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  action_id: string;
  session_id: string | null;
  status: string;
  referring_structure_id: string | null;
  referred_by: string | null;
  contract_id: string | null;
  message: string | null;
  weekly_hours: Numeric | null;
  sent_on: DateString;
  answered_at: NullableTimestamp;
  refusal_reason: string | null;
  entered_on: DateString | null;
  exited_on: DateString | null;
  exit_category: string | null;
  exit_type: string | null;
  exit_detail: string | null;
  created_at: GeneratedTimestamp;
  version: Generated<number>;
}
