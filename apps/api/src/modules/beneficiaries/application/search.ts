import { dateInText, hasPermission, isCalendarDate, type PersonSummary } from '@parcours/contracts';
import { sql } from 'kysely';
import { recordPersonList } from '../../../platform/audit/list-read';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import type { Db } from '../../../platform/db/database';
import { forbidden } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
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
  const date = dateInText(rest);
  // Only a real date is a birth date (the route refuses impossible ones; PostgreSQL would too).
  if (date && isCalendarDate(date.iso)) {
    birthDate = date.iso;
    rest = rest.replace(date.raw, ' ');
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

/** 13 characters of a NIR (Corsica 2A/2B), spaces allowed, anywhere in the query; the key may follow. */
const NIR_SHAPED = /[12]\d{4}(?:\d{2}|2A|2B)\d{6}/i;

/**
 * A role that may not see NIRs may not use one as a lookup key either: the query is refused
 * (whatever the key or the result), not silently searched.
 */
export function assertMaySearchQuery(actor: RequestActor, q: string) {
  if (!hasPermission(actor.role, 'person.nir') && NIR_SHAPED.test(q.replace(/\s+/g, ''))) {
    throw forbidden(
      'La recherche par NIR est réservée aux profils habilités à voir le NIR. Recherchez par nom, date de naissance ou numéro de dossier CAF.',
    );
  }
}

export async function searchPersons(
  db: Db,
  actor: RequestActor,
  q: string,
  limit: number,
): Promise<PersonSummary[]> {
  assertMaySearchQuery(actor, q);
  const parsed = parseSearchQuery(q);
  if (!parsed.nir && !parsed.claimNumber && !parsed.birthDate && parsed.words.length < 2) return [];
  let query = personSummaryQuery(db).where(personScope(actor));
  if (parsed.nir) query = query.where('p.nir', '=', parsed.nir);
  if (parsed.claimNumber) {
    const claim = parsed.claimNumber;
    query = query.where((eb) => eb.or([eb('h.claim_number', '=', claim), eb('h.matricule', '=', claim)]));
  }
  if (parsed.birthDate) query = query.where('p.birth_date', '=', parsed.birthDate);
  const exactFilter = Boolean(parsed.nir || parsed.claimNumber || parsed.birthDate);
  const { normalized, words, near } = parsed.words
    ? await analyseWords(db, parsed.words, !exactFilter)
    : { normalized: '', words: [], near: [] };
  if (!normalized) {
    const rows = await query.orderBy('p.birth_name').orderBy('p.first_name').limit(limit).execute();
    return rows.map((r) => toPersonSummary(r, actor));
  }
  const distance = sql<number>`${normalized} <<-> p.search_name`;
  const nearest = async (q: typeof query) => {
    // Filtered after the limit: in SQL, an index scan by distance would go on past the near names.
    const rows = await q.select(distance.as('distance')).orderBy(distance).limit(limit).execute();
    return rows.filter((r) => r.distance <= MAX_DISTANCE).map((r) => toPersonSummary(r, actor));
  };
  if (words.length < 2 || exactFilter) {
    // One word: the nearest names straight from the trigram index on persons, a few pages whatever
    // the table size. With a NIR, file number or birth date, that b-tree filter goes first.
    return nearest(query);
  }
  // Several words (ADR 0008): each resolved to its nearest dictionary words, then the persons who
  // bear a near word for each of them, read through b-tree look-ups; ranked like one word.
  // Distances are float4: 1e-6 keeps "0.4 + 0.2" from missing 0.6.
  const tight = near.map((list) => {
    const best = list[0]?.distance ?? 0;
    // A word found as typed, or inside longer names (a first letters search), is taken as meant.
    if (best === 0) return list.filter((t) => t.distance <= TIGHT_MARGIN + 1e-6);
    // A misspelt word: its one-typo look-alikes, the most alike as wholes.
    const within = list.filter((t) => t.distance <= Math.max(best + TIGHT_MARGIN, ONE_TYPO) + 1e-6);
    const overall = Math.min(...within.map((t) => t.overall));
    return within.filter((t) => t.overall <= overall + TIGHT_MARGIN + 1e-6).slice(0, TIGHT_WORDS);
  });
  const passes: NearWord[][][] = [];
  if (near.every((list) => list.length > 0)) {
    // Only the closest dictionary words first (an exact word hides its look-alikes), then any near one.
    passes.push(tight);
    if (near.some((list, i) => list.length > tight[i]!.length)) passes.push(near);
  }
  // Nothing with every word: a word may be too misspelt; the others and the whole distance decide.
  const worst = tight.reduce(
    (w, list, i) => ((list[0]?.distance ?? 2) > (tight[w]![0]?.distance ?? 2) ? i : w),
    0,
  );
  const others = tight.filter((_, i) => i !== worst);
  if (others.every((list) => list.length > 0)) passes.push(others);
  for (const pass of passes) {
    const rows = await nearest(query.where(sql<boolean>`p.id = ANY(ARRAY(${bearers(pass)}))`));
    if (rows.length > 0) return rows;
  }
  return [];
}

/** 1 − word similarity: beyond it a name is too far from the query to be proposed. */
const MAX_DISTANCE = 0.45;
/**
 * A query word and a dictionary word are near up to this distance (one letter missing from a
 * five-letter name is 0.6); the whole query's distance then filters and ranks.
 */
const WORD_MAX_DISTANCE = 0.65;
/** First pass: only the dictionary words within this distance of the nearest one (exact: 0). */
const TIGHT_MARGIN = 0.2;
/** A letter missing, added or changed in a name is usually within this distance. */
const ONE_TYPO = 0.5;
/** Look-alikes of a misspelt word kept in the first pass, nearest first. */
const TIGHT_WORDS = 8;
/** Dictionary words kept per query word (second pass), nearest first. */
const NEAR_WORDS = 20;
/** Persons then ranked by the whole query's distance, at most: the best by their words' distances. */
const MAX_CANDIDATES = 200;

interface NearWord {
  token: string;
  distance: number;
  /** Distance of the two words as wholes: only breaks ties of `distance`. */
  overall: number;
}

/**
 * The query normalised as names are, its words (single letters, the N of N'Guyen, are in too many
 * names to select any: they only weigh in the distance) and, when asked, the dictionary words near
 * each, nearest first; among equally near ones (a query word inside several longer words) the most
 * alike overall first. One round trip.
 */
async function analyseWords(
  db: Db,
  text: string,
  lookUp: boolean,
): Promise<{ normalized: string; words: string[]; near: NearWord[][] }> {
  const rows = await sql<{
    normalized: string;
    word: string | null;
    token: string | null;
    distance: number;
    overall: number;
  }>`
    SELECT q.n AS normalized, w.word, d.token, d.distance, d.overall
    FROM (SELECT parcours_normalize_name(${text}) AS n) q
    LEFT JOIN LATERAL (
      SELECT u.word, min(u.i) AS i FROM unnest(string_to_array(q.n, ' ')) WITH ORDINALITY AS u(word, i)
      WHERE length(u.word) > 1 GROUP BY u.word) w ON true
    LEFT JOIN LATERAL (
      SELECT k.token, k.distance, k.overall FROM (
        SELECT t.token, w.word <<-> t.token AS distance, w.word <-> t.token AS overall
        FROM name_token t WHERE ${lookUp} ORDER BY w.word <<-> t.token LIMIT ${NEAR_WORDS * 3}) k
      WHERE k.distance <= ${WORD_MAX_DISTANCE}
      ORDER BY k.distance, k.overall LIMIT ${NEAR_WORDS}) d ON true
    ORDER BY w.i, d.distance, d.overall`.execute(db);
  const words: string[] = [];
  const near: NearWord[][] = [];
  for (const r of rows.rows) {
    if (r.word === null) continue;
    if (words.at(-1) !== r.word) {
      words.push(r.word);
      near.push([]);
    }
    // A word added twice to the dictionary by concurrent writers is kept once.
    if (r.token !== null && !near.at(-1)!.some((t) => t.token === r.token)) {
      near.at(-1)!.push({ token: r.token, distance: r.distance, overall: r.overall });
    }
  }
  return { normalized: rows.rows[0]?.normalized ?? '', words, near };
}

/**
 * Persons who bear one of the given dictionary words for each query word, best first: one
 * b-tree range per dictionary word, joined on the person (hash join: the planner knows from its
 * statistics which words are common). Used as `p.id = ANY(ARRAY(…))`, so that persons are then
 * read by primary key (a person listed twice, bearing two near words, is read once).
 */
function bearers(perWord: NearWord[][]) {
  const tokens = perWord.map((list) => list.map((t) => t.token));
  const distances = perWord.map((list) => list.map((t) => t.distance + t.overall / 100));
  const alias = (i: number) => sql.raw(`w${i}`);
  const from = sql.join(perWord.map((_, i) => sql`person_name_token ${alias(i)}`));
  const where = perWord.flatMap((_, i) => [
    sql`${alias(i)}.token = ANY(${tokens[i]}::text[])`,
    // Each query word is borne by its own word of the name (Flore Larent is not Florent Dupont).
    ...(i > 0 ? [sql`${alias(i)}.person_id = w0.person_id`] : []),
    ...perWord.slice(0, i).map((_, j) => sql`${alias(i)}.token <> ${alias(j)}.token`),
  ]);
  const score = sql.join(
    perWord.map(
      (_, i) => sql`(${distances[i]}::real[])[array_position(${tokens[i]}::text[], ${alias(i)}.token)]`,
    ),
    sql` + `,
  );
  return sql<string>`
    SELECT w0.person_id FROM ${from}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${score} LIMIT ${MAX_CANDIDATES}`;
}

/** The search of the screen: its answer is a bulk read of persons, written to the audit trail. */
export async function findPersons(
  ctx: AppContext,
  actor: RequestActor,
  request: RequestInfo,
  q: string,
  limit: number,
): Promise<PersonSummary[]> {
  const items = await searchPersons(ctx.db, actor, q, limit);
  await recordPersonList(
    ctx,
    actor,
    request,
    'persons.search',
    { q },
    items.map((p) => p.id),
  );
  return items;
}
