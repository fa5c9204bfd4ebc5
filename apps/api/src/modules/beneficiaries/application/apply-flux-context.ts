import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import type { FluxError } from '../domain/flux';
import { beneficiaryEvents } from '../domain/timeline-events';

export type Trx = Kysely<Database>;
export type TimelineRow = Insertable<Database['timeline_event']>;

export interface ApplyStats {
  households: { created: number; updated: number; unchanged: number };
  persons: { created: number; updated: number; unchanged: number };
  newEntrants: number;
  newEntrantSamples: { personId: string; name: string; entryDate: string }[];
  franceTravailPending: number;
  duplicatesSuspected: number;
  contacts: { updated: number; unmatched: number };
  /** Coordinates entered on a file that this flux disagrees with (kept or replaced, shown on the file). */
  coordinateConflicts: number;
  anomalies: { claimNumber: string; text: string }[];
  /** Composition changes: joined (new to a household), left (in no household any more), moved. */
  members: { joined: number; left: number; moved: number };
  identityConflicts: IdentityConflict[];
  identityConflictCount: number;
  /** Households refused by the checks made when applying (e.g. two demandeurs). */
  errors: FluxError[];
}

export interface Identity {
  nir: string | null;
  birthName: string;
  firstName: string;
  birthDate: string;
  sex: string;
}

export interface IdentityConflict {
  place: string;
  claimNumber: string;
  fields: string[];
  incoming: Identity;
  existing: Identity & { personId: string };
  outcome: 'review';
}

export function emptyStats(): ApplyStats {
  return {
    households: { created: 0, updated: 0, unchanged: 0 },
    persons: { created: 0, updated: 0, unchanged: 0 },
    newEntrants: 0,
    newEntrantSamples: [],
    franceTravailPending: 0,
    duplicatesSuspected: 0,
    contacts: { updated: 0, unmatched: 0 },
    coordinateConflicts: 0,
    anomalies: [],
    members: { joined: 0, left: 0, moved: 0 },
    identityConflicts: [],
    identityConflictCount: 0,
    errors: [],
  };
}

export const MAX_SAMPLES = 50;
export const MAX_ANOMALIES = 500;
export const MAX_CONFLICTS = 500;

export const hashOf = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');

/** What applying a flux carries from batch to batch, inside the file's one transaction. */
export interface ApplyContext {
  trx: Trx;
  departmentCode: string;
  /** DTCREAFLUX: the business date of every fact of the file. */
  date: string;
  runId: string;
  stats: ApplyStats;
  /**
   * Persons who left a household earlier in this file (absent from its new composition), with the
   * file number they left: if a later household takes them, they moved; at the end of the file
   * the others are in no household any more (see finishComposition).
   */
  leavers: Map<string, string>;
}

type FluxEventType = (typeof beneficiaryEvents.types)[number];

/** A timeline row of the flux: dated by the file (DTCREAFLUX), written in bulk with the batch. */
export function fluxEvent(
  c: ApplyContext,
  personId: string,
  type: FluxEventType,
  data: Record<string, unknown>,
): TimelineRow {
  return beneficiaryEvents.row({
    departmentCode: c.departmentCode,
    personId,
    occurredOn: c.date,
    type,
    data,
    source: 'flux',
  });
}
