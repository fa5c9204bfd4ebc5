import { z } from 'zod';
import { immersionLimitsSchema, romeProblem, scheduleSlotSchema, siretProblem } from './immersion-rules';
import { calendarDate, rowVersion } from './scalars';
import { optionalText, requiredText } from './text-fields';
import { defineWorkflow } from './workflow';

/**
 * PMSMP — période de mise en situation en milieu professionnel (issue 12, point 5; RULES.md
 * "Immersions (PMSMP)"): a tripartite convention between the person, a host (company or
 * organisation) and the accompanying structure, signed by all three before it starts, at most 30
 * calendar days and 48 hours a week (dated rules, kind `immersion_limits`).
 */

export * from './immersion-rules';

// ---- Vocabularies -----------------------------------------------------------------------------------

export const immersionObjectives = ['discover', 'confirm', 'recruit'] as const;
export const immersionObjectiveSchema = z.enum(immersionObjectives, { message: 'Objectif obligatoire.' });
export type ImmersionObjective = z.infer<typeof immersionObjectiveSchema>;
export const immersionObjectiveLabels: Record<ImmersionObjective, string> = {
  discover: 'Découvrir un métier ou un secteur d’activité',
  confirm: 'Confirmer un projet professionnel',
  recruit: 'Initier une démarche de recrutement',
};

export const immersionParties = ['person', 'host', 'structure'] as const;
export const immersionPartySchema = z.enum(immersionParties, { message: 'Signataire invalide.' });
export type ImmersionParty = z.infer<typeof immersionPartySchema>;
export const immersionPartyLabels: Record<ImmersionParty, string> = {
  person: 'La personne accompagnée',
  host: 'La structure d’accueil',
  structure: 'La structure d’accompagnement',
};

export const signatureModes = ['on_screen', 'email_link'] as const;
export type SignatureMode = (typeof signatureModes)[number];
export const signatureModeLabels: Record<SignatureMode, string> = {
  on_screen: 'sur écran, en présence d’un agent',
  email_link: 'par lien à usage unique envoyé par e-mail',
};

export const immersionOutcomes = ['completed', 'partial', 'no_show'] as const;
export const immersionOutcomeSchema = z.enum(immersionOutcomes, { message: 'Déroulement obligatoire.' });
export type ImmersionOutcome = z.infer<typeof immersionOutcomeSchema>;
export const immersionOutcomeLabels: Record<ImmersionOutcome, string> = {
  completed: 'Réalisée en entier',
  partial: 'Réalisée en partie',
  no_show: 'La personne ne s’est pas présentée',
};

export const offerContracts = ['cdi', 'cdd', 'interim', 'contrat_aide', 'apprentissage', 'none'] as const;
export const offerContractSchema = z.enum(offerContracts, { message: 'Contrat proposé invalide.' });
export type OfferContract = z.infer<typeof offerContractSchema>;
export const offerContractLabels: Record<OfferContract, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  contrat_aide: 'Contrat aidé',
  apprentissage: 'Apprentissage',
  none: 'Aucun',
};

// ---- Workflow -----------------------------------------------------------------------------------------

export const immersionStatuses = [
  'draft',
  'awaiting_signatures',
  'signed',
  'validated',
  'in_progress',
  'ended',
  'assessed',
  'cancelled',
] as const;
export type ImmersionStatus = (typeof immersionStatuses)[number];
export const immersionStatusLabels: Record<ImmersionStatus, string> = {
  draft: 'Brouillon',
  awaiting_signatures: 'En attente des signatures',
  signed: 'Signée par les trois parties',
  validated: 'Validée',
  in_progress: 'En cours',
  ended: 'Terminée',
  assessed: 'Bilan fait',
  cancelled: 'Annulée',
};

const write = 'immersion.write' as const;
/**
 * The convention's lifecycle. A content change (dates, schedule, host…) before validation takes it
 * back to draft and removes the signatures; the last of the three signatures moves it to `signed`
 * (the host's, given through the e-mailed link, is a move of the system); validation by the
 * accompanying structure; start and end by the dates or recorded; the end assessment closes it.
 */
