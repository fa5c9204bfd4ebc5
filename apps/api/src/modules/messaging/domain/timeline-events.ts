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
  reminder: (data) =>
    `Rappel du rendez-vous${data.appointmentOn ? ` du ${frenchDate(String(data.appointmentOn))}` : ''}`,
});
