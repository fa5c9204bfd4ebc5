import { decisionKindLabels, endReasonLabels, failureKindLabels } from '@parcours/contracts';
import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const kind = (d: Record<string, unknown>) =>
  failureKindLabels[str(d.kind) as keyof typeof failureKindLabels] ?? 'Manquement';

/** Every step of a failure and of its sanction case, on the person's timeline. */
export const sanctionEvents = defineTimelineEvents('sanctions', {
  sanction_failure_recorded: (d) =>
    `Manquement enregistré : ${kind(d).toLowerCase()}${str(d.factsDate) ? ` (faits du ${frenchDate(str(d.factsDate))})` : ''}`,
  sanction_failure_dismissed: (d) =>
    `Manquement classé sans suite : ${kind(d).toLowerCase()}${str(d.reason) ? ` (motif : ${str(d.reason)})` : ''}`,
  sanction_case_opened: (d) => `Procédure de sanction ouverte : ${kind(d).toLowerCase()}`,
  sanction_notice_sent: (d) =>
    `Information préalable envoyée${str(d.deadline) ? ` : observations possibles jusqu’au ${frenchDate(str(d.deadline))}` : ''}`,
  sanction_observations_received: (d) =>
    `Observations reçues (${d.mode === 'interview' ? 'lors d’un entretien' : 'par écrit'})${str(d.assistedBy) ? `, assistée par ${str(d.assistedBy)}` : ''}`,
  sanction_decided: (d) => {
    const label = decisionKindLabels[str(d.kind) as keyof typeof decisionKindLabels] ?? 'Décision';
    return d.kind === 'sanction'
      ? `Décision : ${label.toLowerCase()} de ${String(d.percent)} % pendant ${String(d.months)} mois`
      : `Décision : ${label.toLowerCase()}`;
  },
  sanction_notified: () => 'Décision de sanction notifiée',
  sanction_ended: (d) =>
    `Fin de la procédure de sanction : ${(endReasonLabels[str(d.reason) as keyof typeof endReasonLabels] ?? 'terminée').toLowerCase()}`,
  sanction_cancelled: (d) => `Procédure de sanction annulée${str(d.reason) ? ` : « ${str(d.reason)} »` : ''}`,
});
