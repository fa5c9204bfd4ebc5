import { z } from 'zod';
import { personSummarySchema } from './beneficiaries';
import { calendarDate, rowVersion } from './scalars';
import { type StructureKind, structureKindSchema } from './territory';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} : ${max} caractères au maximum.` })
    .nullish()
    .transform((v) => (v ? v : null));

// ---- Reference lists ------------------------------------------------------------------------------

/** Employment situation at the diagnosis (shared grid). Codes are stable; labels are French. */
export const employmentSituations = [
  'job_seeker',
  'long_term_unemployed',
  'never_worked',
  'employed_part_time',
  'self_employed',
  'in_training',
  'unavailable',
] as const;
export const employmentSituationSchema = z.enum(employmentSituations, {
  message: 'Situation vis-à-vis de l’emploi inconnue.',
});
export type EmploymentSituation = z.infer<typeof employmentSituationSchema>;
export const employmentSituationLabels: Record<EmploymentSituation, string> = {
  job_seeker: 'En recherche d’emploi depuis moins d’un an',
  long_term_unemployed: 'Sans emploi depuis plus d’un an',
  never_worked: 'N’a jamais travaillé',
  employed_part_time: 'En emploi à temps partiel ou en contrat court',
  self_employed: 'Travailleur indépendant ou auto-entrepreneur',
  in_training: 'En formation',
  unavailable: 'Indisponible pour un emploi dans l’immédiat',
};

/** Highest qualification (French levels). */
export const qualificationLevels = [
  'none',
  'cap_bep',
  'bac',
  'bac_2',
  'licence',
  'master',
  'foreign_unrecognised',
] as const;
export const qualificationLevelSchema = z.enum(qualificationLevels, {
  message: 'Niveau de qualification inconnu.',
});
export type QualificationLevel = z.infer<typeof qualificationLevelSchema>;
export const qualificationLevelLabels: Record<QualificationLevel, string> = {
  none: 'Sans diplôme',
  cap_bep: 'CAP / BEP',
  bac: 'Baccalauréat',
  bac_2: 'Bac +2 (BTS, DUT…)',
  licence: 'Licence (bac +3)',
  master: 'Master et plus (bac +5)',
  foreign_unrecognised: 'Diplôme étranger non reconnu',
};

export const obstacleSeverities = ['light', 'moderate', 'severe'] as const;
export const obstacleSeveritySchema = z.enum(obstacleSeverities, { message: 'Sévérité inconnue.' });
export type ObstacleSeverity = z.infer<typeof obstacleSeveritySchema>;
export const obstacleSeverityLabels: Record<ObstacleSeverity, string> = {
  light: 'Léger',
  moderate: 'Modéré',
  severe: 'Important',
};

export const orientationPathways = ['professional', 'socio-professional', 'social', 'health'] as const;
export const orientationPathwaySchema = z.enum(orientationPathways, { message: 'Parcours inconnu.' });
export type OrientationPathway = z.infer<typeof orientationPathwaySchema>;
export const orientationPathwayLabels: Record<OrientationPathway, string> = {
  professional: 'Professionnelle',
  'socio-professional': 'Socio-professionnelle',
  social: 'Sociale',
  health: 'Santé',
};

/** Which kinds of structure may accompany each pathway (SPEC §4). */
export const pathwayBodyKinds: Record<OrientationPathway, readonly StructureKind[]> = {
  professional: ['france_travail', 'mission_locale', 'cap_emploi'],
  'socio-professional': ['plie', 'operator', 'mission_locale'],
  social: ['mds', 'lieu_accueil', 'ccas'],
  health: ['medical_team', 'operator'],
};

export const orientationProgrammes = ['accompagnement-global', 'garantie-activite-departementale'] as const;
export const orientationProgrammeSchema = z.enum(orientationProgrammes, { message: 'Programme inconnu.' });
export type OrientationProgramme = z.infer<typeof orientationProgrammeSchema>;
export const orientationProgrammeLabels: Record<OrientationProgramme, string> = {
  'accompagnement-global': 'Accompagnement global (France Travail et Département)',
  'garantie-activite-departementale': 'Garantie d’activité départementale',
};

// ---- Diagnostic referential -----------------------------------------------------------------------

export const diagnosticReferentialSchema = z.object({
  version: z.string().nullable(),
  loadedAt: z.string().nullable(),
  themes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      active: z.boolean(),
      situations: z.array(z.object({ id: z.string(), label: z.string(), active: z.boolean() })),
      /** Objectives of an accompaniment (the contract of engagement's action plan names them by id). */
      objectives: z.array(z.object({ id: z.string(), label: z.string(), active: z.boolean() })),
    }),
  ),
});
export type DiagnosticReferential = z.infer<typeof diagnosticReferentialSchema>;

// ---- Diagnosis -----------------------------------------------------------------------------------

export const diagnosisObstacleInputSchema = z.object({
  themeId: z.string({ message: 'Thème obligatoire.' }).trim().min(1, { message: 'Thème obligatoire.' }),
  situationId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  severity: obstacleSeveritySchema,
  comment: optionalText(1000, 'Commentaire'),
});

export const diagnosisInputSchema = z.object({
  diagnosedOn: calendarDate,
  employmentSituation: employmentSituationSchema,
  qualificationLevel: qualificationLevelSchema.nullish().transform((v) => v ?? null),
  experience: optionalText(4000, 'Expérience'),
  project: optionalText(4000, 'Projet'),
  obstacles: z.array(diagnosisObstacleInputSchema).max(100).default([]),
  comments: optionalText(4000, 'Commentaires'),
});
export type DiagnosisInput = z.input<typeof diagnosisInputSchema>;

export const diagnosisSchema = z.object({
  id: z.uuid(),
  versionNo: z.number().int(),
  diagnosedOn: z.string(),
  employmentSituation: employmentSituationSchema,
  employmentSituationLabel: z.string(),
  qualificationLevel: qualificationLevelSchema.nullable(),
  qualificationLevelLabel: z.string().nullable(),
  experience: z.string().nullable(),
  project: z.string().nullable(),
  comments: z.string().nullable(),
  obstacles: z.array(
    z.object({
      themeId: z.string(),
      themeLabel: z.string(),
      situationId: z.string().nullable(),
      situationLabel: z.string().nullable(),
      severity: obstacleSeveritySchema,
      comment: z.string().nullable(),
    }),
  ),
  authorName: z.string().nullable(),
  recordedAt: z.string(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

// ---- Proposal ------------------------------------------------------------------------------------

export const orientationProposalRules = [
  'health_severe',
  'young_under_26',
  'social_heavy',
  'socio_professional_obstacles',
  'socio_professional_far_from_employment',
  'professional_default',
] as const;
export type OrientationProposalRule = (typeof orientationProposalRules)[number];

export const structureChoiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: structureKindSchema,
  hubName: z.string().nullable(),
  /** The structure belongs to the person's pôle. */
  samePole: z.boolean(),
});
export type StructureChoice = z.infer<typeof structureChoiceSchema>;

export const orientationProposalSchema = z.object({
  pathway: orientationPathwaySchema,
  bodyKind: structureKindSchema,
  rule: z.enum(orientationProposalRules),
  reasons: z.array(z.string()),
  diagnosisId: z.uuid().nullable(),
  structure: structureChoiceSchema.nullable(),
  alternatives: z.array(structureChoiceSchema),
});
export type OrientationProposal = z.infer<typeof orientationProposalSchema>;

// ---- Decision ------------------------------------------------------------------------------------

export const orientationDecisionInputSchema = z.object({
  pathway: orientationPathwaySchema,
  structureId: z.uuid({ message: 'Choisissez la structure qui accompagnera la personne.' }),
  programme: orientationProgrammeSchema.nullish().transform((v) => v ?? null),
  diagnosisId: z
    .uuid({ message: 'Diagnostic invalide.' })
    .nullish()
    .transform((v) => v ?? null),
  decidedOn: calendarDate,
  overrideReason: optionalText(2000, 'Motif'),
  reorientationReason: optionalText(2000, 'Motif de réorientation'),
  /** Version of the current orientation, when reorienting (another agent may have decided meanwhile). */
  version: rowVersion.nullish().transform((v) => v ?? null),
});
export type OrientationDecisionInput = z.input<typeof orientationDecisionInputSchema>;

export const orientationSchema = z.object({
  id: z.uuid(),
  pathway: orientationPathwaySchema,
  pathwayLabel: z.string(),
  structureId: z.uuid(),
  structureName: z.string(),
  structureKind: z.string(),
  programme: orientationProgrammeSchema.nullable(),
  notifiedOn: z.string(),
  decidedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  source: z.string(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  proposal: z
    .object({ pathway: orientationPathwaySchema, bodyKind: z.string(), reasons: z.array(z.string()) })
    .nullable(),
  previousOrientationId: z.uuid().nullable(),
  reorientationReason: z.string().nullable(),
  diagnosisId: z.uuid().nullable(),
  hasLetter: z.boolean(),
  current: z.boolean(),
  version: z.number().int(),
});
export type Orientation = z.infer<typeof orientationSchema>;

export const orientationDecisionResultSchema = z.object({
  orientation: orientationSchema,
  letterMessageId: z.uuid().nullable(),
  medicalReferralId: z.uuid().nullable(),
});
export type OrientationDecisionResult = z.infer<typeof orientationDecisionResultSchema>;

// ---- Medical team --------------------------------------------------------------------------------

export const medicalReferralStatuses = ['requested', 'in_progress', 'completed', 'cancelled'] as const;
export const medicalReferralStatusSchema = z.enum(medicalReferralStatuses);
export type MedicalReferralStatus = z.infer<typeof medicalReferralStatusSchema>;
export const medicalReferralStatusLabels: Record<MedicalReferralStatus, string> = {
  requested: 'Demande reçue',
  in_progress: 'En cours d’examen',
  completed: 'Avis rendu',
  cancelled: 'Annulée',
};

export const medicalReferralInputSchema = z.object({
  reason: z
    .string({ message: 'Le motif de la demande est obligatoire.' })
    .trim()
    .min(1, { message: 'Le motif de la demande est obligatoire.' })
    .min(3, { message: 'Le motif de la demande est trop court (3 caractères au moins).' })
    .max(1000, { message: 'Motif : 1000 caractères au maximum.' }),
});

export const medicalRecordKinds = ['diagnosis', 'note'] as const;
export const medicalRecordKindLabels: Record<(typeof medicalRecordKinds)[number], string> = {
  diagnosis: 'Diagnostic médical',
  note: 'Note',
};
export const medicalRecordInputSchema = z.object({
  kind: z.enum(medicalRecordKinds, { message: 'Type d’écrit inconnu.' }),
  body: z
    .string({ message: 'Texte obligatoire.' })
    .trim()
    .min(1, { message: 'Le texte est obligatoire.' })
    .max(20000, { message: 'Texte : 20 000 caractères au maximum.' }),
});

export const medicalRecommendationInputSchema = z.object({
  compatibleActions: z
    .string({ message: 'Indiquez les actions compatibles.' })
    .trim()
    .min(1, { message: 'Indiquez les actions compatibles avec l’état de santé.' })
    .max(2000, { message: '2000 caractères au maximum.' }),
  carePathwayAdvised: z.boolean({ message: 'Indiquez si un parcours de soins est conseillé.' }),
  recommendation: optionalText(4000, 'Recommandation'),
  version: rowVersion,
});

/** What every role with access to the person may see of the medical team's work. */
export const medicalRecommendationSchema = z.object({
  referralId: z.uuid(),
  status: medicalReferralStatusSchema,
  requestedOn: z.string(),
  requestReason: z.string(),
  compatibleActions: z.string().nullable(),
  carePathwayAdvised: z.boolean().nullable(),
  recommendation: z.string().nullable(),
  recommendedOn: z.string().nullable(),
});
export type MedicalRecommendation = z.infer<typeof medicalRecommendationSchema>;

export const medicalReferralSummarySchema = z.object({
  id: z.uuid(),
  person: personSummarySchema,
  hubName: z.string(),
  status: medicalReferralStatusSchema,
  requestedOn: z.string(),
  requestReason: z.string(),
  requestedByName: z.string().nullable(),
  recommendedOn: z.string().nullable(),
  version: z.number().int(),
});
export type MedicalReferralSummary = z.infer<typeof medicalReferralSummarySchema>;

export const medicalRecordSchema = z.object({
  id: z.uuid(),
  kind: z.enum(medicalRecordKinds),
  body: z.string(),
  authorName: z.string().nullable(),
  recordedAt: z.string(),
});
export type MedicalRecord = z.infer<typeof medicalRecordSchema>;

export const medicalReferralDetailSchema = medicalReferralSummarySchema.extend({
  compatibleActions: z.string().nullable(),
  carePathwayAdvised: z.boolean().nullable(),
  recommendation: z.string().nullable(),
  recommendedByName: z.string().nullable(),
  records: z.array(medicalRecordSchema),
});
export type MedicalReferralDetail = z.infer<typeof medicalReferralDetailSchema>;

export const medicalReferralListQuerySchema = z.object({
  status: z.enum([...medicalReferralStatuses, 'open', 'all']).default('open'),
});

// ---- Workspace -----------------------------------------------------------------------------------

export const orientationWorkspaceSchema = z.object({
  today: z.string(),
  person: personSummarySchema.extend({ age: z.number().int(), hubId: z.uuid().nullable() }),
  household: z.object({
    couple: z.boolean(),
    compositionLabel: z.string(),
    children: z.array(z.object({ firstName: z.string(), birthDate: z.string(), age: z.number().int() })),
    minorChildren: z.number().int(),
  }),
  rights: z.object({
    current: z
      .object({
        from: z.string(),
        status: z.string(),
        statusLabel: z.string(),
        open: z.boolean(),
        subjectToDuties: z.boolean(),
      })
      .nullable(),
    /** Why no decision can be taken now (not subject to duties, rights closed), else null. */
    decisionBlockedReason: z.string().nullable(),
  }),
  entry: z
    .object({
      entrySpellId: z.string(),
      entryDate: z.string(),
      targetDate: z.string(),
      legalDeadline: z.string().nullable(),
      daysLeftTarget: z.number().int(),
      daysLeftLegal: z.number().int().nullable(),
      ruleSource: z.string(),
      orientedOn: z.string().nullable(),
      orientationPathway: z.string().nullable(),
    })
    .nullable(),
  diagnoses: z.array(diagnosisSchema),
  proposal: orientationProposalSchema,
  structureChoices: z.array(structureChoiceSchema),
  orientations: z.array(orientationSchema),
  medical: z.array(medicalRecommendationSchema),
});
export type OrientationWorkspace = z.infer<typeof orientationWorkspaceSchema>;
