import { defineTimelineEvents } from '../../../platform/timeline/registry';
import { coordinateEvents } from './coordinate-events';
import { rightsStatusLabels } from './rights';

const statusLabels: Record<string, string> = rightsStatusLabels;

const ftStates: Record<string, string> = {
  exported: 'transmise à France Travail',
  registered: 'inscription confirmée par France Travail',
  rejected: 'inscription refusée par France Travail',
};

/** What the flux, the history import and the agents write on a person's timeline in this context. */
export const beneficiaryEvents = defineTimelineEvents('beneficiaries', {
  entry: () => 'Entrée dans le RSA avec droits et devoirs (nouvel entrant)',
  rights_change: (data) => {
    // Flux events carry the CAF code (ETATDOSRSA); history imports say open or closed.
    const status =
      statusLabels[String(data.status)] ??
      (data.status === 'open'
        ? 'droits ouverts'
        : data.status === 'closed'
          ? 'droits clos'
          : `état inconnu (code ${String(data.status)})`);
    return `Droits : ${status}${data.subjectToDuties ? ', soumis aux droits et devoirs' : ', non soumis aux droits et devoirs'}`;
  },
  household_change: (data) => `Changement de foyer (dossier ${String(data.claimNumber ?? '')})`,
  household_left: (data) =>
    `Ne figure plus dans le foyer du dossier ${String(data.claimNumber ?? '')} (flux CAF) : droits clos`,
  france_travail: (data) =>
    `Inscription France Travail : ${ftStates[String(data.state)] ?? String(data.state)}`,
  duplicate_decision: (data) =>
    data.decision === 'link' ? 'Doublon confirmé : dossiers liés' : 'Doublon écarté',
  ...coordinateEvents,
});
