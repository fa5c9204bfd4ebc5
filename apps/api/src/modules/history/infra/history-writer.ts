import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { refreshOrientationReadModel } from '../../orientation';
import { structureKindOfBodyType } from '../domain/lines';
import type { Plan } from '../domain/plan';
import type { HistoryReport } from '../domain/report';
import { deriveRights } from '../domain/rights';
import { BATCH, bulkInsert, inBatches, type Snapshot } from './history-repo';

type Q = Kysely<Database>;
const SOURCE = 'history';
const inserted = sql<boolean>`(xmax = 0)`.as('inserted');

/** Collects rows and writes them by multi-row statements of BATCH rows. */
class RowBuffer<T> {
  private rows: T[] = [];
  total = 0;
  constructor(private readonly write: (rows: T[]) => Promise<unknown>) {}
  async add(row: T) {
    this.rows.push(row);
    this.total++;
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.write(rows);
  }
}

const affected = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint; numAffectedRows?: bigint }) =>
  Number(r.numDeletedRows ?? r.numUpdatedRows ?? r.numAffectedRows ?? 0n);

/**
 * The tail of an INSERT … SELECT FROM unnest(…) that skips a line when an imported row of the same
 * person and key survived the replacement (Parcours built on it): the file's copy is not added twice.
 * Names are constants of this file, never data.
 */
function keptSuffix(table: string, columns: string[], key: string[]) {
  return `AS v(${columns.join(', ')}) WHERE NOT EXISTS (SELECT 1 FROM ${table} k
    WHERE k.person_id = v.person_id AND k.source = '${SOURCE}' ${key.map((c) => `AND k.${c} = v.${c}`).join(' ')})
    RETURNING 1 AS created`;
}

export interface WriteOutcome {
  derived: HistoryReport['derived'];
  warnings: string[];
}

/**
 * Writes a checked plan inside the caller's transaction. Entities are upserted by external id;
 * the history rows (source 'history') of every person the file speaks about are replaced by the
 * file's; rows of any other source are never touched.
 */
