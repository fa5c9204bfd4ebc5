import type { AuditAction } from '@parcours/contracts';
import type { Kysely, Transaction } from 'kysely';
import { AuditTrail } from '../../../platform/audit/audit';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';
import { DomainError, invalid, notFound } from '../../../platform/errors';
import { assertPersonInScope } from '../../beneficiaries';
import { decisionValues } from '../domain/decision-values';
import { parisDay } from '../domain/format';
import { messagingEvents } from '../domain/timeline-events';
import {
  departmentName,
  loadAppointment,
  loadLetterContact,
  loadRecipient,
  type Recipient,
} from '../infra/recipients';
import {
  appointmentDay,
  appointmentValues,
  contactWords,
  createMessage,
  issuePlace,
  personValues,
  recipientAddress,
} from './compose';

export type MessageChannel = 'letter' | 'email' | 'sms';

/** The channels a convocation of this person would use now (address, consented contacts). */
export async function reachableChannels(
  exec: Kysely<Database>,
  departmentCode: string,
  personId: string,
): Promise<MessageChannel[]> {
  const r = await loadRecipient(exec, departmentCode, personId);
  if (!r) return [];
  const channels: MessageChannel[] = [];
  if (r.addressLines) channels.push('letter');
  if (r.email) channels.push('email');
  if (r.mobile) channels.push('sms');
  return channels;
}

