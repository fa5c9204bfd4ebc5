import { defineTimelineEvents } from '../../../platform/timeline/registry';

const pathways: Record<string, string> = {
  professional: 'professionnelle',
  'socio-professional': 'socio-professionnelle',
  social: 'sociale',
  health: 'santé (équipe médicale)',
};

/** The orientation context's events on a person's timeline. */
export const orientationEvents = defineTimelineEvents('orientation', {
  orientation: (data) =>
    `${data.reorientation ? 'Réorientation' : 'Orientation'} ${pathways[String(data.pathway)] ?? String(data.pathway)}${data.structureName ? ` vers ${String(data.structureName)}` : ''}${data.overridden ? ' (proposition du système modifiée par le conseiller)' : ''}`,
  diagnosis: (data) =>
    `Diagnostic socio-professionnel${data.versionNo ? ` (version ${String(data.versionNo)})` : ''}`,
  medical_referral: (data) =>
    data.status === 'completed'
      ? "Avis de l'équipe médicale rendu"
      : data.status === 'cancelled'
        ? "Demande à l'équipe médicale annulée"
        : "Demande d'avis à l'équipe médicale du pôle",
});