export async function writePlan(
  trx: Q,
  dep: string,
  plan: Plan,
  snap: Snapshot,
  today: string,
  counts: HistoryReport['counts'],
): Promise<WriteOutcome> {
  const warnings: string[] = [];

  // ---- Hubs and their communes ------------------------------------------------------------------
  const hubIds = new Map<string, string>([...snap.hubs].map(([code, h]) => [code, h.id]));
  const hubChanged = new Set<string>();
  await inBatches(plan.hubs, async (batch) => {
    const rows = await trx
      .insertInto('insertion_hub')
      .values(batch.map((h) => ({ department_code: dep, code: h.id, name: h.name })))
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'code'])
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), version: sql`insertion_hub.version + 1` }))
          .where((eb) => eb('insertion_hub.name', 'is distinct from', eb.ref('excluded.name'))),
      )
      .returning(['id', 'code', inserted])
      .execute();
    for (const r of rows) {
      hubIds.set(r.code, r.id);
      if (r.inserted) counts.hub.created++;
      else hubChanged.add(r.code);
    }
  });
  const hubCommunes = plan.hubs.flatMap((h) =>
    h.communes.map((code) => ({ code, hubId: hubIds.get(h.id) as string })),
  );
  const codeOfHub = new Map([...hubIds].map(([code, id]) => [id, code]));
  await inBatches(hubCommunes, async (batch) => {
    const r = await sql<{ hub_id: string }>`
      UPDATE commune SET hub_id = v.hub_id, updated_at = now()
      FROM unnest(${batch.map((b) => b.code)}::text[], ${batch.map((b) => b.hubId)}::uuid[]) AS v(code, hub_id)
      WHERE commune.insee_code = v.code AND commune.department_code = ${dep}
        AND commune.hub_id IS DISTINCT FROM v.hub_id
      RETURNING commune.hub_id`.execute(trx);
    for (const row of r.rows) hubChanged.add(codeOfHub.get(row.hub_id) as string);
  });
  const hubsCreated = counts.hub.created;
  counts.hub.updated = [...hubChanged].filter((code) => plan.hubs.some((h) => h.id === code)).length;
  counts.hub.unchanged = plan.hubs.length - hubsCreated - counts.hub.updated;

  // ---- Bodies (structures) ------------------------------------------------------------------------
  const structureIds = new Map<string, string>(
    [...snap.structuresByExternalId].map(([ext, s]) => [ext, s.id]),
  );
  if (plan.adoptedStructures.length) {
    await inBatches(plan.adoptedStructures, async (batch) => {
      await sql`
        UPDATE structure SET external_id = v.ext, updated_at = now(), version = structure.version + 1
        FROM unnest(${batch.map((b) => b.id)}::uuid[], ${batch.map((b) => b.externalId)}::text[]) AS v(id, ext)
        WHERE structure.id = v.id`.execute(trx);
    });
    for (const a of plan.adoptedStructures) structureIds.set(a.externalId, a.id);
  }
  const adoptedBodies = new Set(plan.adoptedStructures.map((a) => a.externalId));
  await inBatches(plan.bodies, async (batch) => {
    const rows = await trx
      .insertInto('structure')
      .values(
        batch.map((b) => ({
          department_code: dep,
          external_id: b.id,
          kind: structureKindOfBodyType[b.type],
          name: b.name,
          hub_id: hubIds.get(b.hub) ?? null,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'external_id'])
          .where('external_id', 'is not', null)
          .doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            hub_id: eb.ref('excluded.hub_id'),
            updated_at: new Date(),
            version: sql`structure.version + 1`,
          }))
          .where(
            sql<boolean>`(structure.kind, structure.name, structure.hub_id) IS DISTINCT FROM (excluded.kind, excluded.name, excluded.hub_id)`,
          ),
      )
      .returning(['id', 'external_id', inserted])
      .execute();
    for (const r of rows) {
      structureIds.set(r.external_id as string, r.id);
      if (r.inserted) counts.body.created++;
      else if (!adoptedBodies.has(r.external_id as string)) counts.body.updated++;
    }
  });
  counts.body.updated += adoptedBodies.size;
  counts.body.unchanged = plan.bodies.length - counts.body.created - counts.body.updated;

  // ---- Referents -----------------------------------------------------------------------------------
  const referentIds = new Map<string, string>([...snap.referentsByExternalId].map(([ext, r]) => [ext, r.id]));
  await inBatches(plan.referents, async (batch) => {
    const rows = await trx
      .insertInto('referent')
      .values(
        batch.map((r) => ({
          department_code: dep,
          external_id: r.id,
          structure_id: structureIds.get(r.bodyId) as string,
          last_name: r.lastName,
          first_name: r.firstName,
          global_support_pair: r.globalSupportPair,
          active_from: r.activeFrom,
          active_to: r.activeTo,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['department_code', 'external_id'])
          .where('external_id', 'is not', null)
          .doUpdateSet((eb) => ({
            structure_id: eb.ref('excluded.structure_id'),
            last_name: eb.ref('excluded.last_name'),
            first_name: eb.ref('excluded.first_name'),
            global_support_pair: eb.ref('excluded.global_support_pair'),
            active_from: eb.ref('excluded.active_from'),
            active_to: eb.ref('excluded.active_to'),
            version: sql`referent.version + 1`,
          }))
          .where(
            sql<boolean>`(referent.structure_id, referent.last_name, referent.first_name, referent.global_support_pair, referent.active_from, referent.active_to)
              IS DISTINCT FROM (excluded.structure_id, excluded.last_name, excluded.first_name, excluded.global_support_pair, excluded.active_from, excluded.active_to)`,
          ),
      )
      .returning(['id', 'external_id', inserted])
      .execute();
    for (const r of rows) {
      referentIds.set(r.external_id as string, r.id);
      if (r.inserted) counts.referent.created++;
      else counts.referent.updated++;
    }
  });
  counts.referent.unchanged = plan.referents.length - counts.referent.created - counts.referent.updated;

  // ---- Households ---------------------------------------------------------------------------------
  const households = new Map<string, { communeCode: string; fromDem: boolean }>();
  for (const p of plan.persons) {
    const h = households.get(p.householdNumber);
    if (!h || (!h.fromDem && p.role === 'DEM')) {
      households.set(p.householdNumber, { communeCode: p.commune, fromDem: p.role === 'DEM' });
    }
  }
  const householdIds = new Map<string, string>();
  let householdsCreated = 0;
  let householdsUpdated = 0;
  await inBatches([...households], async (batch) => {
    const rows = await trx
      .insertInto('household')
      .values(
        batch.map(([claim, h]) => {
          const commune = snap.communes.get(h.communeCode);
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
              AND household.street_name IS NULL AND household.locality IS NULL`,
          ),
      )
      .returning(['id', 'claim_number', inserted])
      .execute();
    for (const r of rows) {
      householdIds.set(r.claim_number, r.id);
      if (r.inserted) householdsCreated++;
      else householdsUpdated++;
    }
    const missing = batch.map(([claim]) => claim).filter((claim) => !householdIds.has(claim));
    if (missing.length) {
      const found = await trx
        .selectFrom('household')
        .select(['id', 'claim_number'])
        .where('department_code', '=', dep)
        .where('organism', '=', 'CAF')
        .where('claim_number', 'in', missing)
        .execute();
      for (const r of found) householdIds.set(r.claim_number, r.id);
    }
  });

  // ---- Persons -------------------------------------------------------------------------------------
  const personIds = new Map(plan.existingPersons);
  if (plan.adoptedPersons.length) {
    await inBatches(plan.adoptedPersons, async (batch) => {
      await sql`
        UPDATE person SET external_id = v.ext
        FROM unnest(${batch.map((b) => b.id)}::uuid[], ${batch.map((b) => b.externalId)}::text[]) AS v(id, ext)
        WHERE person.id = v.id`.execute(trx);
    });
  }
  const latestOf = (ext: string) => {
    const lines = plan.rightsByPerson.get(ext);
    if (!lines?.length) return { open: false, subject: false };
    const last = lines.reduce((a, b) => (b.date > a.date ? b : a));
    return { open: last.status === 'open', subject: last.subjectToDuties };
  };
  const newPersons = new Set<string>();
  const adoptedPersonIds = new Set(plan.adoptedPersons.map((a) => a.externalId));
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
  await inBatches(plan.persons, async (batch) => {
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
        const latest = latestOf(p.id);
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
          rights_open: latest.open,
          subject_to_duties: latest.subject,
        };
      }),
      // Rights flags are set below for persons already known (another source may own them).
      // The identity was checked (resolve.ts): only a matching person is refreshed here, and a
      // file without a NIR never erases the one Parcours holds.
      `ON CONFLICT (department_code, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
         ${identity.map((c) => `${c} = ${incoming(c)}`).join(', ')}, updated_at = now(), version = person.version + 1
       WHERE (${identity.map((c) => `person.${c}`).join(', ')}) IS DISTINCT FROM (${identity.map(incoming).join(', ')})
       RETURNING id, external_id, (xmax = 0) AS inserted`,
    );
    for (const r of rows) {
      personIds.set(r.external_id, r.id);
      if (r.inserted) {
        counts.person.created++;
        newPersons.add(r.external_id);
      } else if (!adoptedPersonIds.has(r.external_id)) counts.person.updated++;
    }
  });
  // An adopted person changed at least by receiving the file's id.
  counts.person.updated += adoptedPersonIds.size;
  counts.person.unchanged = plan.persons.length - counts.person.created - counts.person.updated;
  const personId = (ext: string) => personIds.get(ext) as string;
  const existing = [...plan.touchedPersons].filter((ext) => !newPersons.has(ext));
  const existingIds = existing.map(personId);

  // ---- Replace the history rows of persons already known -----------------------------------------
  await inBatches(existingIds, async (ids) => {
    counts.rights.replaced += affected(
      await trx
        .deleteFrom('rights_period')
        .where('person_id', 'in', ids)
        .where('source', '=', SOURCE)
        .executeTakeFirst(),
    );
    // The read model points at the orientations replaced here: released first, recomputed from the
    // facts below. An imported row that Parcours has built on since (a later decision, a message,
    // an agenda booking, an agent's change: version > 1) is Parcours's now and stays.
    await sql`UPDATE entry_spell SET orientation_id = NULL, oriented_on = NULL, orientation_pathway = NULL,
        orientation_programme = NULL
      WHERE person_id = ANY(${ids}::uuid[]) AND orientation_id IS NOT NULL`.execute(trx);
    counts.orientation.replaced += affected(
      await sql`DELETE FROM orientation o WHERE o.person_id = ANY(${ids}::uuid[]) AND o.source = ${SOURCE}
        AND o.version = 1
        AND NOT EXISTS (SELECT 1 FROM orientation n WHERE n.previous_orientation_id = o.id)
        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.orientation_id = o.id)`.execute(trx),
    );
    counts.referentAssignment.replaced += affected(
      await trx
        .deleteFrom('referent_assignment')
        .where('person_id', 'in', ids)
        .where('source', '=', SOURCE)
        .executeTakeFirst(),
    );
    counts.appointment.replaced += affected(
      await sql`DELETE FROM appointment a WHERE a.person_id = ANY(${ids}::uuid[]) AND a.source = ${SOURCE}
        AND a.version = 1 AND a.slot_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM appointment r WHERE r.rescheduled_from_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.appointment_id = a.id)`.execute(trx),
    );
    counts.contract.replaced += affected(
      await trx
        .deleteFrom('engagement_contract')
        .where('person_id', 'in', ids)
        .where('source', '=', SOURCE)
        .where('version', '=', 1)
        .executeTakeFirst(),
    );
    await trx
      .deleteFrom('timeline_event')
      .where('person_id', 'in', ids)
      .where('source', '=', SOURCE)
      .execute();
  });

  // ---- Household membership ----------------------------------------------------------------------
  const memberships = plan.persons.map((p) => {
    const dates = (plan.rightsByPerson.get(p.id) ?? []).map((r) => r.date).sort();
    return {
      personId: personId(p.id),
      householdId: householdIds.get(p.householdNumber) as string,
      role: p.role,
      from: dates[0] ?? today,
      isNew: newPersons.has(p.id),
    };
  });
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

  // ---- Timeline, rights, entry spells ------------------------------------------------------------
  const timeline = new RowBuffer<Insertable<Database['timeline_event']>>((rows) =>
    bulkInsert(
      trx,
      'timeline_event',
      {
        department_code: 'text',
        person_id: 'uuid',
        occurred_on: 'date',
        type: 'text',
        data: 'jsonb',
        source: 'text',
      },
      rows,
    ),
  );
  const event = (ext: string, occurredOn: string, type: string, data: Record<string, unknown>) =>
    timeline.add({
      department_code: dep,
      person_id: personId(ext),
      occurred_on: occurredOn,
      type,
      data: JSON.stringify(data),
      source: SOURCE,
    });

  const periods = new RowBuffer<Insertable<Database['rights_period']>>((rows) =>
    bulkInsert(
      trx,
      'rights_period',
      {
        department_code: 'text',
        person_id: 'uuid',
        household_id: 'uuid',
        rights_status: 'text',
        rights_open: 'bool',
        subject_to_duties: 'bool',
        valid_from: 'date',
        valid_to: 'date',
        source: 'text',
      },
      rows,
    ),
  );
  // A CAF flux may have recorded the same entry: it stays (another source), this one is skipped.
  const spells = new RowBuffer<Insertable<Database['entry_spell']>>((rows) =>
    bulkInsert(
      trx,
      'entry_spell',
      { department_code: 'text', person_id: 'uuid', entry_date: 'date', source: 'text' },
      rows,
      'ON CONFLICT (person_id, entry_date) DO NOTHING',
    ),
  );
  const householdOf = new Map(plan.persons.map((p) => [p.id, householdIds.get(p.householdNumber) as string]));
  const entriesOfExisting: { personId: string; entries: string[] }[] = [];
  const stateOfExisting: { personId: string; open: boolean; subject: boolean }[] = [];
  for (const ext of plan.touchedPersons) {
    const lines = plan.rightsByPerson.get(ext) ?? [];
    const derived = deriveRights(
      lines.map((l) => ({ date: l.date, open: l.status === 'open', subjectToDuties: l.subjectToDuties })),
      plan.otherSourceRights.get(ext) ?? null,
    );
    const id = personId(ext);
    for (const p of derived.periods) {
      await periods.add({
        department_code: dep,
        person_id: id,
        household_id: householdOf.get(ext) ?? null,
        rights_status: p.rightsStatus,
        rights_open: p.open,
        subject_to_duties: p.subjectToDuties,
        valid_from: p.validFrom,
        valid_to: p.validTo,
        source: SOURCE,
      });
      await event(ext, p.validFrom, 'rights_change', {
        status: p.open ? 'open' : 'closed',
        subjectToDuties: p.subjectToDuties,
      });
    }
    for (const date of derived.entries) {
      await spells.add({ department_code: dep, person_id: id, entry_date: date, source: SOURCE });
      await event(ext, date, 'entry', {});
    }
    if (!newPersons.has(ext)) {
      entriesOfExisting.push({ personId: id, entries: derived.entries });
      stateOfExisting.push({
        personId: id,
        open: derived.latest?.open ?? false,
        subject: derived.latest?.subjectToDuties ?? false,
      });
    }
  }

  // Entry spells are kept when still in the file (other records may point at them), the others go.
  let keptSpells = 0;
  await inBatches(entriesOfExisting, async (batch) => {
    const pairs = batch.flatMap((b) => b.entries.map((d) => ({ p: b.personId, d })));
    const ids = batch.map((b) => b.personId);
    await sql`
      DELETE FROM entry_spell e
      WHERE e.source = ${SOURCE} AND e.person_id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM ft_registration f WHERE f.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM orientation o WHERE o.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM diagnosis d WHERE d.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.entry_spell_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((x) => x.p)}::uuid[], ${pairs.map((x) => x.d)}::date[]) AS v(p, d)
          WHERE v.p = e.person_id AND v.d = e.entry_date)`.execute(trx);
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM entry_spell e
      WHERE e.source = ${SOURCE} AND e.person_id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM unnest(${pairs.map((x) => x.p)}::uuid[], ${pairs.map((x) => x.d)}::date[]) AS v(p, d)
          WHERE v.p = e.person_id AND v.d = e.entry_date)`.execute(trx);
    keptSpells += left.rows[0]?.n ?? 0;
  });
  if (keptSpells) {
    warnings.push(
      `${keptSpells} entrée(s) absente(s) du fichier conservée(s) : une inscription France Travail, un diagnostic, un rendez-vous ou une orientation enregistrés dans Parcours y sont rattachés.`,
    );
  }
  await periods.flush();
  await spells.flush();

  // A person's current rights follow the file, unless another source (CAF flux) now tracks them.
  await inBatches(stateOfExisting, async (batch) => {
    await sql`
      UPDATE person p SET rights_open = v.o, subject_to_duties = v.s, updated_at = now()
      FROM unnest(${batch.map((b) => b.personId)}::uuid[], ${batch.map((b) => b.open)}::bool[], ${batch.map((b) => b.subject)}::bool[]) AS v(id, o, s)
      WHERE p.id = v.id AND (p.rights_open, p.subject_to_duties) IS DISTINCT FROM (v.o, v.s)
        AND NOT EXISTS (SELECT 1 FROM rights_period r WHERE r.person_id = p.id AND r.source <> ${SOURCE})`.execute(
      trx,
    );
  });
  counts.rights.created = periods.total;

  // ---- Facts of the pathway ----------------------------------------------------------------------
  let orientationsCreated = 0;
  await inBatches(plan.orientations, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'orientation',
      {
        department_code: 'text',
        person_id: 'uuid',
        notified_on: 'date',
        pathway: 'text',
        structure_id: 'uuid',
        programme: 'text',
        source: 'text',
      },
      batch.map((o) => ({
        department_code: dep,
        person_id: personId(o.personId),
        notified_on: o.date,
        pathway: o.pathway,
        structure_id: structureIds.get(o.bodyId) as string,
        programme: o.programme,
        source: SOURCE,
      })),
      keptSuffix(
        'orientation',
        ['department_code', 'person_id', 'notified_on', 'pathway', 'structure_id', 'programme', 'source'],
        ['notified_on', 'pathway'],
      ),
    );
    orientationsCreated += rows.length;
    for (const o of batch)
      await event(o.personId, o.date, 'orientation', {
        pathway: o.pathway,
        structureId: structureIds.get(o.bodyId) ?? null,
        programme: o.programme,
      });
  });
  counts.orientation.created = orientationsCreated;
  counts.orientation.unchanged = plan.orientations.length - orientationsCreated;
  // Entry-spell read model (initial orientation), in this transaction, from the facts.
  await inBatches([...plan.touchedPersons].map(personId), async (ids) => {
    await refreshOrientationReadModel(trx, dep, ids);
  });

  await inBatches(plan.assignments, async (batch) => {
    await bulkInsert(
      trx,
      'referent_assignment',
      {
        department_code: 'text',
        person_id: 'uuid',
        referent_id: 'uuid',
        from_date: 'date',
        to_date: 'date',
        source: 'text',
      },
      batch.map((a) => ({
        department_code: dep,
        person_id: personId(a.personId),
        referent_id: referentIds.get(a.referentId) as string,
        from_date: a.from,
        to_date: a.to,
        source: SOURCE,
      })),
    );
    for (const a of batch) {
      // Ids, not names: the person file shows the référent's name as it is when read.
      await event(a.personId, a.from, 'referent_assignment', {
        referentId: referentIds.get(a.referentId) ?? null,
        to: a.to,
      });
    }
  });
  counts.referentAssignment.created = plan.assignments.length;

  let appointmentsCreated = 0;
  await inBatches(plan.appointments, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'appointment',
      {
        department_code: 'text',
        person_id: 'uuid',
        on_date: 'date',
        structure_id: 'uuid',
        purpose: 'text',
        status: 'text',
        source: 'text',
      },
      batch.map((a) => ({
        department_code: dep,
        person_id: personId(a.personId),
        on_date: a.date,
        structure_id: structureIds.get(a.bodyId) as string,
        purpose: a.purpose,
        status: a.status,
        source: SOURCE,
      })),
      keptSuffix(
        'appointment',
        ['department_code', 'person_id', 'on_date', 'structure_id', 'purpose', 'status', 'source'],
        ['on_date', 'purpose'],
      ),
    );
    appointmentsCreated += rows.length;
    for (const a of batch)
      await event(a.personId, a.date, 'appointment', {
        purpose: a.purpose,
        status: a.status,
        structureId: structureIds.get(a.bodyId) ?? null,
      });
  });
  counts.appointment.created = appointmentsCreated;
  counts.appointment.unchanged = plan.appointments.length - appointmentsCreated;

  let contractsCreated = 0;
  await inBatches(plan.contracts, async (batch) => {
    const rows = await bulkInsert(
      trx,
      'engagement_contract',
      {
        department_code: 'text',
        person_id: 'uuid',
        signed_on: 'date',
        start_date: 'date',
        end_date: 'date',
        weekly_hours: 'numeric',
        hours_regime: 'text',
        source: 'text',
      },
      batch.map((k) => ({
        department_code: dep,
        person_id: personId(k.personId),
        signed_on: k.signedOn,
        start_date: k.start,
        end_date: k.end,
        weekly_hours: k.weeklyHours,
        hours_regime: k.hoursRegime,
        source: SOURCE,
      })),
      keptSuffix(
        'engagement_contract',
        [
          'department_code',
          'person_id',
          'signed_on',
          'start_date',
          'end_date',
          'weekly_hours',
          'hours_regime',
          'source',
        ],
        ['start_date'],
      ),
    );
    contractsCreated += rows.length;
    for (const k of batch)
      await event(k.personId, k.signedOn, 'contract', {
        start: k.start,
        end: k.end,
        weeklyHours: k.weeklyHours,
        hoursRegime: k.hoursRegime,
      });
  });
  counts.contract.created = contractsCreated;
  counts.contract.unchanged = plan.contracts.length - contractsCreated;
  await timeline.flush();

  return {
    derived: {
      householdsCreated,
      householdsUpdated,
      rightsPeriods: periods.total,
      entrySpells: spells.total,
      timelineEvents: timeline.total,
    },
    warnings,
  };
}
