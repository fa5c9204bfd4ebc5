import { epOpinionLabels, epProposedOutcomeLabels } from '@parcours/contracts';
import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const outcome = (d: Record<string, unknown>) =>
  (
    epProposedOutcomeLabels[str(d.proposedOutcome) as keyof typeof epProposedOutcomeLabels] ?? 'proposition'
  ).toLowerCase();

/** The EP's steps on a person's sanction case (issue 14 point 4), on the person's timeline. */
export const epEvents = defineTimelineEvents('sanctions-ep', {
  sanction_ep_referred: (d) => `Dossier soumis à l’équipe pluridisciplinaire : ${outcome(d)} proposée`,
  sanction_ep_invited: (d) =>
    `Invitée à être entendue par l’équipe pluridisciplinaire${str(d.sessionDate) ? ` (séance du ${frenchDate(str(d.sessionDate))})` : ''}`,
  sanction_ep_opinion: (d) => {
    const label = epOpinionLabels[str(d.opinion) as keyof typeof epOpinionLabels] ?? 'Avis';
    return `Équipe pluridisciplinaire : ${label.toLowerCase()} (${outcome(d)})`;
  },
});
