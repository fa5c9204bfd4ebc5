import type { CoordinateField } from '@parcours/contracts';
import {
  type AddressValue,
  type ContactValue,
  decideFluxValue,
  describeGroupValue,
  type GroupValue,
} from '../domain/coordinates';
import { addressChanges, contactChanges } from '../domain/rectifications';
import {
  dropSource,
  householdPersons,
  insertRectifications,
  type RectificationRow,
  readHouseholdCoordinates,
} from '../infra/coordinates-repo';
import { insertTimelineRows } from '../infra/timeline-rows';
import { type ApplyContext, fluxEvent } from './apply-flux-context';
import { contactOf, groupValue } from './coordinates';

/** A stored value in a conflict: what to write back, and its French text. */
const stored = (field: CoordinateField, value: GroupValue) =>
  JSON.stringify({ value, text: describeGroupValue(field, value) });

/**
 * Before a CAF flux writes a group of coordinates (phone, e-mail, address) of known households:
 * the groups entered on the file are not overwritten silently (issue 10, see decideFluxValue).
 * Answers the households whose incoming value must not be written, with their current value.
 * Replacements are logged as rectifications of source flux; disagreements become conflicts shown
 * on the file and on the timeline of the household's persons, and are counted in the report.
 */
export async function guardEnteredCoordinates(
  c: ApplyContext,
  field: CoordinateField,
  items: { householdId: string; incoming: GroupValue }[],
): Promise<Map<string, GroupValue>> {
  const blocked = new Map<string, GroupValue>();
  const ids = [...new Set(items.map((i) => i.householdId))];
  if (ids.length === 0) return blocked;
  const { trx, departmentCode, date, runId } = c;
  const sources = await trx
    .selectFrom('coordinate_source')
    .selectAll()
    .where('field', '=', field)
    .where('household_id', 'in', ids)
    .execute();
  if (sources.length === 0) return blocked;
  const byHousehold = new Map(sources.map((s) => [s.household_id, s]));
  const rectifications: RectificationRow[] = [];
  const disputed: { householdId: string; outcome: 'kept' | 'replaced' }[] = [];
  for (const { householdId, incoming } of items) {
    const source = byHousehold.get(householdId);
    if (!source || blocked.has(householdId)) continue;
    const now = (await readHouseholdCoordinates(trx, departmentCode, householdId))!;
    const current = groupValue(now, field);
    const decision = decideFluxValue(field, {
      incoming,
      current,
      entered: { factOn: source.fact_on, cafValue: (source.caf_value as GroupValue | null) ?? null },
      fluxOn: date,
    });
    if (decision === 'apply') continue;
    if (decision !== 'replace') blocked.set(householdId, current);
    // What the CAF says now: restating it later is no news.
    if (decision !== 'replace' && decision !== 'keep')
      await trx
        .updateTable('coordinate_source')
        .set({ caf_value: JSON.stringify(incoming) })
        .where('household_id', '=', householdId)
        .where('field', '=', field)
        .execute();
    if (decision !== 'replace' && decision !== 'conflict') continue;
    const outcome = decision === 'replace' ? 'replaced' : 'kept';
    disputed.push({ householdId, outcome });
    const entered =
      field === 'address'
        ? current
        : {
            ...(current as ContactValue),
            consentOn: contactOf(now, field)?.consent_on ?? null,
            consentSource: contactOf(now, field)?.consent_source ?? null,
          };
    await trx
      .updateTable('coordinate_conflict')
      .set((eb) => ({ status: 'superseded', version: eb('version', '+', 1) }))
      .where('household_id', '=', householdId)
      .where('field', '=', field)
      .where('status', '=', 'open')
      .execute();
    await trx
      .insertInto('coordinate_conflict')
      .values({
        department_code: departmentCode,
        household_id: householdId,
        field,
        outcome,
        flux_run_id: runId,
        flux_on: date,
        flux_value: stored(field, incoming),
        entered_value: stored(field, entered),
        entered_source: source.source,
        entered_on: source.fact_on,
        entered_by: source.account_id,
      })
      .execute();
    if (decision === 'replace') {
      await dropSource(trx, householdId, field);
      const changes =
        field === 'address'
          ? addressChanges(current as AddressValue, incoming as AddressValue)
          : contactChanges(
              field,
              { ...(current as ContactValue), consentOn: contactOf(now, field)?.consent_on ?? null },
              { ...(incoming as ContactValue), consentOn: (incoming as ContactValue).consent ? date : null },
            );
      for (const ch of changes)
        rectifications.push({
          department_code: departmentCode,
          household_id: householdId,
          person_id: null,
          field: ch.field,
          old_value: ch.old,
          new_value: ch.new,
          source: 'flux',
          account_id: null,
          flux_run_id: runId,
        });
    }
  }
  await insertRectifications(trx, rectifications);
  if (disputed.length) {
    c.stats.coordinateConflicts += disputed.length;
    const outcomeOf = new Map(disputed.map((d) => [d.householdId, d.outcome]));
    const persons = await householdPersons(
      trx,
      disputed.map((d) => d.householdId),
    );
    await insertTimelineRows(
      trx,
      persons.map((p) =>
        fluxEvent(c, p.id, 'coordinates_conflict', { field, outcome: outcomeOf.get(p.household_id!) }),
      ),
    );
  }
  return blocked;
}
