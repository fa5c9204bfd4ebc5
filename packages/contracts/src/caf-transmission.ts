import { z } from 'zod';
import { calendarDate } from './scalars';
import { defineWorkflow } from './workflow';

/**
 * CAF transmission (issue 14 point 5): the lines sent to the CAF (sanction start, end,
 * reinstatement, cancellation of a line already sent), the daily file that carries them and the
 * CAF's acknowledgement per line. File layout: docs/caf-transmission.md.
 */

export const cafLineKinds = [
  'sanction_start',
  'removal',
  'sanction_end',
  'reinstatement',
  'cancellation',
] as const;
export type CafLineKind = (typeof cafLineKinds)[number];
export const cafLineKindLabels: Record<CafLineKind, string> = {
  sanction_start: 'Début de suspension',
  removal: 'Radiation',
  sanction_end: 'Fin de suspension',
  reinstatement: 'Rétablissement',
  cancellation: 'Annulation d’une ligne transmise',
};
/** The nature written in the file (column `nature`). */
export const cafLineNatures: Record<CafLineKind, string> = {
  sanction_start: 'SUSP',
  removal: 'RAD',
  sanction_end: 'FIN',
  reinstatement: 'RETAB',
  cancellation: 'ANNUL',
};

export const cafLineStatuses = ['pending', 'transmitted', 'accepted', 'withdrawn'] as const;
export type CafLineStatus = (typeof cafLineStatuses)[number];
export const cafLineStatusLabels: Record<CafLineStatus, string> = {
  pending: 'À transmettre',
  transmitted: 'Transmise, en attente de l’accusé de réception',
  accepted: 'Acceptée par la CAF',
  withdrawn: 'Retirée avant transmission',
};

/**
 * A line's lifecycle: put in the day's file (transmitted), accepted by the CAF or rejected (back to
 * pending, sent again in a later file), withdrawn while waiting when its decision is undone.
 */
export const cafLineWorkflow = defineWorkflow({
  name: 'caf_transmission_line',
  statuses: cafLineStatuses,
  transitions: {
    transmitted: {
      from: ['pending'],
      permission: 'sanction.manage',
      roles: ['system'],
      refused: 'Seule une ligne à transmettre peut être mise dans un fichier.',
    },
    accepted: {
      from: ['transmitted'],
      permission: 'sanction.manage',
      roles: ['system'],
      refused: 'Seule une ligne transmise peut être acceptée par la CAF.',
    },
    // Rejected by the CAF: the line waits again for the next file.
    pending: {
      from: ['transmitted'],
      permission: 'sanction.manage',
      roles: ['system'],
      refused: 'Seule une ligne transmise peut être rejetée par la CAF.',
    },
    withdrawn: {
      from: ['pending'],
      permission: 'sanction.manage',
      roles: ['system'],
      refused: 'Une ligne déjà transmise ne se retire pas : une ligne d’annulation la suit.',
    },
  },
});

export const cafFileStatuses = ['generated', 'partially_acknowledged', 'acknowledged'] as const;
export type CafFileStatus = (typeof cafFileStatuses)[number];
export const cafFileStatusLabels: Record<CafFileStatus, string> = {
  generated: 'En attente de l’accusé de réception',
  partially_acknowledged: 'Accusé de réception partiel',
  acknowledged: 'Accusé de réception complet',
};

export const cafLineQuerySchema = z.object({
  status: z.enum([...cafLineStatuses, 'all'], { message: 'Statut inconnu.' }).default('pending'),
});

export const cafLineSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  kind: z.enum(cafLineKinds),
  effectiveOn: z.string(),
  caseId: z.uuid().nullable(),
  sasEnrolmentId: z.uuid().nullable(),
  cancelsLineId: z.uuid().nullable(),
  percent: z.number().nullable(),
  months: z.number().nullable(),
  endReason: z.string().nullable(),
  status: z.enum(cafLineStatuses),
  fileId: z.uuid().nullable(),
  fileDate: z.string().nullable(),
  rejectionCount: z.number(),
  lastRejectionReason: z.string().nullable(),
  lastRejectedOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type CafLine = z.infer<typeof cafLineSchema>;
export const cafLinesSchema = z.object({ items: z.array(cafLineSchema) });
export type CafLines = z.infer<typeof cafLinesSchema>;

export const cafFileInputSchema = z.object({ date: calendarDate });

export const cafFileSchema = z.object({
  id: z.uuid(),
  fileDate: z.string(),
  fileName: z.string(),
  contentHash: z.string(),
  lineCount: z.number(),
  status: z.enum(cafFileStatuses),
  generatedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** Lines of the file the CAF has answered (accepted, rejected). */
  accepted: z.number(),
  rejected: z.number(),
  /** False when the day's file already existed: the same file is returned. */
  created: z.boolean(),
});
export type CafFile = z.infer<typeof cafFileSchema>;
export const cafFilesSchema = z.object({ items: z.array(cafFileSchema) });
export type CafFiles = z.infer<typeof cafFilesSchema>;

export const cafAckReportSchema = z.object({
  /** Data lines read (header excluded). */
  lines: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  /** Lines that say what is already recorded (the same acknowledgement again): nothing written. */
  unchanged: z.number(),
  /** The same line twice in the acknowledgement, with the same answer: applied once. */
  repeated: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string().nullable(), reason: z.string() })),
  message: z.string(),
  file: cafFileSchema,
});
export type CafAckReport = z.infer<typeof cafAckReportSchema>;

/** Sums suspended to pay back when a suspension ends by remobilisation (display only). */
export const payBackSchema = z.object({
  /** Whole months of suspension counted (a begun month counts), capped by the decision's months. */
  monthsSuspended: z.number(),
  /** At most three months are paid back. */
  monthsPaidBack: z.number(),
  percent: z.number(),
  /** The RSA monthly base of a single person in force at the end date, in cents. */
  monthlyBaseCents: z.number(),
  baseEffectiveFrom: z.string(),
  amountCents: z.number(),
});
export type PayBack = z.infer<typeof payBackSchema>;

const cafEndReasonLabels: Record<string, string> = {
  remobilisation_contract: 'Remobilisation : contrat signé',
  remobilisation_appointment: 'Remobilisation : rendez-vous honoré',
  term_reached: 'Terme atteint',
  closed: 'Procédure close',
  cancelled: 'Annulation de la ligne transmise',
};
/** The end reason of a line in words (its code when unknown). */
export const cafEndReasonLabel = (code: string | null): string | null =>
  code === null ? null : (cafEndReasonLabels[code] ?? code);
