import { defineTimelineEvents } from '../../../platform/timeline/registry';
import { contractStepLabel } from './contract-timeline';

const appointmentPurposes: Record<string, string> = {
  orientation: " d'orientation",
  accompaniment: " d'accompagnement",
  contract: ' de contractualisation',
};
const appointmentStatuses: Record<string, string> = {
  planned: 'prévu',
  seen: 'honoré',
  noshow: 'absence',
  excused: 'excusé',
  cancelled: 'annulé',
  rescheduled: 'reporté',
};

/** The accompaniment context's events on a person's timeline. */
export const accompanimentEvents = defineTimelineEvents('accompaniment', {
  appointment: (data) => {
    const when =
      typeof data.startsAt === 'string'
        ? ` pour le ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(data.startsAt))}`
        : '';
    return `Rendez-vous${appointmentPurposes[String(data.purpose)] ?? ''} ${appointmentStatuses[String(data.status)] ?? ''}${when}${data.correctedFrom ? ' (correction)' : ''}`.trim();
  },
  referent_assignment: (data) =>
    `Référent unique désigné${data.referentName ? ` : ${String(data.referentName)}` : ''}`,
  referent_change: (data) =>
    `Changement de référent unique${data.fromName ? ` : ${String(data.fromName)}` : ''}${data.toName ? ` → ${String(data.toName)}` : ''}${data.reason ? ` (motif : ${String(data.reason)})` : ''}`,
  contract_step: contractStepLabel,
  contract: (data) =>
    `Contrat d'engagement signé${data.weeklyHours != null ? ` (${String(data.weeklyHours)} h par semaine)` : ''}`,
});
