import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const channels: Record<string, string> = { letter: 'courrier', email: 'e-mail', sms: 'SMS' };

/** The messaging context's events on a person's timeline. */
export const messagingEvents = defineTimelineEvents('messaging', {
  convocation: (data) => {
    const list = Array.isArray(data.channels)
      ? data.channels.map((c) => channels[String(c)] ?? String(c))
      : [];
    return `Convocation${data.appointmentOn ? ` au rendez-vous du ${frenchDate(String(data.appointmentOn))}` : ''}${list.length ? ` (${list.join(', ')})` : ''}`;
  },
  letter_posted: (data) =>
    `Courrier de convocation posté${data.postedOn ? ` le ${frenchDate(String(data.postedOn))}` : ''}`,
  letter_cancelled: () => 'Courrier de convocation retiré avant envoi',
  reminder: (data) =>
    `Rappel du rendez-vous${data.appointmentOn ? ` du ${frenchDate(String(data.appointmentOn))}` : ''}`,
});
