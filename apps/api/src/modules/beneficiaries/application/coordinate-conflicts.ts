import type { CoordinateField, Coordinates } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { notFound, versionConflict } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import type { AddressValue, ContactValue, GroupValue } from '../domain/coordinates';
import { addressChanges, contactChanges } from '../domain/rectifications';
import { beneficiaryEvents } from '../domain/timeline-events';
import {
  bumpHousehold,
  dropSource,
  insertRectifications,
  readHouseholdCoordinates,
  setSource,
  writeAddress,
  writeContact,
} from '../infra/coordinates-repo';
import { contactOf, coordinatesView } from './coordinates';
import { requirePerson } from './person-gate';

type StoredContact = ContactValue & { consentOn?: string | null; consentSource?: string | null };

/**
 * An agent settles a flux conflict: the CAF's value or the value entered on the file. The value
 * taken is written (a rectification), the group's provenance follows it, audited and on the timeline.
 */
export async function decideCoordinateConflict(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  conflictId: string,
  input: { keep: 'flux' | 'entered'; version: number },
  request: RequestInfo,
): Promise<Coordinates> {
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  const householdId = person.householdId;
  if (!householdId) throw notFound('Conflit');
  const today = parisToday();
  await unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const conflict = await trx
      .selectFrom('coordinate_conflict')
      .selectAll()
      .where('id', '=', conflictId)
      .where('household_id', '=', householdId)
      .where('department_code', '=', actor.departmentCode)
      .forUpdate()
      .executeTakeFirst();
    if (!conflict) throw notFound('Conflit');
    if (conflict.status !== 'open' || conflict.version !== input.version) throw versionConflict();
    const field = conflict.field as CoordinateField;
    const flux = (conflict.flux_value as { value: GroupValue }).value;
    const entered = (conflict.entered_value as { value: GroupValue }).value;
    const now = (await readHouseholdCoordinates(trx, actor.departmentCode, householdId))!;
    // kept + flux: write the CAF's value; replaced + entered: write the entered value back.
    const write =
      conflict.outcome === 'kept' && input.keep === 'flux'
        ? { value: flux, source: 'flux', consentOn: conflict.flux_on, consentSource: 'flux' }
        : conflict.outcome === 'replaced' && input.keep === 'entered'
          ? {
              value: entered,
              source: conflict.entered_source,
              consentOn: (entered as StoredContact).consentOn ?? null,
              consentSource: (entered as StoredContact).consentSource ?? null,
            }
          : null;
    if (write) {
      const changes =
        field === 'address'
          ? addressChanges(now.address, write.value as AddressValue)
          : contactChanges(
              field,
              {
                value: contactOf(now, field)?.value ?? null,
                consent: contactOf(now, field)?.consent ?? null,
                consentOn: contactOf(now, field)?.consent_on ?? null,
              },
              { ...(write.value as ContactValue), consentOn: write.consentOn },
            );
      if (field === 'address') await writeAddress(trx, householdId, write.value as AddressValue);
      else {
        const v = write.value as ContactValue;
        await writeContact(
          trx,
          actor.departmentCode,
          householdId,
          field,
          {
            value: v.value,
            consent: v.consent,
            consentOn: write.consentOn,
            consentSource: write.consentSource,
          },
          write.source,
        );
      }
      await insertRectifications(
        trx,
        changes.map((c) => ({
          department_code: actor.departmentCode,
          household_id: householdId,
          person_id: personId,
          field: c.field,
          old_value: c.old,
          new_value: c.new,
          source: write.source,
          account_id: actor.accountId,
          flux_run_id: write.source === 'flux' ? conflict.flux_run_id : null,
        })),
      );
      await bumpHousehold(trx, householdId, field === 'address');
    }
    if (input.keep === 'flux') await dropSource(trx, householdId, field);
    else
      await setSource(trx, {
        departmentCode: actor.departmentCode,
        householdId,
        field,
        source: conflict.entered_source,
        // Confirmed today: the CAF's value it was weighed against is known and set aside.
        factOn: today,
        accountId: actor.accountId,
        cafValue: flux,
      });
    await trx
      .updateTable('coordinate_conflict')
      .set((eb) => ({
        status: input.keep,
        decided_by: actor.accountId,
        decided_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', conflictId)
      .execute();
    await audit({
      action: 'person.coordinate_conflict_decided',
      personId,
      targetType: 'coordinate_conflict',
      targetId: conflictId,
      details: { field, keep: input.keep, outcome: conflict.outcome },
    });
    await timeline(beneficiaryEvents, {
      personId,
      occurredOn: today,
      type: 'coordinates_conflict_decided',
      data: { field, keep: input.keep },
    });
  });
  return coordinatesView(ctx.db, actor.departmentCode, householdId);
}
