import { placeHoldingReferralStatuses } from '@parcours/contracts';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { Database } from '../../../platform/db/schema';

export interface SearchFilter {
  departmentCode: string;
  today: string;
  /** Thématique codes answering the need (any of them). */
  thematiques?: string[];
  /** The commune and its pôle: actions serving the whole département, the commune or its pôle. */
  commune?: { code: string; hubId: string | null };
  hubId?: string;
  public?: string;
  age?: number;
  sex?: 'F' | 'M';
  /** Words of the free text, lower-cased; each must appear (accents ignored). */
  words?: string[];
  freeOnly?: boolean;
  includeCancelled?: boolean;
  axis?: number;
  offset: number;
  limit: number;
}

type Eb = ExpressionBuilder<Database & { a: Database['insertion_action'] }, 'a'>;

const noTerritory = (eb: Eb) =>
  eb.not(
    eb.exists(
      eb.selectFrom('insertion_action_territory as t').select('t.id').whereRef('t.action_id', '=', 'a.id'),
    ),
  );

/** The text searched: code, title, description, public, operators' names — lower-case, no accents. */
const searchable = sql<string>`unaccent(lower(a.code || ' ' || a.title || ' ' || coalesce(a.description, '') || ' ' || coalesce(a.public_description, '') || ' ' || coalesce((SELECT string_agg(s.name, ' ') FROM insertion_action_operator o JOIN structure s ON s.id = o.structure_id WHERE o.action_id = a.id), '')))`;

const holding = sql.join(placeHoldingReferralStatuses.map((s) => sql.lit(s)));

/** Ids of the matching actions, by relevance then code, and how many match in all. */
export async function searchActionIds(db: Db, f: SearchFilter): Promise<{ ids: string[]; total: number }> {
  let q = db.selectFrom('insertion_action as a').where('a.department_code', '=', f.departmentCode);
  if (!f.includeCancelled) q = q.where('a.status', '!=', 'annulee');
  if (f.axis) q = q.where('a.axis', '=', f.axis);
  if (f.thematiques) q = q.where(sql<boolean>`a.thematiques && ${sql.val(f.thematiques)}::text[]`);
  if (f.commune) {
    const { code, hubId } = f.commune;
    q = q.where((eb) =>
      eb.or([
        noTerritory(eb),
        eb.exists(
          eb
            .selectFrom('insertion_action_territory as t')
            .select('t.id')
            .whereRef('t.action_id', '=', 'a.id')
            .where((w) =>
              w.or([w('t.commune_code', '=', code), ...(hubId ? [w('t.hub_id', '=', hubId)] : [])]),
            ),
        ),
      ]),
    );
  }
  if (f.hubId) {
    const hubId = f.hubId;
    q = q.where((eb) =>
      eb.or([
        noTerritory(eb),
        eb.exists(
          eb
            .selectFrom('insertion_action_territory as t')
            .leftJoin('commune as c', 'c.insee_code', 't.commune_code')
            .select('t.id')
            .whereRef('t.action_id', '=', 'a.id')
            .where((w) => w.or([w('t.hub_id', '=', hubId), w('c.hub_id', '=', hubId)])),
        ),
      ]),
    );
  }
  if (f.public) q = q.where(sql<boolean>`a.publics && ${sql.val([f.public, 'tous-publics'])}::text[]`);
  if (f.age !== undefined) {
    const age = f.age;
    q = q
      .where((eb) => eb.or([eb('a.target_min_age', 'is', null), eb('a.target_min_age', '<=', age)]))
      .where((eb) => eb.or([eb('a.target_max_age', 'is', null), eb('a.target_max_age', '>=', age)]));
  }
  if (f.sex) {
    const sex = f.sex;
    q = q.where((eb) => eb.or([eb('a.target_sex', 'is', null), eb('a.target_sex', '=', sex)]));
  }
  for (const word of f.words ?? [])
    q = q.where(sql<boolean>`${searchable} LIKE '%' || unaccent(${word}) || '%'`);
  if (f.freeOnly)
    // Permanent entries (no planned session) stay; actions with sessions need one with a place.
    q = q.where(
      sql<boolean>`(NOT EXISTS (SELECT 1 FROM action_session s WHERE s.action_id = a.id AND s.status = 'planned')
        OR EXISTS (SELECT 1 FROM action_session s WHERE s.action_id = a.id AND s.status = 'planned'
          AND s.ends_on >= ${f.today}::date
          AND s.capacity > (SELECT count(*) FROM referral r WHERE r.session_id = s.id AND r.status IN (${holding}))))`,
    );
  const text = f.words?.join(' ') ?? '';
  const relevance = text
    ? sql<number>`(CASE WHEN lower(a.code) = ${text} THEN 100 ELSE 0 END
        + CASE WHEN unaccent(lower(a.title)) LIKE '%' || unaccent(${text}) || '%' THEN 10 ELSE 0 END
        + CASE WHEN unaccent(lower(a.title)) LIKE '%' || unaccent(${f.words![0]!}) || '%' THEN 5 ELSE 0 END)`
    : f.thematiques
      ? sql<number>`cardinality(ARRAY(SELECT unnest(a.thematiques) INTERSECT SELECT unnest(${sql.val(f.thematiques)}::text[])))`
      : sql<number>`0`;
  const [rows, count] = await Promise.all([
    q
      .select(['a.id', relevance.as('relevance')])
      .orderBy('relevance', 'desc')
      .orderBy('a.axis')
      .orderBy(sql`length(a.code)`)
      .orderBy('a.code')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}
