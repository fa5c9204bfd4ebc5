/** What both flux parsers share: the capped error log, the summary, the duplicate-file-number check. */
import type { FluxError, FluxHeader, FluxParseSummary } from '../../domain/flux';

/** The summary a parser returns: the contract's, plus how many errors were counted but not listed. */
export interface FluxParseResult extends FluxParseSummary {
  errorsTruncated: number;
}

export const DEFAULT_MAX_ERRORS = 1000;

/**
 * Whether an error concerns the file as a whole rather than one household: the parser stopped
 * reading (not well-formed, truncated, encoding, empty, CSV syntax: `field` is null), or a
 * file-wide check failed (header, NBTOTDOSRSATRANSM, CSV header row, parameters). Such a file can
 * only be rejected whole, whatever the policy for rejected households.
 */
export function isFileLevelFluxError(error: FluxError): boolean {
  if (error.field === null) return true;
  if (/^Racine\/(InfosFoyerRSA|InfoDemandeRSA)\[/.test(error.place)) return false;
  return !/^lignes? \d/.test(error.place) || error.place === 'ligne 1';
}

export class ParseReport {
  header: FluxHeader | null = null;
  households = 0;
  persons = 0;
  declaredHouseholds: number | null = null;
  readonly errors: FluxError[] = [];
  errorsTruncated = 0;
  private readonly skipped = new Map<string, number>();

  constructor(private readonly maxErrors: number = DEFAULT_MAX_ERRORS) {}

  /** Past the cap, errors are only counted: a broken national file must not fill the memory. */
  error(place: string, field: string | null, reason: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push({ place, field, reason });
    else this.errorsTruncated++;
  }

  get errorCount(): number {
    return this.errors.length + this.errorsTruncated;
  }

  skip(name: string): void {
    this.skipped.set(name, (this.skipped.get(name) ?? 0) + 1);
  }

  result(): FluxParseResult {
    return {
      header: this.header,
      households: this.households,
      persons: this.persons,
      declaredHouseholds: this.declaredHouseholds,
      skippedElements: Object.fromEntries(this.skipped),
      errors: this.errors,
      errorsTruncated: this.errorsTruncated,
    };
  }
}

/**
 * Remembers each NUMDEMRSA of a file with where it was first seen. 11-digit numbers (the usual
 * case) are stored as numbers, which keeps a national file's map to a few tens of megabytes.
 */
export class ClaimNumberRegistry {
  private readonly numeric = new Map<number, number>();
  private readonly other = new Map<string, number>();

  /** Records the number; returns where it was seen before, or null. */
  firstSeen(claimNumber: string, where: number): number | null {
    if (/^\d{11}$/.test(claimNumber)) {
      const key = Number(claimNumber);
      const before = this.numeric.get(key);
      if (before !== undefined) return before;
      this.numeric.set(key, where);
    } else {
      const before = this.other.get(claimNumber);
      if (before !== undefined) return before;
      this.other.set(claimNumber, where);
    }
    return null;
  }
}
