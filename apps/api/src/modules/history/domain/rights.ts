/** A person's rights from a date on, as a `rights` line states it. */
export interface RightsChange {
  date: string;
  open: boolean;
  subjectToDuties: boolean;
}

export interface RightsPeriod {
  validFrom: string;
  /** The next change's date; null for the current state. */
  validTo: string | null;
  open: boolean;
  subjectToDuties: boolean;
  /** ETATDOSRSA-like code: '2' open and payable, '5' closed (caf-flux.md). */
  rightsStatus: '2' | '5';
}

export interface DerivedRights {
  periods: RightsPeriod[];
  /** Entry dates (INDICATORS.md): open and subject while the previous state was not both. */
  entries: string[];
  /** The latest state, or null without any change. */
  latest: { open: boolean; subjectToDuties: boolean } | null;
}

/**
 * Periods and entries from a person's rights changes, whatever their order in the file.
 * `closeAt` ends the last period (the date another source's rights begin) instead of leaving it open.
 */
export function deriveRights(changes: readonly RightsChange[], closeAt: string | null = null): DerivedRights {
  const sorted = [...changes].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const periods: RightsPeriod[] = [];
  const entries: string[] = [];
  let previousBoth = false;
  sorted.forEach((c, i) => {
    const both = c.open && c.subjectToDuties;
    if (both && !previousBoth) entries.push(c.date);
    previousBoth = both;
    periods.push({
      validFrom: c.date,
      validTo: sorted[i + 1]?.date ?? closeAt,
      open: c.open,
      subjectToDuties: c.subjectToDuties,
      rightsStatus: c.open ? '2' : '5',
    });
  });
  const last = sorted.at(-1);
  return {
    periods,
    entries,
    latest: last ? { open: last.open, subjectToDuties: last.subjectToDuties } : null,
  };
}
