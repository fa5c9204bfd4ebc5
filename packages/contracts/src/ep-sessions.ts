import { z } from 'zod';
import { calendarDate, rowVersion } from './scalars';
import { optionalText, requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * The équipe pluridisciplinaire (EP, issue 14 point 4): a monthly session per territory (pôle), its
 * members, and its agenda of sanction cases awaiting its opinion. A removal (radiation) is decided
 * only after the EP has given its opinion (consultative: favourable or not); under the regime before
 * 1 June 2025 a sanction too.
 */

// ---- Referral of a case to the EP --------------------------------------------------------------------

/** What the agent proposes and asks the EP's opinion on. */
export const epProposedOutcomes = ['removal', 'reorientation', 'sanction'] as const;
export type EpProposedOutcome = (typeof epProposedOutcomes)[number];
export const epProposedOutcomeLabels: Record<EpProposedOutcome, string> = {
  removal: 'Radiation',
  reorientation: 'Réorientation (parcours social ou professionnel)',
  sanction: 'Sanction (régime antérieur : observations soumises à l’EP)',
};

export const epReferralInputSchema = z.object({
  submittedOn: calendarDate,
  proposedOutcome: z.enum(epProposedOutcomes, { message: 'Proposition soumise à l’EP obligatoire.' }),
  reason: optionalText('Motif de la saisine', 2000),
});
export type EpReferralInput = z.input<typeof epReferralInputSchema>;

export const epReferralSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  personId: z.uuid(),
  hubId: z.uuid(),
  proposedOutcome: z.enum(epProposedOutcomes),
  reason: z.string().nullable(),
  submittedOn: z.string(),
});
export type EpReferral = z.infer<typeof epReferralSchema>;

// ---- Session -----------------------------------------------------------------------------------------

export const epSessionStatuses = ['planned', 'postponed', 'held', 'closed', 'cancelled'] as const;
export type EpSessionStatus = (typeof epSessionStatuses)[number];
export const epSessionStatusLabels: Record<EpSessionStatus, string> = {
  planned: 'Prévue',
  postponed: 'Reportée',
  held: 'Tenue',
  closed: 'Close (procès-verbal signé)',
  cancelled: 'Annulée',
};
/** The statuses in which the agenda and the members are still being prepared. */
export const epPreparingStatuses: readonly EpSessionStatus[] = ['planned', 'postponed'];

const manage = 'ep.manage' as const;

/** planned → held → closed (minutes signed); planned or postponed → postponed (new date) or cancelled. */
export const epSessionWorkflow = defineWorkflow({
  name: 'ep_session',
  statuses: epSessionStatuses,
  transitions: {
    postponed: {
      from: ['planned', 'postponed'],
      permission: manage,
      refused: 'Seule une séance qui n’a pas encore eu lieu peut être reportée.',
    },
    held: {
      from: ['planned', 'postponed'],
      permission: manage,
      refused: (from) =>
        from === 'cancelled'
          ? 'Une séance annulée ne peut pas être tenue.'
          : 'Cette séance a déjà été tenue.',
    },
    closed: {
      from: ['held'],
      permission: manage,
      refused: 'Seule une séance tenue peut être close (procès-verbal signé).',
    },
    cancelled: {
      from: ['planned', 'postponed'],
      permission: manage,
      refused: 'Une séance tenue ou close ne s’annule plus.',
    },
  },
});

export const epMemberQualities = [
  'president',
  'france_travail',
  'caf',
  'msa',
  'social_worker',
  'insertion_professional',
  'beneficiaries_representative',
  'other',
] as const;
export type EpMemberQuality = (typeof epMemberQualities)[number];
export const epMemberQualityLabels: Record<EpMemberQuality, string> = {
  president: 'Élu départemental, président',
  france_travail: 'Représentant de France Travail',
  caf: 'Représentant de la CAF',
  msa: 'Représentant de la MSA',
  social_worker: 'Travailleur social',
  insertion_professional: 'Professionnel de l’insertion',
  beneficiaries_representative: 'Représentant des bénéficiaires du RSA',
  other: 'Autre qualité',
};

export const epOpinions = ['favourable', 'unfavourable', 'adjourned'] as const;
export type EpOpinion = (typeof epOpinions)[number];
export const epOpinionLabels: Record<EpOpinion, string> = {
  favourable: 'Avis favorable à la proposition',
  unfavourable: 'Avis défavorable à la proposition',
  adjourned: 'Dossier ajourné',
};
export const epHearings = ['present', 'represented', 'absent'] as const;
export type EpHearing = (typeof epHearings)[number];
export const epHearingLabels: Record<EpHearing, string> = {
  present: 'Personne présente et entendue',
  represented: 'Personne représentée ou assistée',
  absent: 'Personne absente',
};

