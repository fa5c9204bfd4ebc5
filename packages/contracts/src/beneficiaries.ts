import { z } from 'zod';
import { calendarDate, calendarDateProblem, dateInText, rowVersion } from './scalars';

export const fluxErrorSchema = z.object({
  place: z.string(),
  field: z.string().nullable(),
  reason: z.string(),
});

const counts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/** `interrupted`: the process died mid-way (nothing applied: one transaction); marked at the next start. */
export const fluxRunStatuses = ['running', 'applied', 'rejected', 'duplicate', 'interrupted'] as const;

const fluxIdentitySchema = z.object({
  nir: z.string().nullable(),
  birthName: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
});

/** A flux line whose person matched a known person of another identity: never applied over it. */
export const fluxIdentityConflictSchema = z.object({
  place: z.string(),
  claimNumber: z.string(),
  /** The fields that differ: nir, birthDate, birthName, sex. */
  fields: z.array(z.string()),
  incoming: fluxIdentitySchema,
  existing: fluxIdentitySchema.extend({ personId: z.uuid() }),
  /** review: recorded as another person and sent to the duplicates review. */
  outcome: z.enum(['review']),
});

/** The report of one flux file: stored with the run, shown on screen, printed with --json. */
export const fluxReportSchema = z.object({
  runId: z.uuid(),
  fileName: z.string(),
  format: z.enum(['xml', 'csv']),
  status: z.enum(fluxRunStatuses),
  message: z.string(),
  contentHash: z.string(),
  header: z
    .object({
      application: z.string().nullable(),
      natFlux: z.string(),
      typeFlux: z.string(),
      createdOn: z.string(),
      createdAtTime: z.string(),
    })
    .nullable(),
  households: counts,
  persons: counts,
  newEntrants: z.number().int(),
  newEntrantSamples: z.array(z.object({ personId: z.uuid(), name: z.string(), entryDate: z.string() })),
  franceTravailPending: z.number().int(),
  duplicatesSuspected: z.number().int(),
  contacts: z.object({ updated: z.number().int(), unmatched: z.number().int() }),
  /** Coordinates entered on a person's file that the flux disagrees with (absent from older reports). */
  coordinateConflicts: z.number().int().optional(),
  /** Household composition changes (absent from older reports). */
  members: z.object({ joined: z.number().int(), left: z.number().int(), moved: z.number().int() }).optional(),
  identityConflicts: z.array(fluxIdentityConflictSchema).optional(),
  identityConflictCount: z.number().int().optional(),
  /** Rejected for household-level errors only: sending it again with "apply the valid lines" may apply the rest. */
  partialApplyAllowed: z.boolean().optional(),
  rejected: z.array(fluxErrorSchema),
  rejectedCount: z.number().int(),
  anomalies: z.array(z.object({ claimNumber: z.string(), text: z.string() })),
  skippedElements: z.record(z.string(), z.number().int()),
  durationMs: z.number().int(),
});
export type FluxReport = z.infer<typeof fluxReportSchema>;

export const fluxRunSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(fluxRunStatuses),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  actorName: z.string().nullable(),
  progress: z.object({ bytesRead: z.number(), totalBytes: z.number(), households: z.number() }).nullable(),
  report: fluxReportSchema.nullable(),
});
export type FluxRun = z.infer<typeof fluxRunSchema>;

