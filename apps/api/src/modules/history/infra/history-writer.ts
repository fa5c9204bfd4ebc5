import type { Insertable, Kysely } from 'kysely';
import { bulkInsert, inBatches, RowBuffer } from '../../../platform/db/bulk';
import type { Database } from '../../../platform/db/schema';
import {
  deleteHistoryAccompaniment,
  insertHistoryAppointments,
  insertHistoryAssignments,
  insertHistoryContracts,
  refreshAccompanimentReadModel,
  upsertHistoryReferents,
} from '../../accompaniment';
import {
  deleteHistoryRights,
  HistoryRightsWriter,
  upsertHistoryHouseholds,
  upsertHistoryPersons,
  writeHistoryMemberships,
} from '../../beneficiaries';
import {
  deleteHistoryOrientations,
  insertHistoryOrientations,
  refreshOrientationReadModel,
} from '../../orientation';
import { upsertHistoryHubs, upsertHistoryStructures } from '../../territory';
import { structureKindOfBodyType } from '../domain/lines';
import type { Plan } from '../domain/plan';
import type { HistoryReport } from '../domain/report';
import { deriveRights } from '../domain/rights';
import type { Snapshot } from './history-repo';

type Q = Kysely<Database>;
const SOURCE = 'history';

export interface WriteOutcome {
  derived: HistoryReport['derived'];
  warnings: string[];
}

