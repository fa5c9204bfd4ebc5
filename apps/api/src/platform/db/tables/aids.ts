import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, NullableTimestamp } from './types';

/** int8 columns: node-postgres reads them as strings, PGlite may not; always read them through Number(). */
type Int8 = ColumnType<string | number | bigint, string | number | bigint, string | number | bigint>;

/** Individual aids (0027): envelopes, aids, payment orders and their frozen lines. */
export interface AidEnvelopeTable {
  id: Generated<string>;
  department_code: string;
  year: number;
  kind: string;
  hub_id: string;
  amount_cents: Int8;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface IndividualAidTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  contract_id: string;
  plan_step_id: string | null;
  plan_step_label: string | null;
  hub_id: string;
  kind: string;
  amount_cents: Int8;
  purpose: string;
  payee_kind: string;
  payee_label: string;
  payee_reference: string | null;
  requested_on: DateString;
  requested_by: string | null;
  status: Generated<string>;
  status_reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  paid_on: DateString | null;
  payment_reference: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface AidPaymentOrderTable {
  id: Generated<string>;
  department_code: string;
  number: string;
  year: number;
  seq: number;
  ordered_on: DateString;
  hub_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface AidPaymentOrderLineTable {
  department_code: string;
  order_id: string;
  line_no: number;
  aid_id: string;
  kind: string;
  hub_code: string;
  hub_name: string;
  payee_label: string;
  payee_reference: string | null;
  amount_cents: Int8;
}