export const personSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2, { message: 'Saisissez au moins 2 caractères.' })
    .max(120)
    .superRefine((q, ctx) => {
      // A date in the query is a birth date: an impossible one is a typo the agent must see.
      const date = dateInText(q);
      const problem = date && calendarDateProblem(date.iso);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
    }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const personSummarySchema = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  birthName: z.string(),
  usualName: z.string().nullable(),
  firstName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  /** Only for roles that need it (person.nir), else null. */
  nir: z.string().nullable(),
  claimNumber: z.string().nullable(),
  communeName: z.string().nullable(),
  hubName: z.string().nullable(),
  householdRole: z.string().nullable(),
  rightsOpen: z.boolean(),
  subjectToDuties: z.boolean(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  occurredOn: z.string(),
  type: z.string(),
  label: z.string(),
  data: z.record(z.string(), z.unknown()),
  source: z.string(),
  recordedAt: z.string(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const personFileSchema = z.object({
  person: personSummarySchema.extend({
    firstName2: z.string().nullable(),
    firstName3: z.string().nullable(),
    birthPlace: z.string().nullable(),
    franceTravailId: z.string().nullable(),
  }),
  household: z
    .object({
      id: z.uuid(),
      organism: z.string(),
      claimNumber: z.string(),
      familySituation: z.string().nullable(),
      address: z.string().nullable(),
      communeCode: z.string().nullable(),
      rightsStatus: z.string().nullable(),
      rightsStatusLabel: z.string().nullable(),
      contacts: z.array(
        z.object({ kind: z.enum(['phone', 'email']), value: z.string(), consent: z.string().nullable() }),
      ),
      members: z.array(
        z.object({
          personId: z.uuid(),
          role: z.string(),
          firstName: z.string(),
          lastName: z.string(),
          birthDate: z.string(),
          age: z.number().int(),
          /** For the role's agreement ("Conjointe"); absent from files cached before it. */
          sex: z.enum(['M', 'F']).nullable().optional(),
        }),
      ),
    })
    .nullable(),
  rights: z.array(
    z.object({
      from: z.string(),
      to: z.string().nullable(),
      status: z.string(),
      statusLabel: z.string(),
      open: z.boolean(),
      subjectToDuties: z.boolean(),
      source: z.string(),
    }),
  ),
  entries: z.array(z.object({ entryDate: z.string() })),
  franceTravail: z
    .object({
      // duplicate: linked as a duplicate of another person, who carries the registration.
      state: z.enum(['pending', 'exported', 'registered', 'rejected', 'duplicate']),
      identifier: z.string().nullable(),
      reason: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  timeline: z.array(timelineEventSchema),
});
export type PersonFile = z.infer<typeof personFileSchema>;

export const ftBatchSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  rowCount: z.number().int(),
  status: z.enum(['exported', 'acknowledged']),
  acknowledgedAt: z.string().nullable(),
});
export type FtBatch = z.infer<typeof ftBatchSchema>;

export const duplicateSuspectSchema = z.object({
  id: z.uuid(),
  reason: z.string(),
  reasonLabel: z.string(),
  status: z.enum(['open', 'linked', 'dismissed']),
  createdAt: z.string(),
  version: z.number().int(),
  persons: z.array(personSummarySchema).length(2),
});
export type DuplicateSuspect = z.infer<typeof duplicateSuspectSchema>;
export const duplicateDecisionSchema = z.object({
  decision: z.enum(['link', 'dismiss']),
  note: z.string().trim().max(500).nullable(),
  version: rowVersion,
});

export const duplicateStatusSchema = z.enum(['open', 'linked', 'dismissed']);
export const duplicateListQuerySchema = z.object({ status: duplicateStatusSchema.default('open') });

// ---- CAF flux imports -------------------------------------------------------------------------

/** The query of a flux upload (the file is the raw body): the CSV's header fields are asked for. */
export const fluxImportQuerySchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    format: z.enum(['xml', 'csv']).optional(),
    natFlux: z.enum(['D', 'I']).optional(),
    typeFlux: z.enum(['I', 'M', 'R']).optional(),
    createdOn: calendarDate.optional(),
    force: z.enum(['true', 'false']).optional(),
    /** 'apply-valid': apply the valid households of a file whose other households are refused. */
    policy: z.enum(['reject', 'apply-valid']).optional(),
  })
  .transform((q) => ({
    ...q,
    format: q.format ?? (q.fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xml'),
  }))
  .superRefine((q, ctx) => {
    if (q.format === 'csv') {
      for (const key of ['natFlux', 'typeFlux', 'createdOn'] as const) {
        if (!q[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'Obligatoire pour un fichier CSV.' });
      }
    }
  });

export type FluxImportQuery = z.output<typeof fluxImportQuerySchema>;

export const fluxImportStartedSchema = z.object({
  runId: z.uuid(),
  /** Answered from memory while the file is applied, even when the embedded database is busy. */
  progressUrl: z.string(),
  /** Embedded database: other work waits until the file is applied. */
  embedded: z.boolean(),
});

export const fluxProgressParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, { message: 'Jeton invalide.' }),
});
export const fluxProgressSchema = z.object({
  running: z.boolean(),
  progress: z.object({ bytesRead: z.number(), totalBytes: z.number(), households: z.number() }).nullable(),
});
export type FluxProgress = z.infer<typeof fluxProgressSchema>;

// ---- France Travail registrations -------------------------------------------------------------

export const ftStates = ['pending', 'exported', 'registered', 'rejected'] as const;
export const ftStateSchema = z.enum(ftStates);
export const ftRegistrationQuerySchema = z.object({ state: ftStateSchema.default('pending') });
export const ftRegistrationSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  birthDate: z.string(),
  role: z.string().nullable(),
  entryDate: z.string(),
  state: ftStateSchema,
  ftIdentifier: z.string().nullable(),
  reason: z.string().nullable(),
  batchId: z.uuid().nullable(),
});
export type FtRegistration = z.infer<typeof ftRegistrationSchema>;
export const ftRegistrationListSchema = z.object({
  items: z.array(ftRegistrationSchema),
  counts: z.object({
    pending: z.number(),
    exported: z.number(),
    registered: z.number(),
    rejected: z.number(),
  }),
});

/** What an acknowledgement file from France Travail did (a file with errors answers 400 instead). */
export const ftAcknowledgementReportSchema = z.object({
  lines: z.number(),
  registered: z.number(),
  rejected: z.number(),
  unknown: z.number(),
  unchanged: z.number(),
  repeated: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string().nullable(), reason: z.string() })),
  message: z.string(),
});
export type FtAcknowledgementReport = z.infer<typeof ftAcknowledgementReportSchema>;
