import type { ColumnType, Generated } from 'kysely';
import type { DateString, GeneratedTimestamp, Json, NullableTimestamp } from './types';

/** Messaging: templates, batches, messages and their delivery events. */

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
  status: Generated<'prepared' | 'posted'>;
  version: Generated<number>;
  posted_on: DateString | null;
  posted_at: NullableTimestamp;
  posted_by: string | null;
}

export interface MessageTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  kind:
    | 'convocation'
    | 'reminder'
    | 'decision'
    | 'referent_change'
    | 'appointment_notice'
    | 'sanction_notice'
    | 'sanction_decision'
    | 'ep_invitation'
    | 'reinstatement';
  channel: 'letter' | 'email' | 'sms';
  template_code: string;
  appointment_id: string | null;
  orientation_id: string | null;
  batch_id: string | null;
  /** The sanction case a letter of the contradictory procedure belongs to (0036). */
  sanction_case_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  version: Generated<number>;
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
