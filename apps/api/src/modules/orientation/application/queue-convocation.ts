import { type BatchConvocationInput, type BatchConvocationResult, plural } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { bookAppointment } from '../../accompaniment';
import { personScope } from '../../beneficiaries';
import {
  channelsInTime,
  convocationDelayRuleOn,
  createConvocationMessages,
  createMessageBatch,
  earliestConvocation,
  type MessageChannel,
  reachableChannels,
} from '../../messaging';
import { assignSlots, freeIndividualSlots, frenchInstant, fullName, lateReason } from './convocation-plan';

const nobody = 'Personne n’a été convoqué.';

/**
 * Convenes a selection in one go: books each person (one chosen slot, or the next free individual
 * slots of the pôle from a chosen date and time) and prepares letter, e-mail and SMS — only the
 * channels that reach the person in time under the minimum delays in force. A person no channel
 * reaches in time for the chosen date stops the batch (`late: 'refuse'`, the default) or is moved
 * to the next free individual slot that is in time (`late: 'move'`); the answer says who and why.
 * All or nothing: a person who cannot be convened stops the batch with their name.
 */
export async function convokeBatch(
  ctx: AppContext,
  actor: RequestActor,
  input: BatchConvocationInput,
  request: { ip: string; id: string },
): Promise<BatchConvocationResult> {
  const now = new Date();
  const persons = await ctx.db
    .selectFrom('person as p')
    .leftJoin('household as h', 'h.id', 'p.household_id')
    .leftJoin('commune as c', 'c.insee_code', 'h.commune_code')
    .select((eb) => [
      'p.id',
      'p.first_name',
      'p.birth_name',
      'p.usual_name',
      'c.hub_id',
      eb
        .selectFrom('appointment as a')
        .select('a.starts_at')
        .whereRef('a.person_id', '=', 'p.id')
        .where('a.purpose', '=', 'orientation')
        .where('a.status', '=', 'planned')
        .orderBy('a.starts_at', 'desc')
        .limit(1)
        .as('planned_at'),
    ])
    .where('p.id', 'in', input.personIds)
    .where(personScope(actor))
    .execute();
  if (persons.length !== input.personIds.length) throw notFound('Personne de votre périmètre');
  const byId = new Map(persons.map((p) => [p.id, p]));
  const ordered = input.personIds.map((id) => byId.get(id) as (typeof persons)[number]);

  const reach = new Map<string, MessageChannel[]>();
  for (const p of ordered) reach.set(p.id, await reachableChannels(ctx.db, actor.departmentCode, p.id));
  const unreachable = ordered.filter((p) => reach.get(p.id)?.length === 0);
  if (unreachable.length > 0) {
    throw new DomainError(
      'unprocessable',
      'NO_CHANNEL',
      `Impossible de convoquer ${unreachable.map(fullName).join(', ')} : ni adresse postale ni e-mail ou téléphone portable utilisable avec son accord. Complétez le dossier ou retirez ${unreachable.length > 1 ? 'ces personnes' : 'cette personne'} de la sélection. ${nobody}`,
    );
  }
  const already = ordered.filter((p) => p.planned_at);
  if (already.length > 0) {
    throw new DomainError(
      'conflict',
      'CONFLICT',
      `${already.map(fullName).join(', ')} ${already.length > 1 ? 'ont' : 'a'} déjà un rendez-vous d’orientation prévu : reportez-le plutôt que de convoquer à nouveau. ${nobody}`,
    );
  }
  const rule = await convocationDelayRuleOn(ctx.db, actor.departmentCode);
  const earliest = new Map(
    ordered.map((p) => [p.id, earliestConvocation(reach.get(p.id) ?? [], now, rule) as Date]),
  );

  return unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    // The date the agent chose: the slot's start, or "not before" for the individual slots.
    let chosenAt: Date;
    if (input.slotId) {
      const slot = await trx
        .selectFrom('agenda_slot')
        .select('starts_at')
        .where('id', '=', input.slotId)
        .where('department_code', '=', actor.departmentCode)
        .executeTakeFirst();
      if (!slot) throw notFound('Créneau');
      chosenAt = new Date(slot.starts_at);
    } else {
      chosenAt = input.notBefore ? new Date(input.notBefore) : now;
    }
    // Without a chosen date, each person simply gets the first slot their fastest channel allows.
    const chosen = Boolean(input.slotId || input.notBefore);
    const late = chosen
      ? ordered.filter((p) => (earliest.get(p.id) as Date).getTime() > chosenAt.getTime())
      : [];
    const reasons = new Map(
      late.map((p) => [p.id, lateReason(reach.get(p.id) ?? [], now, earliest.get(p.id) as Date, rule)]),
    );
    if (late.length > 0 && (input.late ?? 'refuse') === 'refuse') {
      throw new DomainError(
        'unprocessable',
        'TOO_LATE',
        `${plural(late.length, 'personne ne peut', 'personnes ne peuvent')} pas être prévenue${late.length > 1 ? 's' : ''} à temps pour ${frenchInstant(chosenAt)} : ${late.map((p) => `${fullName(p)}, ${reasons.get(p.id)}`).join(' ; ')}. Choisissez une date plus lointaine ou acceptez de leur donner le prochain rendez-vous possible. ${nobody}`,
      );
    }

    // Who needs an individual slot, and from when: everyone without a chosen slot, and the moved.
    const lateIds = new Set(late.map((p) => p.id));
    const needSlot = ordered.filter((p) => !input.slotId || lateIds.has(p.id));
    const slotOf = new Map<string, string>();
    if (input.slotId) for (const p of ordered) if (!lateIds.has(p.id)) slotOf.set(p.id, input.slotId);
    if (needSlot.length > 0) {
      const hubId = actor.hubId ?? ordered[0]?.hub_id ?? null;
      if (!hubId)
        throw new DomainError('invalid', 'VALIDATION_ERROR', 'Le pôle de ces personnes est inconnu.');
      const wants = needSlot.map((p) => {
        const own = earliest.get(p.id) as Date;
        const from = input.slotId
          ? own
          : new Date(Math.max(own.getTime(), chosenAt.getTime(), now.getTime()));
        return { key: p.id, from };
      });
      const first = new Date(Math.min(...wants.map((w) => w.from.getTime())));
      const free = await freeIndividualSlots(trx, actor.departmentCode, hubId, first, needSlot.length + 500);
      const assigned = assignSlots(wants, free);
      const missing = needSlot.filter((p) => !assigned.get(p.id));
      if (missing.length > 0) {
        throw new DomainError(
          'conflict',
          'CONFLICT',
          `Il n’y a pas assez d’entretiens individuels libres à partir de la date possible pour ${missing.map(fullName).join(', ')} : ouvrez d’autres créneaux dans l’agenda. ${nobody}`,
        );
      }
      for (const p of needSlot) slotOf.set(p.id, assigned.get(p.id)!.id);
    }

    const batchId = await createMessageBatch(trx, actor, {
      kind: 'convocation',
      personCount: ordered.length,
    });
    const convocations: BatchConvocationResult['convocations'] = [];
    const moved: BatchConvocationResult['moved'] = [];
    for (const person of ordered) {
      try {
        const appointment = await bookAppointment(trx, actor, {
          personId: person.id,
          slotId: slotOf.get(person.id) as string,
        });
        const usable = reach.get(person.id) ?? [];
        const inTime = channelsInTime(usable, now, appointment.startsAt, rule);
        const { channels } = await createConvocationMessages(trx, actor, {
          personId: person.id,
          appointmentId: appointment.id,
          batchId,
          channels: inTime,
        });
        convocations.push({
          personId: person.id,
          appointmentId: appointment.id,
          startsAt: appointment.startsAt.toISOString(),
          place: appointment.place,
          channels,
          tooLate: usable.filter((c) => !inTime.includes(c)),
        });
        if (lateIds.has(person.id)) {
          moved.push({
            personId: person.id,
            name: fullName(person),
            startsAt: appointment.startsAt.toISOString(),
            reason: reasons.get(person.id) as string,
          });
        }
      } catch (err) {
        // The whole batch rolls back; the agent learns whom it was about.
        if (err instanceof DomainError) {
          throw new DomainError(
            err.kind,
            err.code,
            `${fullName(person)} : ${err.message} ${nobody}`,
            err.fields,
          );
        }
        throw err;
      }
    }
    await audit({
      action: 'orientation.batch_convocation',
      targetType: 'message_batch',
      targetId: batchId,
      details: {
        personIds: input.personIds,
        slotIds: ordered.map((p) => slotOf.get(p.id)),
        rule: rule.effectiveFrom,
        moved: moved.map((m) => m.personId),
      },
    });
    const letters = convocations.filter((c) => c.channels.includes('letter')).length;
    const summary = [
      `${plural(convocations.length, 'personne convoquée', 'personnes convoquées')}.`,
      moved.length > 0
        ? `${plural(moved.length, 'personne a reçu', 'personnes ont reçu')} un rendez-vous plus tardif pour être ${moved.length > 1 ? 'prévenues' : 'prévenue'} à temps : ${moved.map((m) => `${m.name} (${m.reason})`).join(' ; ')}.`
        : null,
      letters > 0
        ? `${plural(letters, 'courrier à imprimer et à poster', 'courriers à imprimer et à poster')} aujourd’hui.`
        : 'Aucun courrier à poster.',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      batchId,
      lettersUrl: `/api/messaging/batches/${batchId}/letters.pdf`,
      convocations,
      moved,
      summary,
    };
  });
}
