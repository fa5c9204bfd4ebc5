import { type AddressValue, streetLine } from './coordinates';

/** A contact with its consent's date, as the rectification log compares them. */
export interface ContactState {
  value: string | null;
  consent: string | null;
  consentOn: string | null;
}

export interface ChangedField {
  field: string;
  old: string | null;
  new: string | null;
}

const consentWords: Record<string, string> = { A: 'accord', R: 'refus', I: 'non renseigné' };
const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

function consentText(c: ContactState): string | null {
  if (!c.value) return null;
  const word = consentWords[(c.consent ?? 'I').toUpperCase()] ?? c.consent;
  return c.consentOn ? `${word} (le ${frenchDate(c.consentOn)})` : `${word}`;
}

const clean = (v: string | null | undefined) => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** The changed fields of a contact, one log row each: the value, then the consent. */
export function contactChanges(
  kind: 'phone' | 'email',
  before: ContactState,
  after: ContactState,
): ChangedField[] {
  const out: ChangedField[] = [];
  if (clean(before.value) !== clean(after.value))
    out.push({ field: kind, old: clean(before.value), new: clean(after.value) });
  const consentField = kind === 'phone' ? 'sms_consent' : 'email_consent';
  const [o, n] = [consentText(before), consentText(after)];
  if (o !== n && (o !== null || n !== null)) out.push({ field: consentField, old: o, new: n });
  return out;
}

function communeText(a: AddressValue): string | null {
  if (!a.communeCode && !a.postalCode && !a.communeName) return null;
  const name = [a.postalCode, a.communeName].filter(Boolean).join(' ');
  return a.communeCode ? `${name} (${a.communeCode})` : name;
}

/** The changed fields of an address, one log row each. */
export function addressChanges(before: AddressValue, after: AddressValue): ChangedField[] {
  const pairs: [string, string | null, string | null][] = [
    ['street_number', clean(before.streetNumber), clean(after.streetNumber)],
    ['street', clean(streetLine(before)), clean(streetLine(after))],
    ['complement', clean(before.complement), clean(after.complement)],
    ['locality', clean(before.locality), clean(after.locality)],
    ['commune', communeText(before), communeText(after)],
  ];
  return pairs.filter(([, o, n]) => o !== n).map(([field, o, n]) => ({ field, old: o, new: n }));
}
