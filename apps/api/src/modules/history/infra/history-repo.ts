import type { Kysely } from 'kysely';
import { inBatches } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';

type Q = Kysely<Database>;

/** What identifies a person (shared/formats/history.md `person` line, as stored). */
export interface RecordedIdentity {
  nir: string | null;
  birthName: string;
  usualName: string | null;
  firstName: string;
  birthDate: string;
  sex: string;
}

/** The département's reference data an import checks lines against (small tables, read whole). */
export interface Snapshot {
  communes: Map<string, { name: string; postalCode: string | null; hubId: string | null }>;
  hubs: Map<string, { id: string; name: string }>;
  structuresByExternalId: Map<string, { id: string; kind: string; name: string }>;
  structuresByKindName: Map<string, { id: string; externalId: string | null }>;
  referentsByExternalId: Map<string, { id: string; name: string; structureId: string }>;
  /** Whether any person carries an external id / a NIR: the first import skips the look-ups. */
  personsWithExternalId: boolean;
  personsWithNir: boolean;
  /** Whether any household exists: the first import skips the household look-ups. */
  householdsExist: boolean;
}

export const kindNameKey = (kind: string, name: string) => `${kind}\u0000${name}`;

export async function loadSnapshot(db: Q, dep: string): Promise<Snapshot> {
  const [communes, hubs, structures, referents, ext, nir, household] = await Promise.all([
    db
      .selectFrom('commune')
      .select(['insee_code', 'name', 'postal_codes', 'hub_id'])
      .where('department_code', '=', dep)
      .execute(),
    db
      .selectFrom('insertion_hub')
      .select(['id', 'code', 'name'])
      .where('department_code', '=', dep)
      .execute(),
    db
      .selectFrom('structure')
      .select(['id', 'kind', 'name', 'external_id'])
      .where('department_code', '=', dep)
      .execute(),
    db
      .selectFrom('referent')
      .select(['id', 'external_id', 'last_name', 'first_name', 'structure_id'])
      .where('department_code', '=', dep)
      .where('external_id', 'is not', null)
      .execute(),
    db
      .selectFrom('person')
      .select('id')
      .where('department_code', '=', dep)
      .where('external_id', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('person')
      .select('id')
      .where('department_code', '=', dep)
      .where('nir', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('household').select('id').where('department_code', '=', dep).limit(1).executeTakeFirst(),
  ]);
  return {
    communes: new Map(
      communes.map((c) => [
        c.insee_code,
        { name: c.name, postalCode: c.postal_codes[0] ?? null, hubId: c.hub_id },
      ]),
    ),
    hubs: new Map(hubs.map((h) => [h.code, { id: h.id, name: h.name }])),
    structuresByExternalId: new Map(
      structures
        .filter((s) => s.external_id !== null)
        .map((s) => [s.external_id as string, { id: s.id, kind: s.kind, name: s.name }]),
    ),
    structuresByKindName: new Map(
      structures.map((s) => [kindNameKey(s.kind, s.name), { id: s.id, externalId: s.external_id }]),
    ),
    referentsByExternalId: new Map(
      referents.map((r) => [
        r.external_id as string,
        { id: r.id, name: `${r.first_name} ${r.last_name}`, structureId: r.structure_id },
      ]),
    ),
    personsWithExternalId: Boolean(ext),
    personsWithNir: Boolean(nir),
    householdsExist: Boolean(household),
  };
}

export async function personsByExternalId(db: Q, dep: string, externalIds: string[]) {
  const found = new Map<string, string>();
  await inBatches(externalIds, async (batch) => {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'external_id'])
      .where('department_code', '=', dep)
      .where('external_id', 'in', batch)
      .execute();
    for (const r of rows) found.set(r.external_id as string, r.id);
  });
  return found;
}

export async function personsByNir(db: Q, dep: string, nirs: string[]) {
  const found = new Map<string, { id: string; externalId: string | null }>();
  await inBatches(nirs, async (batch) => {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'nir', 'external_id'])
      .where('department_code', '=', dep)
      .where('nir', 'in', batch)
      .execute();
    for (const r of rows) found.set(r.nir as string, { id: r.id, externalId: r.external_id });
  });
  return found;
}

/** The identity of persons already recorded, by id: a line matched to one must describe them. */
export async function identitiesOf(db: Q, personIds: string[]) {
  const found = new Map<string, RecordedIdentity>();
  await inBatches(personIds, async (batch) => {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'nir', 'birth_name', 'usual_name', 'first_name', 'birth_date', 'sex'])
      .where('id', 'in', batch)
      .execute();
    for (const r of rows)
      found.set(r.id, {
        nir: r.nir,
        birthName: r.birth_name,
        usualName: r.usual_name,
        firstName: r.first_name,
        birthDate: String(r.birth_date),
        sex: r.sex,
      });
  });
  return found;
}

/**
 * The current members of households, by file number: a household has one claimant and one partner,
 * and a member recorded by a CAF flux is the one a history line of the same identity describes.
 */
export async function openMembersOf(db: Q, dep: string, claimNumbers: string[]) {
  const found: HouseholdAdult[] = [];
  await inBatches(claimNumbers, async (batch) => {
    const rows = await db
      .selectFrom('household_member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select([
        'h.claim_number',
        'm.role',
        'p.id',
        'p.external_id',
        'p.nir',
        'p.birth_name',
        'p.usual_name',
        'p.first_name',
        'p.birth_date',
        'p.sex',
      ])
      .where('h.department_code', '=', dep)
      .where('h.organism', '=', 'CAF')
      .where('h.claim_number', 'in', batch)
      .where('m.to_date', 'is', null)
      .execute();
    for (const r of rows)
      found.push({
        claimNumber: r.claim_number,
        role: r.role,
        personId: r.id,
        externalId: r.external_id,
        identity: {
          nir: r.nir,
          birthName: r.birth_name,
          usualName: r.usual_name,
          firstName: r.first_name,
          birthDate: String(r.birth_date),
          sex: r.sex,
        },
      });
  });
  return found;
}

export interface HouseholdAdult {
  claimNumber: string;
  role: string;
  personId: string;
  externalId: string | null;
  identity: RecordedIdentity;
}

/** Where a person's rights from another source (CAF flux) begin: history must stop there. */
export async function otherSourceRightsStart(db: Q, personIds: string[]) {
  const found = new Map<string, string>();
  await inBatches(personIds, async (batch) => {
    const rows = await db
      .selectFrom('rights_period')
      .select(['person_id', (eb) => eb.fn.min<string>('valid_from').as('from')])
      .where('person_id', 'in', batch)
      .where('source', '<>', 'history')
      .groupBy('person_id')
      .execute();
    for (const r of rows) found.set(r.person_id, r.from);
  });
  return found;
}

/** Applied runs carry the content hash: a file applied once is never applied again. */
export async function appliedRunWithHash(db: Q, dep: string, hash: string) {
  return db
    .selectFrom('history_import_run')
    .select(['id', 'started_at'])
    .where('department_code', '=', dep)
    .where('content_hash', '=', hash)
    .where('status', '=', 'applied')
    .orderBy('started_at')
    .limit(1)
    .executeTakeFirst();
}

export async function listRuns(db: Q, dep: string, limit = 50) {
  return db
    .selectFrom('history_import_run')
    .select([
      'id',
      'file_name',
      'content_hash',
      'status',
      'actor_account_id',
      'started_at',
      'finished_at',
      'report',
    ])
    .where('department_code', '=', dep)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
