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
 * case) go to an open-addressing table of typed arrays (12 bytes a slot, half full at most, off
 * the JavaScript heap): a national file of a million households holds it in about 24 MB, where a
 * Map took several times that and made the import's memory grow with the file.
 */
export class ClaimNumberRegistry {
  private readonly numeric = new NumberTable();
  private readonly other = new Map<string, number>();

  /** Records the number; returns where it was seen before, or null. */
  firstSeen(claimNumber: string, where: number): number | null {
    if (/^\d{11}$/.test(claimNumber)) return this.numeric.putIfAbsent(Number(claimNumber), where);
    const before = this.other.get(claimNumber);
    if (before !== undefined) return before;
    this.other.set(claimNumber, where);
    return null;
  }
}

/** Non-negative integers below 2^53 to unsigned 32-bit values, linear probing. */
class NumberTable {
  /** Key + 1, 0 marking a free slot. */
  private keys = new Float64Array(1 << 12);
  private values = new Uint32Array(1 << 12);
  private size = 0;

  putIfAbsent(key: number, value: number): number | null {
    const slot = this.find(key);
    if (this.keys[slot] !== 0) return this.values[slot]!;
    this.keys[slot] = key + 1;
    this.values[slot] = value;
    if (++this.size * 2 > this.keys.length) this.grow();
    return null;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key + 1) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const slot = this.find(keys[i]! - 1);
      this.keys[slot] = keys[i]!;
      this.values[slot] = values[i]!;
    }
  }
}
