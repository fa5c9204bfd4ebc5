import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { frenchLongDate, frenchTime } from '../domain/format';
import { departmentName, loadRecipient } from '../infra/recipients';
import { createMessage, personValues } from './compose';

/**
 * The e-mail telling a référent that the person cannot come to an appointment (said from the
 * beneficiary space), in the caller's transaction; sent by the outbox after commit.
 */
export async function createAppointmentNoticeMessage(
  trx: Kysely<Database>,
  input: {
    departmentCode: string;
    actorAccountId: string;
    personId: string;
    appointmentId: string;
    referentEmail: string;
    reason: string;
    appointment: { startsAt: string | null; onDate: string; place: string | null };
  },
): Promise<string | null> {
  const recipient = await loadRecipient(trx, input.departmentCode, input.personId);
  if (!recipient) return null;
  const depName = await departmentName(trx, input.departmentCode);
  const startsAt = input.appointment.startsAt ? new Date(input.appointment.startsAt) : null;
  return createMessage(trx, {
    departmentCode: input.departmentCode,
    actorAccountId: input.actorAccountId,
    personId: input.personId,
    kind: 'appointment_notice',
    templateCode: 'appointment_notice_referent',
    channel: 'email',
    recipient: input.referentEmail,
    appointmentId: input.appointmentId,
    values: {
      ...personValues(recipient, depName, recipient.hubName),
      date_rdv: startsAt ? frenchLongDate(startsAt) : input.appointment.onDate,
      heure_rdv: startsAt ? `à ${frenchTime(startsAt)}` : '',
      lieu_rdv: input.appointment.place ?? '',
      motif: input.reason,
    },
  });
}
