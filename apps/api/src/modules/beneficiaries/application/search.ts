import type { PersonSummary } from '@parcours/contracts';
import { sql } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Db } from '../../../platform/db/database';
import { normalizeNir } from '../domain/nir';
import { personScope } from '../infra/person-scope';
import { personSummaryQuery, toPersonSummary } from '../infra/person-summary';

export interface ParsedQuery {
  nir: string | null;
  claimNumber: string | null;
  birthDate: string | null;
  words: string;
}

/** Splits a free query into what it may contain: a NIR, a CAF file number, a birth date, names. */
export function parseSearchQuery(q: string): ParsedQuery {
  let rest = q.trim();
  let birthDate: string | null = null;
  const date = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{2})-(\d{2})/.exec(rest);
  if (date) {
    birthDate = date[4]
      ? `${date[4]}-${date[5]}-${date[6]}`
      : `${date[3]}-${date[2]!.padStart(2, '0')}-${date[1]!.padStart(2, '0')}`;
    rest = rest.replace(date[0], ' ');
  }
  let nir: string | null = null;
  let claimNumber: string | null = null;
  const compact = rest.replace(/\s+/g, '');
  if (/^[12][0-9]{2}[0-9]{2}(2A|2B|[0-9]{2})[0-9]{6}([0-9]{2})?$/i.test(compact)) {
    const n = normalizeNir(compact);
    if ('nir13' in n) {
      nir = n.nir13;
      rest = '';
    }
  } else {
    const digits = /\b(\d{5,11})\b/.exec(rest);
    if (digits) {
      claimNumber = digits[1]!;
      rest = rest.replace(digits[0], ' ');
    }
  }
  return { nir, claimNumber, birthDate, words: rest.replace(/\s+/g, ' ').trim() };
}

export async function searchPersons(
  db: Db,
  actor: RequestActor,
  q: string,
  limit: number,
): Promise<PersonSummary[]> {
  const parsed = parseSearchQuery(q);
  if (!parsed.nir && !parsed.claimNumber && !parsed.birthDate && parsed.words.length < 2) return [];
  let query = personSummaryQuery(db).where(personScope(actor));
  if (parsed.nir) query = query.where('p.nir', '=', parsed.nir);
  if (parsed.claimNumber) {
    const claim = parsed.claimNumber;
    query = query.where((eb) => eb.or([eb('h.claim_number', '=', claim), eb('h.matricule', '=', claim)]));
  }
  if (parsed.birthDate) query = query.where('p.birth_date', '=', parsed.birthDate);
  let normalized = '';
  if (parsed.words) {
    normalized = (await sql<{ n: string }>`SELECT parcours_normalize_name(${parsed.words}) AS n`.execute(db))
      .rows[0]!.n;
  }
  if (normalized) {
    // Nearest names first through the trigram index (word similarity tolerates accents already
    // removed, glued names and a typo); the far ones are dropped below.
    const rows = await query
      .select(sql<number>`${normalized} <<-> p.search_name`.as('distance'))
      .orderBy(sql`${normalized} <<-> p.search_name`)
      .limit(limit)
      .execute();
    return rows.filter((r) => r.distance <= MAX_DISTANCE).map((r) => toPersonSummary(r, actor));
  }
  const rows = await query.orderBy('p.birth_name').orderBy('p.first_name').limit(limit).execute();
  return rows.map((r) => toPersonSummary(r, actor));
}

/** 1 − word similarity: beyond it a name is too far from the query to be proposed. */
const MAX_DISTANCE = 0.45;
