/** Checks and conversions of the coded values both flux formats carry. Reasons are in French. */
import { type HouseholdRole, type RightsStatusCode, rightsStatusCodes } from '../../domain/flux';

export type Checked<T> = { value: T } | { error: string };

const ROLES: readonly HouseholdRole[] = ['DEM', 'CJT', 'ENF', 'AUT', 'RDO'];

export function checkRole(raw: string): Checked<HouseholdRole> {
  return (ROLES as readonly string[]).includes(raw)
    ? { value: raw as HouseholdRole }
    : { error: `rôle inconnu : « ${raw} » (attendu DEM, CJT, ENF, AUT ou RDO)` };
}

export function checkRightsStatus(raw: string): Checked<RightsStatusCode> {
  return (rightsStatusCodes as readonly string[]).includes(raw)
    ? { value: raw as RightsStatusCode }
    : { error: `état du dossier inconnu : « ${raw} » (attendu Z, 0, 1, 2, 3, 4, 5 ou 6)` };
}

/** XML: 1 man, 2 woman. The CSV also accepts M/F. */
export function checkSex(raw: string, allowLetters: boolean): Checked<'M' | 'F'> {
  if (raw === '1' || (allowLetters && raw.toUpperCase() === 'M')) return { value: 'M' };
  if (raw === '2' || (allowLetters && raw.toUpperCase() === 'F')) return { value: 'F' };
  return { error: `sexe invalide : « ${raw} » (attendu 1 ou 2${allowLetters ? ', M ou F' : ''})` };
}

/** xsd:boolean; the CSV only uses 0/1. */
export function checkFlag(raw: string, allowWords: boolean): Checked<boolean> {
  if (raw === '1' || (allowWords && raw === 'true')) return { value: true };
  if (raw === '0' || (allowWords && raw === 'false')) return { value: false };
  return {
    error: `indicateur invalide : « ${raw} » (attendu ${allowWords ? '0, 1, true ou false' : '0 ou 1'})`,
  };
}

export function checkClaimNumber(raw: string): Checked<string> {
  return raw.length === 11
    ? { value: raw }
    : { error: `NUMDEMRSA doit compter 11 caractères : « ${raw} » en compte ${raw.length}` };
}

export function checkOrganism(raw: string): Checked<string> {
  const value = raw.toUpperCase();
  return value === 'CAF' || value === 'MSA'
    ? { value }
    : { error: `organisme inconnu : « ${raw} » (attendu CAF ou MSA)` };
}

export function checkConsent(raw: string): Checked<'A' | 'R' | 'I'> {
  return raw === 'A' || raw === 'R' || raw === 'I'
    ? { value: raw }
    : { error: `autorisation invalide : « ${raw} » (attendu A, R ou I)` };
}

/** xsd:integer with totalDigits: zero padding allowed, the text is kept as given. */
export function checkInteger(raw: string, totalDigits: number): Checked<string> {
  const match = /^[+-]?0*(\d*)$/.exec(raw);
  if (!match || !/\d/.test(raw)) return { error: `nombre entier invalide : « ${raw} »` };
  if ((match[1] ?? '').length > totalDigits) {
    return { error: `nombre trop long : « ${raw} » (au plus ${totalDigits} chiffres)` };
  }
  return { value: raw };
}

export const MISSING = 'champ obligatoire absent ou vide';
