/**
 * A CAF/MSA flux as Parcours reads it, whatever the file format (XML VRSB/VIRS or CSV).
 * Parsers produce these records; the import applies them. See shared/formats/caf-flux.md.
 */

export type FluxFormat = 'xml' | 'csv';

export interface FluxHeader {
  /** APPLIEME: CRI (Cristal, CNAF), NRA, AGO (Agora, MSA); CSV: given by the caller. */
  application: string | null;
  /** TYPEFLUX: I daily, M monthly, R reprise. */
  typeFlux: 'I' | 'M' | 'R';
  /** NATFLUX: D beneficiaries (VRSB), I instruction (VIRS). */
  natFlux: 'D' | 'I';
  /** DTCREAFLUX, YYYY-MM-DD: the business date of every fact in the file (entry date of new entrants). */
  createdOn: string;
  /** HEUCREAFLUX normalised to HH:MM:SS (fractions dropped); '00:00:00' when absent. */
  createdAtTime: string;
  /** DTREF, YYYY-MM-DD, when given. */
  referenceDate: string | null;
}

export interface FluxAddress {
  streetNumber: string | null;
  streetType: string | null;
  streetName: string | null;
  complement: string | null;
  locality: string | null;
  /** NUMCOM: INSEE code of the commune. */
  inseeCode: string | null;
  postalCode: string | null;
  communeName: string | null;
  /** true for AdresseHorsFrance. */
  abroad: boolean;
}

export interface FluxContacts {
  phone: string | null;
  /** A consent, R refusal, I unknown. */
  phoneConsent: 'A' | 'R' | 'I' | null;
  email: string | null;
  emailConsent: 'A' | 'R' | 'I' | null;
}

export type HouseholdRole = 'DEM' | 'CJT' | 'ENF' | 'AUT' | 'RDO';

export interface FluxPerson {
  /** Element path for reports, e.g. `Racine/InfosFoyerRSA[3]/Personne[2]`. */
  path: string;
  title: string | null;
  /** NOM: usual name (may equal birth name). */
  usualName: string | null;
  /** NOMNAI. */
  birthName: string;
  firstName: string;
  firstName2: string | null;
  firstName3: string | null;
  birthPlace: string | null;
  /** YYYY-MM-DD, checked as a real date. */
  birthDate: string;
  /** RGNAI, birth rank among same-day births (twins), as given. */
  birthRank: string | null;
  /** 13 characters (no key) when known. */
  nir: string | null;
  sex: 'M' | 'F';
  role: HouseholdRole;
  /** IDASSEDIC. */
  franceTravailId: string | null;
  /** TOPPERSDRODEVORSA = 1. */
  subjectToDuties: boolean;
  /** TOPPERSENTDRODEVORSA = 1. */
  entersDuties: boolean;
}

export interface FluxHousehold {
  path: string;
  /** FONORG: CAF or MSA. */
  organism: string;
  /** NUMORG: the organism's number (e.g. CAF 131). */
  organismNumber: string;
  matricule: string | null;
  /** NUMDEMRSA, 11 characters: the household's file number. */
  claimNumber: string;
  claimDate: string | null;
  familySituation: string | null;
  familySituationSince: string | null;
  address: FluxAddress | null;
  /** ETATDOSRSA: Z, 0…6. */
  rightsStatus: RightsStatusCode;
  closure: { reason: string | null; date: string | null } | null;
  refusal: { reason: string | null; date: string | null } | null;
  rightSuspensions: { reason: string; from: string | null }[];
  paymentSuspensions: { reason: string; from: string | null }[];
  /** Members (VRSB); empty in an instruction flux, which only brings contacts. */
  members: FluxPerson[];
  contacts: FluxContacts | null;
  /** LIBANO texts, kept in the report. */
  anomalies: string[];
}

export const rightsStatusCodes = ['Z', '0', '1', '2', '3', '4', '5', '6'] as const;
export type RightsStatusCode = (typeof rightsStatusCodes)[number];

/** "Open" = Z, 2, 3, 4 (caf-flux.md). */
export function isOpen(status: string): boolean {
  return status === 'Z' || status === '2' || status === '3' || status === '4';
}

export interface FluxError {
  /** Line number (CSV) or element path (XML), e.g. `Racine/InfosFoyerRSA[12]/Personne[1]/Identification/DTNAI`. */
  place: string;
  field: string | null;
  reason: string;
}

/** What a parser gives back at the end, beside the records it yielded. */
export interface FluxParseSummary {
  header: FluxHeader | null;
  households: number;
  persons: number;
  /** NBTOTDOSRSATRANSM (XML). */
  declaredHouseholds: number | null;
  /** Elements present in the file that Parcours does not read, by name. */
  skippedElements: Record<string, number>;
  errors: FluxError[];
}
