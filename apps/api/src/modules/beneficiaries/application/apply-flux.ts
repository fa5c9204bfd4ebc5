import { sql } from 'kysely';
import type { FluxHousehold } from '../domain/flux';
import { isEntry, type RightsState, rightsState, sameRights } from '../domain/rights';
import { insertTimelineRows } from '../infra/timeline-rows';
import { type ApplyContext, fluxEvent, hashOf, MAX_ANOMALIES, type TimelineRow } from './apply-flux-context';
import { checkComposition, upsertHouseholds } from './apply-flux-households';
import { matchPersons, personRow } from './apply-flux-persons';
import { writeBatchChanges } from './apply-flux-writes';

export { applyContactBatch } from './apply-flux-contacts';
export { type ApplyStats, emptyStats, type IdentityConflict } from './apply-flux-context';

/** Applies one batch of households of a beneficiaries flux (VRSB), set-based. */
export async function applyHouseholdBatch(c: ApplyContext, all: FluxHousehold[]) {
  const { trx, date, stats } = c;
  const batch: FluxHousehold[] = [];
  for (const h of all) {
    const error = checkComposition(h);
    if (error) stats.errors.push(error);
    else batch.push(h);
  }
  if (batch.length === 0) return;
  for (const h of batch) {
    for (const text of h.anomalies) {
      if (stats.anomalies.length < MAX_ANOMALIES) stats.anomalies.push({ claimNumber: h.claimNumber, text });
    }
  }

  // 1. Households: match by organism + claim number.
  const { householdIds, knownHouseholds } = await upsertHouseholds(c, batch);

  // 2. Persons: by NIR when known, else by household + birth name + first name + birth date + rank.
  const { resolved, suspects } = await matchPersons(c, batch, householdIds);

  // Persons created by this batch have no rights, household or membership yet: nothing to read.
  const knownIds = resolved.filter((r) => !r.isNew).map((r) => r.personId);
  const current =
    knownIds.length === 0
      ? []
      : await trx
          .selectFrom('person as p')
          .leftJoin('rights_period as r', (j) =>
            j.onRef('r.person_id', '=', 'p.id').on('r.valid_to', 'is', null),
          )
          .select([
            'p.id',
            'p.content_hash',
            'p.household_id',
            'p.household_role',
            'r.id as period_id',
            'r.rights_status',
            'r.subject_to_duties',
            'r.valid_from',
          ])
          .where('p.id', 'in', knownIds)
          .execute();
  const currentById = new Map(current.map((r) => [r.id, r]));

  // The composition follows the CAF's latest statement: the members of a known household that
  // the file no longer lists leave it (membership closed, history kept). A forced older file
  // does not remove someone who joined after its date.
  const stated = new Set(resolved.map((r) => r.personId));
  const leaving =
    knownHouseholds.length === 0
      ? []
      : (
          await sql<{ id: string; household_id: string }>`
            SELECT p.id, p.household_id FROM person p
            WHERE p.household_id = ANY(${knownHouseholds}::uuid[])
              AND NOT EXISTS (SELECT 1 FROM household_member m WHERE m.person_id = p.id
                AND m.household_id = p.household_id AND m.to_date IS NULL AND m.from_date > ${date}::date)`.execute(
            trx,
          )
        ).rows.filter((r) => !stated.has(r.id));
  const claimOf = new Map(batch.map((h) => [householdIds.get(h)!, h.claimNumber]));

  const newPersons: Record<string, unknown>[] = [];
  const personUpdates: Record<string, unknown>[] = [];
  const closePeriods: string[] = [];
  const newPeriods: Record<string, unknown>[] = [];
  const entries: { person_id: string; name: string }[] = [];
  const memberships: { household_id: string; person_id: string; role: string }[] = [];
  let membershipsOfKnown = false;
  const timeline: TimelineRow[] = [];
  const seen = new Set<string>();
  for (const { m, personId, isNew, keepNir } of resolved) {
    if (seen.has(personId)) continue; // the same person twice in one batch: first wins
    seen.add(personId);
    const row = { ...personRow(m.p), nir: keepNir ? m.p.nir : null };
    const contentHash = hashOf({ ...row, household: m.householdId, role: m.p.role });
    const before = currentById.get(personId);
    const next: RightsState = rightsState(m.h.rightsStatus, m.p.subjectToDuties);
    const previous: RightsState | null =
      before?.rights_status != null
        ? rightsState(before.rights_status, before.subject_to_duties ?? false)
        : null;
    // A forced older file never rewrites history that is already later than it.
    const rightsChange = !sameRights(previous, next) && !(before?.valid_from && before.valid_from > c.date);
    if (isNew) {
      newPersons.push({
        id: personId,
        ...row,
        household_id: m.householdId,
        household_role: m.p.role,
        rights_open: next.open,
        subject_to_duties: next.subjectToDuties,
        content_hash: contentHash,
      });
      stats.persons.created++;
    } else if (before?.content_hash !== contentHash || rightsChange) {
      personUpdates.push({
        id: personId,
        ...row,
        nir: row.nir,
        household_id: m.householdId,
        household_role: m.p.role,
        rights_open: rightsChange ? next.open : null,
        subject_to_duties: rightsChange ? next.subjectToDuties : null,
        content_hash: contentHash,
      });
      stats.persons.updated++;
    } else {
      stats.persons.unchanged++;
    }
    if (isNew || before?.household_id !== m.householdId || before?.household_role !== m.p.role) {
      memberships.push({ household_id: m.householdId, person_id: personId, role: m.p.role });
      if (!isNew) membershipsOfKnown = true;
      // Left a household earlier in this file, or still in another one: moved, with history.
      const leftEarlier = !isNew && !before?.household_id && c.leavers.has(personId);
      if (leftEarlier) c.leavers.delete(personId);
      if (leftEarlier || (!isNew && before?.household_id && before.household_id !== m.householdId)) {
        stats.members.moved++;
        timeline.push(fluxEvent(c, personId, 'household_change', { claimNumber: m.h.claimNumber }));
      } else if (before?.household_id !== m.householdId) {
        stats.members.joined++;
      }
    }
    if (rightsChange) {
      if (before?.period_id) closePeriods.push(before.period_id);
      newPeriods.push({
        person_id: personId,
        household_id: m.householdId,
        rights_status: next.status,
        rights_open: next.open,
        subject_to_duties: next.subjectToDuties,
      });
      timeline.push(
        fluxEvent(c, personId, 'rights_change', {
          status: next.status,
          open: next.open,
          subjectToDuties: next.subjectToDuties,
        }),
      );
      if (isEntry(previous, next)) {
        entries.push({ person_id: personId, name: `${m.p.firstName} ${m.p.usualName ?? m.p.birthName}` });
      }
    }
  }

  await writeBatchChanges(c, {
    newPersons,
    personUpdates,
    leaving,
    claimOf,
    memberships,
    membershipsOfKnown,
    closePeriods,
    newPeriods,
    entries,
    timeline,
    suspects,
  });
}

/**
 * End of a beneficiaries file: the persons who left a household and joined none are no longer in
 * any CAF household; their current rights end at the file's date (history kept).
 */
export async function finishComposition(c: ApplyContext) {
  const { trx, date, stats } = c;
  stats.members.left = c.leavers.size;
  if (c.leavers.size === 0) return;
  const rows = JSON.stringify(
    [...c.leavers].map(([person_id, claim_number]) => ({ person_id, claim_number })),
  );
  await sql`
    UPDATE rights_period r SET valid_to = ${date}::date
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, claim_number text)
    WHERE r.person_id = x.person_id AND r.valid_to IS NULL AND r.valid_from <= ${date}::date`.execute(trx);
  await sql`
    UPDATE person p SET rights_open = false, subject_to_duties = false
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(person_id uuid, claim_number text)
    WHERE p.id = x.person_id AND p.household_id IS NULL`.execute(trx);
  await insertTimelineRows(
    trx,
    [...c.leavers].map(([personId, claimNumber]) =>
      fluxEvent(c, personId, 'household_left', { claimNumber }),
    ),
  );
}
