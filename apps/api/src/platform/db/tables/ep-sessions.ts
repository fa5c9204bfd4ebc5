import type { Generated } from 'kysely';
import type { DateString, GeneratedTimestamp } from './types';

/** The équipe pluridisciplinaire (0033): referrals of sanction cases, sessions, members, agenda. */
export interface EpReferralTable {
  id: Generated<string>;
  department_code: string;
  person_id: string;
  case_id: string;
  hub_id: string;
  proposed_outcome: string;
  reason: string | null;
  submitted_on: DateString;
  submitted_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface EpSessionTable {
  id: Generated<string>;
  department_code: string;
  hub_id: string;
  session_date: DateString;
  start_time: string;
  place: string;
  status: Generated<string>;
  postponed_from: DateString | null;
  status_reason: string | null;
  signed_on: DateString | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface EpSessionMemberTable {
  id: Generated<string>;
  department_code: string;
  session_id: string;
  name: string;
  quality: string;
  detail: string | null;
  present: boolean | null;
  created_at: GeneratedTimestamp;
}

export interface EpAgendaItemTable {
  id: Generated<string>;
  department_code: string;
  session_id: string;
  referral_id: string;
  person_id: string;
  invited_on: DateString | null;
  opinion: string | null;
  reasoning: string | null;
  hearing: string | null;
  represented_by: string | null;
  opinion_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
