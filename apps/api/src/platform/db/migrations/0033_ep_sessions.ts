/**
 * The équipe pluridisciplinaire (issue 14 point 4): the referral of a sanction case to the EP with
 * the proposed outcome, the monthly sessions per pôle (members, agenda) and the EP's opinion on each
 * case heard. A removal is decided only after a favourable opinion. Retention: docs/rgpd/ep-sessions.md.
 */
export const sql = /* sql */ `
CREATE TABLE ep_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  person_id uuid NOT NULL REFERENCES person(id),
  case_id uuid NOT NULL UNIQUE REFERENCES sanction_case(id),
  -- The person's pôle when the case was submitted: the territory whose EP gives the opinion.
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  proposed_outcome text NOT NULL CHECK (proposed_outcome IN ('removal', 'reorientation', 'sanction')),
  reason text,
  submitted_on date NOT NULL,
  submitted_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ep_referral_hub_idx ON ep_referral (hub_id);

CREATE TABLE ep_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES department(code),
  hub_id uuid NOT NULL REFERENCES insertion_hub(id),
  session_date date NOT NULL,
  start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'postponed', 'held', 'closed', 'cancelled')),
  -- The first date of a postponed session, and the reason of the last postponement or cancellation.
  postponed_from date,
  status_reason text,
  signed_on date,
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX ep_session_hub_idx ON ep_session (hub_id, session_date);

CREATE TABLE ep_session_member (
  department_code text NOT NULL REFERENCES department(code),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES ep_session(id),
  name text NOT NULL,
  quality text NOT NULL CHECK (quality IN ('president', 'france_travail', 'caf', 'msa', 'social_worker',
    'insertion_professional', 'beneficiaries_representative', 'other')),
  detail text,
  present boolean,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ep_session_member_session_idx ON ep_session_member (session_id);

CREATE TABLE ep_agenda_item (
  department_code text NOT NULL REFERENCES department(code),
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES ep_session(id),
  referral_id uuid NOT NULL REFERENCES ep_referral(id),
  person_id uuid NOT NULL REFERENCES person(id),
  invited_on date,
  opinion text CHECK (opinion IS NULL OR opinion IN ('favourable', 'unfavourable', 'adjourned')),
  reasoning text,
  hearing text CHECK (hearing IS NULL OR hearing IN ('present', 'represented', 'absent')),
  represented_by text,
  opinion_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, referral_id),
  CHECK (opinion IS NULL OR (reasoning IS NOT NULL AND hearing IS NOT NULL))
);
CREATE INDEX ep_agenda_item_referral_idx ON ep_agenda_item (referral_id);
CREATE INDEX ep_agenda_item_person_idx ON ep_agenda_item (person_id);
`;