export const immersionWorkflow = defineWorkflow({
  name: 'immersion',
  statuses: immersionStatuses,
  transitions: {
    draft: {
      from: ['awaiting_signatures', 'signed'],
      permission: write,
      refused: 'Une convention validée ne se modifie plus : annulez-la ou renouvelez-la.',
    },
    awaiting_signatures: {
      from: ['draft'],
      permission: write,
      refused: 'Seul un brouillon peut être soumis à la signature.',
    },
    signed: {
      from: ['awaiting_signatures'],
      permission: write,
      roles: ['system'],
      refused: 'Seule une convention en attente des signatures peut être signée.',
    },
    validated: {
      from: ['signed'],
      permission: write,
      refused: 'Seule une convention signée par les trois parties peut être validée.',
    },
    in_progress: {
      from: ['validated'],
      permission: write,
      roles: ['system'],
      refused: 'Seule une convention validée peut commencer.',
    },
    ended: {
      from: ['validated', 'in_progress'],
      permission: write,
      roles: ['system'],
      refused: 'Seule une immersion validée ou en cours peut se terminer.',
    },
    assessed: {
      from: ['ended'],
      permission: write,
      refused: 'Le bilan se fait une fois l’immersion terminée.',
    },
    cancelled: {
      from: ['draft', 'awaiting_signatures', 'signed', 'validated', 'in_progress'],
      permission: write,
      refused: 'Une immersion terminée, évaluée ou déjà annulée ne peut plus être annulée.',
    },
  },
});

// ---- Inputs -------------------------------------------------------------------------------------------

const text = requiredText;

export const immersionHostSchema = z.object({
  name: text('Raison sociale', 200),
  siret: z
    .string({ message: 'SIRET obligatoire.' })
    .transform((v) => v.replace(/\s/g, ''))
    .superRefine((v, ctx) => {
      const problem = siretProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
    }),
  address: text('Adresse de la structure d’accueil', 300),
  tutorName: text('Nom du tuteur', 120),
  tutorFunction: text('Fonction du tuteur', 120),
  tutorEmail: z
    .string({ message: 'E-mail du tuteur : obligatoire.' })
    .trim()
    .min(1, { message: 'E-mail du tuteur : obligatoire.' })
    .pipe(z.email({ message: 'E-mail du tuteur invalide.' })),
  tutorPhone: z
    .string({ message: 'Téléphone du tuteur : obligatoire.' })
    .trim()
    .min(1, { message: 'Téléphone du tuteur : obligatoire.' })
    .regex(/^\+?[\d .-]{10,20}$/, { message: 'Téléphone du tuteur invalide.' }),
});
export type ImmersionHost = z.infer<typeof immersionHostSchema>;

/** What the three parties sign: changing any of it after a signature removes the signatures. */
export const immersionContentSchema = z.object({
  host: immersionHostSchema,
  objective: immersionObjectiveSchema,
  romeCode: z
    .string({ message: 'Code ROME obligatoire.' })
    .transform((v) => v.trim().toUpperCase())
    .superRefine((v, ctx) => {
      const problem = romeProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
    }),
  jobLabel: text('Métier', 200),
  startDate: calendarDate,
  endDate: calendarDate,
  schedule: z
    .array(scheduleSlotSchema, { message: 'Horaires obligatoires.' })
    .min(1, { message: 'Indiquez au moins une plage horaire.' })
    .max(28, { message: 'Au plus 28 plages horaires.' }),
  place: text('Lieu de l’immersion', 300),
  tasks: text('Activités confiées', 4000),
  risks: optionalText('Risques et équipements', 2000),
  contractId: z
    .uuid({ message: 'Contrat invalide.' })
    .nullish()
    .transform((v) => v ?? null),
});
export type ImmersionContent = z.infer<typeof immersionContentSchema>;
export type ImmersionContentInput = z.input<typeof immersionContentSchema>;

export const immersionUpdateSchema = z.object({ version: rowVersion, content: immersionContentSchema });
export type ImmersionUpdate = z.input<typeof immersionUpdateSchema>;

export const immersionTransitionTargets = [
  'awaiting_signatures',
  'validated',
  'in_progress',
  'ended',
  'cancelled',
] as const;
export const immersionTransitionSchema = z.object({
  version: rowVersion,
  to: z.enum(immersionTransitionTargets, { message: 'Action invalide.' }),
  reason: optionalText('Motif', 1000),
});
export type ImmersionTransitionInput = z.input<typeof immersionTransitionSchema>;

export const immersionSignOnScreenSchema = z.object({
  version: rowVersion,
  party: immersionPartySchema,
  signerName: text('Nom du signataire', 120),
});
export type ImmersionSignOnScreen = z.input<typeof immersionSignOnScreenSchema>;

export const immersionSignLinkSchema = z.object({
  version: rowVersion,
  party: immersionPartySchema,
  email: z
    .string({ message: 'E-mail obligatoire.' })
    .trim()
    .min(1, { message: 'E-mail obligatoire.' })
    .pipe(z.email({ message: 'E-mail invalide.' })),
});
export type ImmersionSignLink = z.input<typeof immersionSignLinkSchema>;

export const immersionRenewalSchema = z.object({
  version: rowVersion,
  startDate: calendarDate,
  endDate: calendarDate,
});
export type ImmersionRenewalInput = z.input<typeof immersionRenewalSchema>;

