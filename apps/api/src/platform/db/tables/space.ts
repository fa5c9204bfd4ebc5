import type { Generated } from 'kysely';
import type { GeneratedTimestamp, NullableTimestamp, Timestamp } from './types';

/** The beneficiary's space (migration 0021): sign-in links and codes, appointment notices. */

export type BeneficiaryTokenKind = 'link' | 'sms_code' | 'signature_code';

export interface BeneficiaryLoginTokenTable {
  id: string;
  department_code: string;
  kind: BeneficiaryTokenKind;
  /** sha256 of the link's token, or of "<id>:<code>" for a code: never the secret itself. */
  hash: string;
  account_id: string;
  channel: 'email' | 'sms';
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  attempts: Generated<number>;
}

export interface AppointmentNoticeTable {
  id: Generated<string>;
  department_code: string;
  appointment_id: string;
  person_id: string;
  kind: 'cannot_attend';
  reason: string;
  account_id: string | null;
  recorded_at: GeneratedTimestamp;
}
