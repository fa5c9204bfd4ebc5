/**
 * Helpers for the flux tests (and whoever needs synthetic flux): draining a parser, feeding bytes in
 * chunks, a seeded PRNG and deterministic synthetic households. Synthetic names only.
 */
import type { FluxHeader, FluxHousehold, FluxPerson, HouseholdRole } from '../../domain/flux';
import { nirKey } from '../../domain/nir';
import type { FluxParseResult } from './parse-report';

export async function collectFlux(
  parsing: AsyncGenerator<FluxHousehold, FluxParseResult>,
): Promise<{ households: FluxHousehold[]; summary: FluxParseResult }> {
  const households: FluxHousehold[] = [];
  for (;;) {
    const next = await parsing.next();
    if (next.done) return { households, summary: next.value };
    households.push(next.value);
  }
}

/** The bytes in chunks of `size`, to exercise splits inside tags and multi-byte characters. */
export async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** mulberry32: a small seeded PRNG, so that random tests replay identically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sampleHeader: FluxHeader = {
  application: 'CRI',
  typeFlux: 'M',
  natFlux: 'D',
  createdOn: '2026-01-05',
  createdAtTime: '01:18:36',
  referenceDate: '2026-01-01',
};

const FIRST_NAMES = [
  'Hélène',
  'Frédéric',
  'Zoé',
  'Joël',
  'Anaïs',
  'François',
  'Maëlle',
  'Noël',
  'Inès',
  'Loïc',
];
const LAST_NAMES = [
  'MARTIN',
  'LEFÈVRE',
  'BÉNÉZET',
  "N'DIAYE",
  'GARCÍA',
  'DUBŒUF',
  'OZTÜRK',
  'ÇELIK',
  'ROUX',
  'FABRE',
];
const STATUSES = ['2', '2', '2', '3', '4', '5', '0', '1', 'Z', '6'] as const;

/**
 * The household of rank `rank` (1-based) of a synthetic VRSB file: 1 to 3 persons (2 on average),
 * with the paths the parser gives them, so that write → parse gives it back as it is.
 */
export function syntheticHousehold(rank: number): FluxHousehold {
  const path = `Racine/InfosFoyerRSA[${rank}]`;
  const size = (rank % 3) + 1;
  const roles: HouseholdRole[] = size === 1 ? ['DEM'] : size === 2 ? ['DEM', 'CJT'] : ['DEM', 'CJT', 'ENF'];
  const status = STATUSES[rank % STATUSES.length]!;
  const claimNumber = `131${String(rank).padStart(8, '0')}`;
  const members = roles.map((role, i): FluxPerson => {
    const sex = (rank + i) % 2 === 0 ? 'F' : 'M';
    const year = role === 'ENF' ? 2010 + (rank % 10) : 1960 + (rank % 40);
    const month = String((rank % 12) + 1).padStart(2, '0');
    const day = String((rank % 28) + 1).padStart(2, '0');
    const nir =
      role === 'ENF'
        ? null
        : `${sex === 'M' ? 1 : 2}${String(year).slice(2)}${month}13${String(rank % 1000).padStart(3, '0')}${String(i + 1).padStart(3, '0')}`;
    return {
      path: `${path}/Personne[${i + 1}]`,
      title: role === 'ENF' ? null : sex === 'M' ? 'M' : 'MME',
      usualName: i === 1 ? LAST_NAMES[rank % 10]! : null,
      birthName: LAST_NAMES[(rank + i) % 10]!,
      firstName: FIRST_NAMES[(rank * 7 + i) % 10]!,
      firstName2: i === 0 ? 'Marie-José' : null,
      firstName3: null,
      birthPlace: 'MARSEILLE',
      birthDate: `${year}-${month}-${day}`,
      birthRank: null,
      nir,
      sex,
      role,
      franceTravailId:
        role === 'DEM' && rank % 4 === 0 ? `${String(rank % 10_000_000).padStart(7, '0')}X` : null,
      subjectToDuties: role !== 'ENF' && status !== '5',
      entersDuties: role === 'DEM' && rank % 5 === 0,
    };
  });
  const commune = 13201 + (rank % 16);
  return {
    path,
    organism: rank % 10 === 9 ? 'MSA' : 'CAF',
    organismNumber: rank % 10 === 9 ? '013' : '131',
    matricule: String(rank).padStart(10, '0'),
    claimNumber,
    claimDate: '2025-11-03',
    familySituation: size === 1 ? 'CEL' : 'MAR',
    familySituationSince: '2015-06-12',
    address: {
      streetNumber: String((rank % 120) + 1),
      streetType: 'RUE',
      streetName: rank % 2 ? 'DU SACRÉ-CŒUR' : 'DES FABRES & CIE',
      complement: rank % 3 ? null : 'CHEZ M. <ROUX>',
      locality: null,
      inseeCode: String(commune),
      postalCode: String(13000 + (commune - 13200)).padStart(5, '0'),
      communeName: 'MARSEILLE',
      abroad: false,
    },
    rightsStatus: status,
    closure: status === '5' ? { reason: 'RFD', date: '2025-12-31' } : null,
    refusal: status === '1' ? { reason: 'AGE', date: '2025-12-20' } : null,
    rightSuspensions: status === '3' ? [{ reason: 'GK', from: '2025-12-01' }] : [],
    paymentSuspensions: status === '4' ? [{ reason: '06', from: '2025-12-01' }] : [],
    members,
    contacts: null,
    anomalies: rank % 50 === 0 ? ['Adresse incomplète à vérifier'] : [],
  };
}

export function* syntheticHouseholds(count: number): Generator<FluxHousehold> {
  for (let rank = 1; rank <= count; rank++) yield syntheticHousehold(rank);
}

/** A 15-character NIR (with its key) for a 13-character one. */
export function withKey(nir13: string): string {
  return `${nir13}${String(nirKey(nir13)).padStart(2, '0')}`;
}
