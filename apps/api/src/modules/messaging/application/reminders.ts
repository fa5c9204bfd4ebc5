import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context';
import { parisDay } from '../domain/format';
import { messagingEvents } from '../domain/timeline-events';
import { departmentName, loadAppointment, loadRecipient } from '../infra/recipients';
import { appointmentDay, appointmentValues, createMessage, personValues, recipientAddress } from './compose';

/**
 * Creates the reminders of the planned appointments starting within the lead time
 * (REMINDER_LEAD_HOURS, 48 h by default) that have none yet: an e-mail and/or an SMS, as the
 * person's contacts and consent allow (no letter: it would arrive too late). A person convened by
 * e-mail or SMS less than REMINDER_QUIET_HOURS ago (24 h) is not reminded yet: the convocation has
 * just told them; a later run reminds them if the appointment is still ahead. Each appointment is
 * handled in its own transaction, under a row lock, so two runs never remind twice (a unique
 * index backs this up). Returns the number of appointments reminded.
 */
export async function createDueReminders(
  ctx: AppContext,
  departmentCode: string,
  now = new Date(),
): Promise<number> {
  const until = new Date(now.getTime() + ctx.config.reminderLeadHours * 3_600_000);
  const convokedSince = new Date(now.getTime() - ctx.config.reminderQuietHours * 3_600_000);
  const due = await ctx.db
    .selectFrom('appointment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.person_id'])
    .where('a.department_code', '=', departmentCode)
    .where('a.status', '=', 'planned')
    .where('a.starts_at', '>', now)
    .where('a.starts_at', '<=', until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('message as m')
            .select(sql`1`.as('one'))
            .whereRef('m.appointment_id', '=', 'a.id')
            .where('m.kind', '=', 'reminder'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('message as m')
            .select(sql`1`.as('one'))
            .whereRef('m.appointment_id', '=', 'a.id')
            .where('m.kind', '=', 'convocation')
            .where('m.channel', 'in', ['email', 'sms'])
            .where('m.created_at', '>', convokedSince),
        ),
      ),
    )
    // Only persons with a contact they agreed to: the others cannot be reminded.
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact as c')
          .select(sql`1`.as('one'))
          .whereRef('c.household_id', '=', 'p.household_id')
          .where('c.consent', '=', 'A'),
      ),
    )
    .orderBy('a.starts_at')
    .limit(1000)
    .execute();
  if (due.length === 0) return 0;
  const depName = await departmentName(ctx.db, departmentCode);
  let reminded = 0;
  for (const row of due) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom('appointment')
        .select('id')
        .where('id', '=', row.id)
        .where('status', '=', 'planned')
        .forUpdate()
        .executeTakeFirst();
      if (!locked) return false;
      const already = await trx
        .selectFrom('message')
        .select('id')
        .where('appointment_id', '=', row.id)
        .where('kind', '=', 'reminder')
        .executeTakeFirst();
      if (already) return false;
      const appointment = await loadAppointment(trx, departmentCode, row.id);
      const recipient = await loadRecipient(trx, departmentCode, row.person_id);
      if (!appointment || !recipient) return false;
      const channels = (['email', 'sms'] as const).filter((c) => recipientAddress(recipient, c) !== null);
      if (channels.length === 0) return false;
      const values = {
        ...personValues(recipient, depName, appointment.hubName),
        ...appointmentValues(appointment),
      };
      for (const channel of channels) {
        await createMessage(trx, {
          departmentCode,
          actorAccountId: null,
          personId: row.person_id,
          kind: 'reminder',
          templateCode: 'appointment_reminder',
          channel,
          recipient: recipientAddress(recipient, channel)!,
          values,
          appointmentId: row.id,
        });
      }
      await messagingEvents.append(trx, {
        departmentCode,
        personId: row.person_id,
        occurredOn: parisDay(new Date()),
        type: 'reminder',
        data: { appointmentId: row.id, appointmentOn: appointmentDay(appointment), channels },
        actorAccountId: null,
        source: 'parcours',
      });
      return true;
    });
    if (done) reminded++;
  }
  if (reminded > 0) ctx.log.info({ reminded, departmentCode }, 'appointment reminders created');
  return reminded;
}