export const immersionAssessmentSchema = z
  .object({
    version: rowVersion,
    outcome: immersionOutcomeSchema,
    skillsObserved: optionalText('Compétences observées', 4000),
    jobOffer: z.boolean({ message: 'Indiquez si une embauche est proposée.' }),
    offerContract: offerContractSchema.nullish().transform((v) => v ?? null),
    hostComment: optionalText('Commentaire de la structure d’accueil', 4000),
  })
  .superRefine((v, ctx) => {
    if (v.jobOffer && (!v.offerContract || v.offerContract === 'none'))
      ctx.addIssue({
        code: 'custom',
        path: ['offerContract'],
        message: 'Indiquez le contrat proposé.',
        input: v.offerContract,
      });
  });
export type ImmersionAssessmentInput = z.input<typeof immersionAssessmentSchema>;

export const immersionParams = z.object({ immersionId: z.uuid({ message: 'Identifiant invalide.' }) });

// ---- Answers ------------------------------------------------------------------------------------------

export const immersionSignatureSchema = z.object({
  party: immersionPartySchema,
  mode: z.enum(signatureModes),
  signerName: z.string(),
  signedAt: z.string(),
  recordedByName: z.string().nullable(),
});
export type ImmersionSignature = z.infer<typeof immersionSignatureSchema>;

export const immersionPendingLinkSchema = z.object({
  party: immersionPartySchema,
  email: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
});

export const immersionSummarySchema = z.object({
  id: z.uuid(),
  status: z.enum(immersionStatuses),
  hostName: z.string(),
  jobLabel: z.string(),
  romeCode: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  weeklyHours: z.number(),
  renewalOf: z.uuid().nullable(),
});
export type ImmersionSummary = z.infer<typeof immersionSummarySchema>;
export const personImmersionsSchema = z.object({ items: z.array(immersionSummarySchema) });

export const immersionDetailSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  status: z.enum(immersionStatuses),
  version: z.number().int(),
  content: z.object({
    host: z.object({
      name: z.string(),
      siret: z.string(),
      address: z.string(),
      tutorName: z.string(),
      tutorFunction: z.string(),
      tutorEmail: z.string(),
      tutorPhone: z.string(),
    }),
    objective: immersionObjectiveSchema,
    romeCode: z.string(),
    jobLabel: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    schedule: z.array(scheduleSlotSchema),
    place: z.string(),
    tasks: z.string(),
    risks: z.string().nullable(),
    contractId: z.uuid().nullable(),
  }),
  weeklyHours: z.number(),
  calendarDays: z.number().int(),
  structure: z.object({ id: z.uuid(), name: z.string() }),
  createdByName: z.string().nullable(),
  renewalOf: z.uuid().nullable(),
  renewedBy: z.uuid().nullable(),
  signatures: z.array(immersionSignatureSchema),
  pendingLinks: z.array(immersionPendingLinkSchema),
  validatedAt: z.string().nullable(),
  validatedByName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  assessment: z
    .object({
      outcome: immersionOutcomeSchema,
      skillsObserved: z.string().nullable(),
      jobOffer: z.boolean(),
      offerContract: offerContractSchema.nullable(),
      hostComment: z.string().nullable(),
      assessedOn: z.string(),
    })
    .nullable(),
  limits: immersionLimitsSchema,
});
export type ImmersionDetail = z.infer<typeof immersionDetailSchema>;

export const immersionLinkSentSchema = z.object({ detail: immersionDetailSchema, expiresAt: z.string() });

// ---- The public signing page (no login: the holder of the e-mailed link) ---------------------------

export const immersionTokenSchema = z.object({
  token: z
    .string({ message: 'Lien de signature incomplet.' })
    .min(20, { message: 'Lien de signature incomplet.' })
    .max(200, { message: 'Lien de signature invalide.' }),
});
export const immersionPublicSignSchema = immersionTokenSchema.extend({
  signerName: text('Votre nom', 120),
});
/** What the link's holder sees: no NIR, no address of the person beyond the commune. */
export const immersionPublicSummarySchema = z.object({
  party: immersionPartySchema,
  personName: z.string(),
  personCommune: z.string().nullable(),
  hostName: z.string(),
  hostSiret: z.string(),
  tutorName: z.string(),
  structureName: z.string(),
  objective: z.string(),
  romeCode: z.string(),
  jobLabel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  schedule: z.array(scheduleSlotSchema),
  weeklyHours: z.number(),
  place: z.string(),
  tasks: z.string(),
  risks: z.string().nullable(),
  signedParties: z.array(immersionPartySchema),
});
export type ImmersionPublicSummary = z.infer<typeof immersionPublicSummarySchema>;
export const immersionPublicSignedSchema = z.object({ message: z.string() });
