import { defineTimelineEvents, frenchDate } from '../../../platform/timeline/registry';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const host = (d: Record<string, unknown>) => (str(d.hostName) ? ` chez ${str(d.hostName)}` : '');
const dates = (d: Record<string, unknown>) =>
  str(d.startDate) && str(d.endDate)
    ? ` du ${frenchDate(str(d.startDate))} au ${frenchDate(str(d.endDate))}`
    : '';
const partyLabel: Record<string, string> = {
  person: 'la personne',
  host: 'la structure d’accueil',
  structure: 'la structure d’accompagnement',
};
const outcomeLabel: Record<string, string> = {
  completed: 'réalisée en entier',
  partial: 'réalisée en partie',
  no_show: 'la personne ne s’est pas présentée',
};

/** Every step of a PMSMP convention, on the person's timeline. */
export const immersionEvents = defineTimelineEvents('immersions', {
  immersion_created: (d) =>
    `${d.renewalOf ? 'Renouvellement d’une immersion (PMSMP)' : 'Convention d’immersion (PMSMP) préparée'}${host(d)}${dates(d)}`,
  immersion_updated: (d) =>
    `Convention d’immersion modifiée${host(d)}${dates(d)}${d.signaturesReset ? ' : les signatures sont à refaire' : ''}`,
  immersion_submitted: (d) => `Convention d’immersion soumise à la signature${host(d)}`,
  immersion_signed_by: (d) =>
    `Convention d’immersion signée par ${partyLabel[str(d.party)] ?? 'une partie'}${d.mode === 'email_link' ? ' (lien reçu par e-mail)' : ' (sur écran)'}`,
  immersion_sign_link_sent: (d) =>
    `Lien de signature de la convention d’immersion envoyé à ${partyLabel[str(d.party)] ?? 'une partie'}`,
  immersion_signed: (d) => `Convention d’immersion signée par les trois parties${host(d)}`,
  immersion_validated: (d) => `Immersion validée par la structure d’accompagnement${host(d)}${dates(d)}`,
  immersion_started: (d) => `Début de l’immersion${host(d)}`,
  immersion_ended: (d) => `Fin de l’immersion${host(d)}`,
  immersion_assessed: (d) =>
    `Bilan de l’immersion${host(d)} : ${outcomeLabel[str(d.outcome)] ?? 'enregistré'}${d.jobOffer ? ', embauche proposée' : ''}`,
  immersion_cancelled: (d) => `Immersion annulée${host(d)}${str(d.reason) ? ` : « ${str(d.reason)} »` : ''}`,
});
