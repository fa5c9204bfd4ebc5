import { type Kysely, sql } from 'kysely';
import { bulkInsert, inBatches, inserted } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';

/**
 * Households, persons and memberships as the history import writes them, in the caller's
 * transaction. Entities are upserted by external id (persons) or file number (households).
 */

type Q = Kysely<Database>;

export interface HistoryPerson {
  id: string;
  householdNumber: string;
  role: string;
  nir: string | null;
  birthName: string;
  lastName: string | null;
  firstName: string;
  birthDate: string;
  sex: string;
  commune: string;
}

/**
 * The CAF households of the persons, by file number (the claimant's commune when the file has
 * one). Returns file number → id, and how many were created or updated.
 */
export async function upsertHistoryHouseholds(
  trx: Q,
  dep: string,
  persons: readonly HistoryPerson[],
  communes: Map<string, { name: string; postalCode: string | null }>,
) {
  const households = new Map<string, { communeCode: string; fromDem: boolean }>();
  for (const p of persons) {
    const h = households.get(p.householdNumber);
    if (!h || (!h.fromDem && p.role === 'DEM')) {
      households.set(p.householdNumber, { communeCode: p.commune, fromDem: p.role === 'DEM' });
    }
  }
  const ids = new Map<string, string>();
  let created = 0;
  let updated = 0;
  await inBatches([...households], async (batch) => {
    const rows = await trx
      .insertInto('household')
      .values(
        batch.map(([claim, h]) => {
          const commune = communes.get(h.communeCode);
          return {
            department_code: dep,
            organism: 'CAF',
            claim_number: claim,
            commune_code: h.communeCode,
            postal_code: commune?.postalCode ?? null,
            commune_name: commune?.name ?? null,
          };
        }),
      )
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'organism', 'claim_number'])
          .doUpdateSet((eb) => ({
            commune_code: eb.ref('excluded.commune_code'),
            postal_code: eb.ref('excluded.postal_code'),
            commune_name: eb.ref('excluded.commune_name'),
            updated_at: new Date(),
            version: sql`household.version + 1`,
          }))
          // An address recorded by a CAF flux or an agent is theirs: a history line never puts
          // another commune under its street.
          .where(
            sql<boolean>`(household.commune_code, household.postal_code, household.commune_name) IS DISTINCT FROM (excluded.commune_code, excluded.postal_code, excluded.commune_name)
              AND household.street_name IS NULL AND household.locality IS NULL
              AND NOT EXISTS (SELECT 1 FROM coordinate_source s WHERE s.household_id = household.id AND s.field = 'address')`,
          ),
      )
      .returning(['id', 'claim_number', inserted])
      .execute();
    for (const r of rows) {
      ids.set(r.claim_number, r.id);
      if (r.inserted) created++;
      else updated++;
    }
    const missing = batch.map(([claim]) => claim).filter((claim) => !ids.has(claim));
    if (missing.length) {
      const found = await trx
        .selectFrom('household')
        .select(['id', 'claim_number'])
        .where('department_code', '=', dep)
        .where('organism', '=', 'CAF')
        .where('claim_number', 'in', missing)
        .execute();
      for (const r of found) ids.set(r.claim_number, r.id);
    }
  });
  return { ids, created, updated };
}

/**
 * Persons by external id. `adopted` (known by their NIR only) receive the file's id first and
 * count as updated. `latest` gives a new person's rights flags (for a person already known they
 * are set with the rights, another source may own them).
 */
