import type { BatchConvocationInput, BatchConvocationResult } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { DomainError, notFound } from '../../../platform/errors';
import { unitOfWork } from '../../../platform/use-case';
import { bookAppointment } from '../../accompaniment';
import { personScope } from '../../beneficiaries';
import { createConvocationMessages, createMessageBatch, reachableChannels } from '../../messaging';

const fullName = (p: { first_name: string; birth_name: string; usual_name: string | null }) =>
  `${p.first_name} ${p.usual_name ?? p.birth_name}`;

/**
 * Convenes a selection in one go: books each person (one collective session, or the next free
 * individual slots of the pôle) and prepares letter, e-mail and SMS. All or nothing: a person who
 * cannot be convened stops the batch with their name, and nothing is booked or sent.
 */
export async function convokeBatch(
  ctx: AppContext,
  actor: RequestActor,
  input: BatchConvocationInput,
  request: { ip: string; id: string },
): Promise<BatchConvocationResult> {
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

  const reach = await Promise.all(ordered.map((p) => reachableChannels(ctx.db, actor.departmentCode, p.id)));
  const unreachable = ordered.filter((_p, i) => reach[i]?.length === 0);
  if (unreachable.length > 0) {
    throw new DomainError(
      'unprocessable',
      'NO_CHANNEL',
      `Impossible de convoquer ${unreachable.map(fullName).join(', ')} : ni adresse postale ni e-mail ou téléphone portable utilisable avec son accord. Complétez le dossier ou retirez ${unreachable.length > 1 ? 'ces personnes' : 'cette personne'} de la sélection. Personne n’a été convoqué.`,
    );
  }
  const already = ordered.filter((p) => p.planned_at);
  if (already.length > 0) {
    throw new DomainError(
      'conflict',
      'CONFLICT',
      `${already.map(fullName).join(', ')} ${already.length > 1 ? 'ont' : 'a'} déjà un rendez-vous d’orientation prévu : reportez-le plutôt que de convoquer à nouveau. Personne n’a été convoqué.`,
    );
  }

  return unitOfWork(ctx, actor, request, async ({ trx, audit }) => {
    let slotIds: string[];
    if (input.slotId) {
      slotIds = ordered.map(() => input.slotId as string);
    } else {
      const hubId = actor.hubId ?? ordered[0]?.hub_id ?? null;
      if (!hubId)
        throw new DomainError('invalid', 'VALIDATION_ERROR', 'Le pôle de ces personnes est inconnu.');
      const free = await trx
        .selectFrom('agenda_slot as s')
        .select('s.id')
        .where('s.department_code', '=', actor.departmentCode)
        .where('s.hub_id', '=', hubId)
        .where('s.kind', '=', 'individual')
        .where('s.purpose', '=', 'orientation')
        .where('s.status', '=', 'open')
        .where('s.starts_at', '>', new Date())
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('appointment as a')
                .select('a.id')
                .whereRef('a.slot_id', '=', 's.id')
                .where('a.status', 'not in', ['cancelled', 'rescheduled']),
            ),
          ),
        )
        .orderBy('s.starts_at')
        .limit(ordered.length)
        .execute();
      if (free.length < ordered.length) {
        throw new DomainError(
          'conflict',
          'CONFLICT',
          `Il ne reste que ${free.length} créneau${free.length > 1 ? 'x' : ''} individuel${free.length > 1 ? 's' : ''} libre${free.length > 1 ? 's' : ''} pour ${ordered.length} personnes : ouvrez d’autres créneaux dans l’agenda. Personne n’a été convoqué.`,
        );
      }
      slotIds = free.map((s) => s.id);
    }

    const batchId = await createMessageBatch(trx, actor, {
      kind: 'convocation',
      personCount: ordered.length,
    });
    const convocations: BatchConvocationResult['convocations'] = [];
    for (const [i, person] of ordered.entries()) {
      try {
        const appointment = await bookAppointment(trx, actor, {
          personId: person.id,
          slotId: slotIds[i] as string,
        });
        const { channels } = await createConvocationMessages(trx, actor, {
          personId: person.id,
          appointmentId: appointment.id,
          batchId,
        });
        convocations.push({
          personId: person.id,
          appointmentId: appointment.id,
          startsAt: appointment.startsAt.toISOString(),
          place: appointment.place,
          channels,
        });
      } catch (err) {
        // The whole batch rolls back; the agent learns whom it was about.
        if (err instanceof DomainError) {
          throw new DomainError(
            err.kind,
            err.code,
            `${fullName(person)} : ${err.message} Personne n’a été convoqué.`,
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
      details: { personIds: input.personIds, slotIds },
    });
    return { batchId, lettersUrl: `/api/messaging/batches/${batchId}/letters.pdf`, convocations };
  });
}