/**
 * Writes a checked plan inside the caller's transaction, kind after kind, each context writing its
 * own tables through its facade. Entities are upserted by external id; the history rows (source
 * 'history') of every person the file speaks about are replaced by the file's; rows of any other
 * source are never touched. The timeline rows are built by each context (its declared events) and
 * written here together, by batches.
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

  // ---- Territory: hubs and their communes, bodies (structures) ---------------------------------
  const hubs = await upsertHistoryHubs(
    trx,
    dep,
    plan.hubs,
    new Map([...snap.hubs].map(([code, h]) => [code, h.id])),
  );
  counts.hub.created += hubs.created;
  counts.hub.updated = hubs.updated;
  counts.hub.unchanged = plan.hubs.length - counts.hub.created - counts.hub.updated;

  const structures = await upsertHistoryStructures(
    trx,
    dep,
    plan.bodies.map((b) => ({
      id: b.id,
      kind: structureKindOfBodyType[b.type],
      name: b.name,
      hubId: hubs.ids.get(b.hub) ?? null,
    })),
    plan.adoptedStructures,
    new Map([...snap.structuresByExternalId].map(([ext, s]) => [ext, s.id])),
  );
  counts.body.created += structures.created;
  counts.body.updated += structures.updated;
  counts.body.unchanged = plan.bodies.length - counts.body.created - counts.body.updated;
  const structureId = (bodyId: string) => structures.ids.get(bodyId);

  // ---- Referents -----------------------------------------------------------------------------------
  const referents = await upsertHistoryReferents(
    trx,
    dep,
    plan.referents,
    new Map([...snap.referentsByExternalId].map(([ext, r]) => [ext, r.id])),
    (bodyId) => structureId(bodyId) as string,
  );
  counts.referent.created += referents.created;
  counts.referent.updated += referents.updated;
  counts.referent.unchanged = plan.referents.length - counts.referent.created - counts.referent.updated;

  // ---- Households and persons ----------------------------------------------------------------------
  const households = await upsertHistoryHouseholds(trx, dep, plan.persons, snap.communes);
  const householdIds = households.ids;
  const latestOf = (ext: string) => {
    const lines = plan.rightsByPerson.get(ext);
    if (!lines?.length) return { open: false, subject: false };
    const last = lines.reduce((a, b) => (b.date > a.date ? b : a));
    return { open: last.status === 'open', subject: last.subjectToDuties };
  };
  // Rights flags are set below for persons already known (another source may own them).
  const persons = await upsertHistoryPersons(
    trx,
    dep,
    plan.persons,
    plan.adoptedPersons,
    plan.existingPersons,
    householdIds,
    latestOf,
  );
  const newPersons = persons.created;
  counts.person.created += newPersons.size;
  counts.person.updated += persons.updated;
  counts.person.unchanged = plan.persons.length - counts.person.created - counts.person.updated;
  const personId = (ext: string) => persons.ids.get(ext) as string;
  const existing = [...plan.touchedPersons].filter((ext) => !newPersons.has(ext));
  const existingIds = existing.map(personId);

  // ---- Replace the history rows of persons already known -----------------------------------------
  await inBatches(existingIds, async (ids) => {
    counts.rights.replaced += await deleteHistoryRights(trx, ids);
    counts.orientation.replaced += await deleteHistoryOrientations(trx, ids);
    const accompaniment = await deleteHistoryAccompaniment(trx, ids);
    counts.referentAssignment.replaced += accompaniment.assignments;
    counts.appointment.replaced += accompaniment.appointments;
    counts.contract.replaced += accompaniment.contracts;
    // Every timeline row of source 'history' is this import's own: the file writes them again.
    await trx
      .deleteFrom('timeline_event')
      .where('person_id', 'in', ids)
      .where('source', '=', SOURCE)
      .execute();
  });

  // ---- Household membership ----------------------------------------------------------------------
  await writeHistoryMemberships(
    trx,
    dep,
    plan.persons.map((p) => {
      const dates = (plan.rightsByPerson.get(p.id) ?? []).map((r) => r.date).sort();
      return {
        personId: personId(p.id),
        householdId: householdIds.get(p.householdNumber) as string,
        role: p.role,
        from: dates[0] ?? today,
        isNew: newPersons.has(p.id),
      };
    }),
  );

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
  const toTimeline = (row: Insertable<Database['timeline_event']>) => timeline.add(row);

  const rights = new HistoryRightsWriter(trx, dep, toTimeline);
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
    await rights.add(id, householdOf.get(ext) ?? null, derived);
    if (!newPersons.has(ext)) {
      entriesOfExisting.push({ personId: id, entries: derived.entries });
      stateOfExisting.push({
        personId: id,
        open: derived.latest?.open ?? false,
        subject: derived.latest?.subjectToDuties ?? false,
      });
    }
  }
  const keptSpells = await rights.removeStaleEntries(entriesOfExisting);
  if (keptSpells) {
    warnings.push(
      `${keptSpells} entrée(s) absente(s) du fichier conservée(s) : une inscription France Travail, un diagnostic, un rendez-vous ou une orientation enregistrés dans Parcours y sont rattachés.`,
    );
  }
  await rights.flush();
  await rights.updateCurrentRights(stateOfExisting);
  counts.rights.created = rights.periodsTotal;

  // ---- Facts of the pathway ----------------------------------------------------------------------
  const refs = { personId, structureId, referentId: (ext: string) => referents.ids.get(ext) };
  const orientationsCreated = await insertHistoryOrientations(trx, dep, plan.orientations, refs, toTimeline);
  counts.orientation.created = orientationsCreated;
  counts.orientation.unchanged = plan.orientations.length - orientationsCreated;
  // Entry-spell read model (initial orientation), in this transaction, from the facts.
  await inBatches([...plan.touchedPersons].map(personId), async (ids) => {
    await refreshOrientationReadModel(trx, dep, ids);
  });

  await insertHistoryAssignments(trx, dep, plan.assignments, refs, toTimeline);
  counts.referentAssignment.created = plan.assignments.length;

  const appointmentsCreated = await insertHistoryAppointments(trx, dep, plan.appointments, refs, toTimeline);
  counts.appointment.created = appointmentsCreated;
  counts.appointment.unchanged = plan.appointments.length - appointmentsCreated;

  const contractsCreated = await insertHistoryContracts(trx, dep, plan.contracts, refs, toTimeline);
  counts.contract.created = contractsCreated;
  counts.contract.unchanged = plan.contracts.length - contractsCreated;
  // Entry-spell read model (first accompaniment appointment, first contract), after the orientation's.
  await inBatches([...plan.touchedPersons].map(personId), async (ids) => {
    await refreshAccompanimentReadModel(trx, dep, ids);
  });
  await timeline.flush();

  return {
    derived: {
      householdsCreated: households.created,
      householdsUpdated: households.updated,
      rightsPeriods: rights.periodsTotal,
      entrySpells: rights.spellsTotal,
      timelineEvents: timeline.total,
    },
    warnings,
  };
}