export async function upsertHistoryPersons(
  trx: Q,
  dep: string,
  persons: readonly HistoryPerson[],
  adopted: readonly { id: string; externalId: string }[],
  existing: Map<string, string>,
  householdIds: Map<string, string>,
  latest: (externalId: string) => { open: boolean; subject: boolean },
) {
  const ids = new Map(existing);
  if (adopted.length) {
    await inBatches(adopted, async (batch) => {
      await sql`
        UPDATE person SET external_id = v.ext
        FROM unnest(${batch.map((b) => b.id)}::uuid[], ${batch.map((b) => b.externalId)}::text[]) AS v(id, ext)
        WHERE person.id = v.id`.execute(trx);
    });
  }
  const created = new Set<string>();
  let updated = 0;
  const adoptedIds = new Set(adopted.map((a) => a.externalId));
  const identity = [
    'nir',
    'birth_name',
    'usual_name',
    'first_name',
    'birth_date',
    'sex',
    'household_id',
    'household_role',
  ];
  const incoming = (c: string) => (c === 'nir' ? 'coalesce(excluded.nir, person.nir)' : `excluded.${c}`);
  await inBatches(persons, async (batch) => {
    const rows = await bulkInsert<'person', { id: string; external_id: string; inserted: boolean }>(
      trx,
      'person',
      {
        department_code: 'text',
        external_id: 'text',
        nir: 'text',
        birth_name: 'text',
        usual_name: 'text',
        first_name: 'text',
        birth_date: 'date',
        sex: 'text',
        household_id: 'uuid',
        household_role: 'text',
        rights_open: 'bool',
        subject_to_duties: 'bool',
      },
      batch.map((p) => {
        const state = latest(p.id);
        return {
          department_code: dep,
          external_id: p.id,
          nir: p.nir,
          birth_name: p.birthName,
          usual_name: p.lastName,
          first_name: p.firstName,
          birth_date: p.birthDate,
          sex: p.sex,
          household_id: householdIds.get(p.householdNumber) as string,
          household_role: p.role,
          rights_open: state.open,
          subject_to_duties: state.subject,
        };
      }),
      // The identity was checked by the import: only a matching person is refreshed here, and a
      // file without a NIR never erases the one Parcours holds.
      `ON CONFLICT (department_code, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
         ${identity.map((c) => `${c} = ${incoming(c)}`).join(', ')}, updated_at = now(), version = person.version + 1
       WHERE (${identity.map((c) => `person.${c}`).join(', ')}) IS DISTINCT FROM (${identity.map(incoming).join(', ')})
       RETURNING id, external_id, (xmax = 0) AS inserted`,
    );
    for (const r of rows) {
      ids.set(r.external_id, r.id);
      if (r.inserted) created.add(r.external_id);
      else if (!adoptedIds.has(r.external_id)) updated++;
    }
  });
  // An adopted person changed at least by receiving the file's id.
  return { ids, created, updated: updated + adoptedIds.size };
}

export interface HistoryMembership {
  personId: string;
  householdId: string;
  role: string;
  from: string;
  isNew: boolean;
}

/** Each person in their household from `from` on; a move closes the previous membership. */
export async function writeHistoryMemberships(
  trx: Q,
  dep: string,
  memberships: readonly HistoryMembership[],
) {
  const oldMembers = memberships.filter((m) => !m.isNew);
  await inBatches(oldMembers, async (batch) => {
    const v = sql`unnest(${batch.map((m) => m.personId)}::uuid[], ${batch.map((m) => m.householdId)}::uuid[],
      ${batch.map((m) => m.role)}::text[], ${batch.map((m) => m.from)}::date[]) AS v(person_id, household_id, role, from_date)`;
    // A person who moved to another household leaves the previous one.
    await sql`UPDATE household_member m SET to_date = greatest(m.from_date, v.from_date) FROM ${v}
      WHERE m.person_id = v.person_id AND m.household_id <> v.household_id AND m.to_date IS NULL`.execute(
      trx,
    );
    // An open membership of the same household is the same fact: keep its date, follow the role.
    await sql`UPDATE household_member m SET role = v.role FROM ${v}
      WHERE m.person_id = v.person_id AND m.household_id = v.household_id AND m.to_date IS NULL AND m.role <> v.role`.execute(
      trx,
    );
  });
  await inBatches(memberships, async (batch) => {
    await sql`
      INSERT INTO household_member (department_code, household_id, person_id, role, from_date)
      SELECT ${dep}, v.household_id, v.person_id, v.role, v.from_date
      FROM unnest(${batch.map((m) => m.personId)}::uuid[], ${batch.map((m) => m.householdId)}::uuid[],
        ${batch.map((m) => m.role)}::text[], ${batch.map((m) => m.from)}::date[]) AS v(person_id, household_id, role, from_date)
      WHERE NOT EXISTS (SELECT 1 FROM household_member m
        WHERE m.person_id = v.person_id AND m.household_id = v.household_id AND m.to_date IS NULL)
      ON CONFLICT (household_id, person_id, from_date) DO UPDATE SET role = excluded.role, to_date = NULL`.execute(
      trx,
    );
  });
}
