import { defineTimelineEvents } from '../../../platform/timeline/registry';

const when = (data: Record<string, unknown>) =>
  typeof data.startsAt === 'string'
    ? ` du ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(data.startsAt))}`
    : typeof data.onDate === 'string'
      ? ` du ${data.onDate.split('-').reverse().join('/')}`
      : '';

/** What the person does from their space, on their timeline. */
export const spaceEvents = defineTimelineEvents('space', {
  space_opened: (data) =>
    data.created
      ? 'Espace personnel ouvert pour la personne'
      : 'Lien de connexion à l’espace personnel renvoyé',
  appointment_notice: (data) =>
    `Absence signalée par la personne depuis son espace pour le rendez-vous${when(data)}${typeof data.reason === 'string' ? ` : « ${data.reason} »` : ''}`,
});