/** A batch groups the messages of one convocation run (one PDF of letters per batch). */
export async function createMessageBatch(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: { kind: 'convocation' | 'decision'; personCount: number },
): Promise<string> {
  const row = await trx
    .insertInto('message_batch')
    .values({
      department_code: actor.departmentCode,
      kind: input.kind,
      person_count: input.personCount,
      created_by: actor.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The person, if the actor may act on them: the one person gate, inside the caller's transaction. */
async function recipientInScope(
  exec: Kysely<Database>,
  actor: RequestActor,
  personId: string,
): Promise<Recipient> {
  await assertPersonInScope(exec, actor, personId, 'act');
  const recipient = await loadRecipient(exec, actor.departmentCode, personId);
  if (!recipient) throw notFound('Personne');
  return recipient;
}

const channelOrder: MessageChannel[] = ['letter', 'email', 'sms'];

/** Audited in the caller's transaction: these use cases get the transaction, not the context. */
function audit(
  trx: Transaction<Database>,
  actor: RequestActor,
  personId: string,
  action: AuditAction,
  details: Record<string, unknown>,
) {
  return new AuditTrail(trx).record(
    { actor, action, personId, targetType: 'person', targetId: personId, details },
    trx,
  );
}

/**
 * Creates the convocation messages of a booked appointment inside the caller's transaction: a
 * letter when the postal address is known, an e-mail / SMS when the contact exists and consent
 * allows it. Sending is enqueued (outbox), never done here. Refuses (DomainError 422
 * `NO_CHANNEL`) a person with no address and no usable contact. Writes the timeline event.
 */
export async function createConvocationMessages(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: {
    personId: string;
    appointmentId: string;
    batchId?: string | null;
    /** Only these channels (those that reach the person in time); all usable ones when absent. */
    channels?: readonly MessageChannel[];
  },
): Promise<{ messageIds: string[]; channels: MessageChannel[] }> {
  const dep = actor.departmentCode;
  const recipient = await recipientInScope(trx, actor, input.personId);
  const appointment = await loadAppointment(trx, dep, input.appointmentId);
  if (!appointment || appointment.personId !== input.personId) throw notFound('Rendez-vous');
  if (appointment.status !== 'planned') {
    throw invalid('appointmentId', "Ce rendez-vous n'est plus prévu : la convocation n'est pas envoyée.");
  }
  const channels = channelOrder.filter(
    (c) => recipientAddress(recipient, c) !== null && (!input.channels || input.channels.includes(c)),
  );
  if (channels.length === 0) {
    throw new DomainError(
      'unprocessable',
      'NO_CHANNEL',
      `Impossible de convoquer ${recipient.firstName} ${recipient.lastName} : aucune adresse postale ni coordonnée utilisable (e-mail ou téléphone portable avec accord de la personne). Complétez le dossier avant de convoquer.`,
    );
  }
  const depName = await departmentName(trx, dep);
  const hubName = appointment.hubName ?? recipient.hubName;
  const contact = await loadLetterContact(
    trx,
    dep,
    appointment.structureId,
    appointment.hubId ?? recipient.hubId,
  );
  const values = {
    ...personValues(recipient, depName, hubName),
    ...appointmentValues(appointment),
    contact_pole: contactWords(contact),
  };
  const messageIds: string[] = [];
  for (const channel of channels) {
    messageIds.push(
      await createMessage(trx, {
        departmentCode: dep,
        actorAccountId: actor.accountId,
        personId: input.personId,
        kind: 'convocation',
        templateCode: 'orientation_convocation',
        channel,
        recipient: recipientAddress(recipient, channel)!,
        values,
        appointmentId: appointment.id,
        batchId: input.batchId ?? null,
        letter:
          channel === 'letter'
            ? {
                departmentName: depName,
                hubName,
                issuePlace: issuePlace(appointment.structureCommune, hubName, depName),
                issuedOn: parisDay(new Date()),
                reference: recipient.claimNumber,
                notice: 'rights_and_duties',
                contact,
              }
            : undefined,
      }),
    );
  }
  await messagingEvents.append(trx, {
    departmentCode: dep,
    personId: input.personId,
    occurredOn: parisDay(new Date()),
    type: 'convocation',
    data: { appointmentId: appointment.id, appointmentOn: appointmentDay(appointment), channels },
    actorAccountId: actor.accountId,
    source: 'parcours',
  });
  await audit(trx, actor, input.personId, 'messaging.convocation_created', {
    appointmentId: appointment.id,
    channels,
    messageIds,
  });
  return { messageIds, channels };
}

/** The notification letter of an orientation decision (and e-mail when possible), in the caller's transaction. */
export async function createDecisionMessages(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: { personId: string; orientationId: string },
): Promise<{ messageIds: string[]; letterMessageId: string | null }> {
  const dep = actor.departmentCode;
  const recipient = await recipientInScope(trx, actor, input.personId);
  const o = await trx
    .selectFrom('orientation as o')
    .innerJoin('structure as st', 'st.id', 'o.structure_id')
    .leftJoin('commune as c', 'c.insee_code', 'st.commune_code')
    .select([
      'o.id',
      'o.person_id',
      'o.pathway',
      'o.programme',
      'o.decided_on',
      'o.notified_on',
      'st.name as structure_name',
      'st.address as structure_address',
      'c.name as structure_commune',
      'c.postal_codes as structure_postal_codes',
    ])
    .where('o.id', '=', input.orientationId)
    .where('o.department_code', '=', dep)
    .executeTakeFirst();
  if (!o || o.person_id !== input.personId) throw notFound('Orientation');
  const depName = await departmentName(trx, dep);
  const hubName = recipient.hubName;
  const values = {
    ...personValues(recipient, depName, hubName),
    ...decisionValues({
      decidedOn: o.decided_on ?? o.notified_on,
      pathway: o.pathway,
      programme: o.programme,
      structureName: o.structure_name,
      structureAddress: o.structure_address,
      structurePostalCodes: o.structure_postal_codes,
      structureCommune: o.structure_commune,
    }),
  };
  // The letter is the notification of record; the e-mail only doubles it when consented.
  const channels = (['letter', 'email'] as const).filter((c) => recipientAddress(recipient, c) !== null);
  const messageIds: string[] = [];
  let letterMessageId: string | null = null;
  for (const channel of channels) {
    const id = await createMessage(trx, {
      departmentCode: dep,
      actorAccountId: actor.accountId,
      personId: input.personId,
      kind: 'decision',
      templateCode: 'orientation_decision',
      channel,
      recipient: recipientAddress(recipient, channel)!,
      values,
      orientationId: o.id,
      letter:
        channel === 'letter'
          ? {
              departmentName: depName,
              hubName,
              issuePlace: issuePlace(null, hubName, depName),
              issuedOn: parisDay(new Date()),
              reference: recipient.claimNumber,
              notice: 'decision',
            }
          : undefined,
    });
    messageIds.push(id);
    if (channel === 'letter') letterMessageId = id;
  }
  await audit(trx, actor, input.personId, 'messaging.decision_notified', {
    orientationId: o.id,
    channels,
    messageIds,
  });
  return { messageIds, letterMessageId };
}