const time = z
  .string({ message: 'Heure obligatoire (format HH:MM).' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Heure attendue au format HH:MM (par exemple 09:30).' });

export const epSessionInputSchema = z.object({
  hubId: z.uuid({ message: 'Pôle obligatoire.' }),
  sessionDate: calendarDate,
  startTime: time,
  place: requiredText('Lieu', 300),
});
export type EpSessionInput = z.input<typeof epSessionInputSchema>;

export const epSessionListQuerySchema = z.object({
  hubId: z.uuid({ message: 'Pôle invalide.' }).optional(),
  status: z.enum(epSessionStatuses, { message: 'Statut inconnu.' }).optional(),
});

export const epMemberInputSchema = z.object({
  name: requiredText('Nom', 200),
  quality: z.enum(epMemberQualities, { message: 'Qualité obligatoire.' }),
  /** Precision of the quality (« directrice de l’agence France Travail d’Aix »…). */
  detail: optionalText('Précision', 300),
});
export const epPresenceInputSchema = z.object({
  present: z.boolean({ message: 'Présence : oui ou non.' }),
});
export const epAgendaInputSchema = z.object({
  referralId: z.uuid({ message: 'Dossier obligatoire.' }),
});
export const epInvitationInputSchema = z.object({ invitedOn: calendarDate });
export const epOpinionInputSchema = z.object({
  opinion: z.enum(epOpinions, { message: 'Avis obligatoire.' }),
  reasoning: requiredText('Motivation de l’avis', 4000),
  hearing: z.enum(epHearings, { message: 'Audition de la personne obligatoire.' }),
  /** Who represented or assisted the person (name and quality). */
  representedBy: optionalText('Représentée ou assistée par', 300),
});
export const epHoldInputSchema = z.object({ version: rowVersion });
export const epCloseInputSchema = z.object({ version: rowVersion, signedOn: calendarDate });
export const epPostponeInputSchema = z.object({
  version: rowVersion,
  sessionDate: calendarDate,
  startTime: time.nullish().transform((v) => v ?? null),
  reason: requiredText('Motif du report', 1000),
});
export const epCancelInputSchema = z.object({ version: rowVersion, reason: requiredText('Motif', 1000) });

const uuid = z.uuid({ message: 'Identifiant invalide.' });
export const epMemberParams = z.object({ id: uuid, memberId: uuid });
export const epItemParams = z.object({ id: uuid, itemId: uuid });

export const epMemberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  quality: z.enum(epMemberQualities),
  detail: z.string().nullable(),
  present: z.boolean().nullable(),
});
export type EpMember = z.infer<typeof epMemberSchema>;

/** A case on the agenda, with the minimum of the person the secretariat needs. */
export const epAgendaItemSchema = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  caseId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  proposedOutcome: z.enum(epProposedOutcomes),
  failureKind: z.string(),
  invitedOn: z.string().nullable(),
  opinion: z.enum(epOpinions).nullable(),
  reasoning: z.string().nullable(),
  hearing: z.enum(epHearings).nullable(),
  representedBy: z.string().nullable(),
});
export type EpAgendaItem = z.infer<typeof epAgendaItemSchema>;

/** A referral awaiting an opinion, not on the agenda of a coming session: what may be added. */
export const epCandidateSchema = z.object({
  referralId: z.uuid(),
  caseId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  proposedOutcome: z.enum(epProposedOutcomes),
  submittedOn: z.string(),
});

export const epSessionSchema = z.object({
  id: z.uuid(),
  hubId: z.uuid(),
  hubName: z.string(),
  sessionDate: z.string(),
  startTime: z.string(),
  place: z.string(),
  status: z.enum(epSessionStatuses),
  postponedFrom: z.string().nullable(),
  statusReason: z.string().nullable(),
  signedOn: z.string().nullable(),
  itemCount: z.number(),
  version: z.number(),
});
export type EpSession = z.infer<typeof epSessionSchema>;

export const epSessionListSchema = z.object({ items: z.array(epSessionSchema) });

export const epSessionDetailSchema = epSessionSchema.extend({
  members: z.array(epMemberSchema),
  agenda: z.array(epAgendaItemSchema),
  candidates: z.array(epCandidateSchema),
});
export type EpSessionDetail = z.infer<typeof epSessionDetailSchema>;
