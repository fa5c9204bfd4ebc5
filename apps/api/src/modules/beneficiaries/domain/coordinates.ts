import type { CoordinateField } from '@parcours/contracts';

/** A phone or e-mail with its consent, as the flux and the file hold it. */
export interface ContactValue {
  value: string | null;
  consent: string | null;
}

/** A household's postal address, in the CAF's columns. */
export interface AddressValue {
  streetNumber: string | null;
  streetType: string | null;
  streetName: string | null;
  complement: string | null;
  locality: string | null;
  communeCode: string | null;
  postalCode: string | null;
  communeName: string | null;
}

export type GroupValue = ContactValue | AddressValue;

const norm = (v: string | null | undefined) =>
  (v ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
const digits = (v: string | null | undefined) =>
  (v ?? '').replace(/\D/g, '').replace(/^33(?=[1-9]\d{8}$)/, '0');
const consentOf = (v: string | null | undefined) => norm(v) || 'I';

/** The street as one line: "RUE DES LILAS" from type and name. */
export function streetLine(a: Pick<AddressValue, 'streetType' | 'streetName'>): string | null {
  return (
    [a.streetType, a.streetName]
      .map((s) => s?.trim())
      .filter(Boolean)
      .join(' ') || null
  );
}

/** Same value, whatever the spelling ("06.12…" and "06 12…", case, accents, spaces). */
export function sameGroupValue(field: CoordinateField, a: GroupValue | null, b: GroupValue | null): boolean {
  if (field === 'address') {
    const x = (a ?? {}) as Partial<AddressValue>;
    const y = (b ?? {}) as Partial<AddressValue>;
    return (
      norm(x.streetNumber) === norm(y.streetNumber) &&
      norm(streetLine({ streetType: x.streetType ?? null, streetName: x.streetName ?? null })) ===
        norm(streetLine({ streetType: y.streetType ?? null, streetName: y.streetName ?? null })) &&
      norm(x.complement) === norm(y.complement) &&
      norm(x.locality) === norm(y.locality) &&
      norm(x.communeCode) === norm(y.communeCode) &&
      norm(x.postalCode) === norm(y.postalCode)
    );
  }
  const x = (a ?? { value: null, consent: null }) as ContactValue;
  const y = (b ?? { value: null, consent: null }) as ContactValue;
  const value = field === 'phone' ? digits : (v: string | null) => norm(v);
  if (!x.value && !y.value) return true;
  return value(x.value) === value(y.value) && consentOf(x.consent) === consentOf(y.consent);
}

/** The value last entered on the file (by an agent or declared by the person), if any. */
export interface EnteredFact {
  factOn: string;
  /** What the CAF said of this value when it was entered, or later. */
  cafValue: GroupValue | null;
}

/**
 * What a CAF flux does with the value it brings for a group an agent may have corrected:
 * - apply: nobody entered it on the file (the CAF's own value), or it says the same;
 * - keep: the CAF restates what it said before the correction (no news) — the entry stays;
 * - conflict: news from the CAF, older than (or as old as) the entry — the entry stays, shown;
 * - replace: news from the CAF, newer than the entry — the newer fact wins, shown.
 */
export type FluxDecision = 'apply' | 'same' | 'keep' | 'conflict' | 'replace';

export function decideFluxValue(
  field: CoordinateField,
  input: { incoming: GroupValue; current: GroupValue | null; entered: EnteredFact | null; fluxOn: string },
): FluxDecision {
  const { incoming, current, entered, fluxOn } = input;
  if (!entered) return 'apply';
  if (sameGroupValue(field, incoming, current)) return 'same';
  if (entered.cafValue && sameGroupValue(field, incoming, entered.cafValue)) return 'keep';
  return fluxOn > entered.factOn ? 'replace' : 'conflict';
}

const consentWords: Record<string, string> = { A: 'accord', R: 'refus', I: 'non renseigné' };

/** A value as the file shows it in a conflict ("06 12 34 56 78 (accord)", "12 RUE DES LILAS 13003 …"). */
export function describeGroupValue(field: CoordinateField, v: GroupValue | null): string {
  if (!v) return 'aucune valeur';
  if (field === 'address') {
    const a = v as AddressValue;
    const line = [a.streetNumber, streetLine(a), a.complement, a.locality, a.postalCode, a.communeName]
      .map((s) => s?.trim())
      .filter(Boolean)
      .join(' ');
    return line || 'aucune adresse';
  }
  const c = v as ContactValue;
  if (!c.value) return 'aucune valeur';
  return `${c.value} (${consentWords[consentOf(c.consent)] ?? c.consent})`;
}
