import { z } from 'zod';
import { auditActions } from './audit-actions';
import { emailSchema, passwordSchema } from './auth';
import { roleSchema } from './roles';
import { bigintId, calendarDate, rowVersion } from './scalars';

export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  structureId: z.uuid().nullable(),
  structureName: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  hasPassword: z.boolean(),
  oidcLinked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  structureId: z.uuid().optional(),
  hubId: z.uuid().optional(),
});

export const accountCreateSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(2, { message: 'Le nom doit contenir au moins 2 caractères.' }).max(120),
  role: roleSchema,
  hubId: z.uuid().nullable(),
  structureId: z.uuid().nullable(),
  password: passwordSchema.nullable(),
});
export type AccountCreate = z.infer<typeof accountCreateSchema>;

export const accountUpdateSchema = z.object({
  displayName: z.string().trim().min(2, { message: 'Le nom doit contenir au moins 2 caractères.' }).max(120),
  role: roleSchema,
  hubId: z.uuid().nullable(),
  structureId: z.uuid().nullable(),
  active: z.boolean(),
  version: rowVersion,
});
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

export const auditEventSchema = z.object({
  seq: z.string(),
  occurredAt: z.string(),
  actorAccountId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  personId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /**
   * When the trace is a bulk read (search, queue, export) that listed the person asked for:
   * « apparu dans une liste : recherche « … » ». Null otherwise.
   */
  listLabel: z.string().nullable(),
  /** Persons listed by a bulk read (their number; the ids stay in the trail). */
  listedCount: z.number().int().nullable(),
  /** The person the trace is about, « NOM Prénom » (the journal read is itself traced). */
  personName: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The journal's filters: a person, an agent, an action, a period (Paris dates, both included). */
export const auditFilterSchema = z
  .object({
    personId: z.uuid({ message: 'Identifiant de personne invalide.' }).optional(),
    actorAccountId: z.uuid({ message: 'Identifiant d’agent invalide.' }).optional(),
    action: z.enum(auditActions, { message: 'Action inconnue : choisissez-la dans la liste.' }).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période précède son début.' });
  });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.safeExtend({
  before: bigintId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The journal of one person (« Qui a consulté ce dossier »), newest first. */
export const personAuditQuerySchema = z.object({
  before: bigintId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAtSeq: z.string().nullable(),
  reason: z.string().nullable(),
  /** Traces named by a checkpoint (kept outside the database) that no longer exist. */
  missingFrom: z.string().nullable().optional(),
  missingTo: z.string().nullable().optional(),
  /** Checkpoints checked against the chain, and the latest one's seq. */
  checkpoints: z.number().int().optional(),
  lastCheckpointSeq: z.string().nullable().optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;

export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;
export const jobSchema = z.object({
  id: z.string(),
  queue: z.string(),
  status: z.enum(jobStatuses),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;
export const jobListQuerySchema = z.object({
  status: z.enum(jobStatuses).optional(),
});

export const accountListSchema = z.object({ items: z.array(accountSchema) });

/** A page of the audit trail, newest first; `nextBefore` is the seq to ask the next page from. */
export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextBefore: z.string().nullable(),
  /** The person filtered on, named for the page's title (null without a person filter). */
  subject: z
    .object({ id: z.uuid(), name: z.string(), birthDate: z.string(), sex: z.enum(['M', 'F']) })
    .nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const jobCountsSchema = z.object({
  pending: z.number(),
  running: z.number(),
  done: z.number(),
  failed: z.number(),
});
export type JobCounts = z.infer<typeof jobCountsSchema>;
export const jobListSchema = z.object({ items: z.array(jobSchema), counts: jobCountsSchema });
export const jobIdParams = z.object({ id: bigintId });

/** The answer of an accepted request whose effect comes later (an e-mail to be sent). */
export const acceptedMessageSchema = z.object({ message: z.string() });
