/**
 * French names of the background job queues (apps/api `ctx.jobs.register`), for the jobs screen:
 * a queue's technical name is never the only thing shown. Every queue the server registers has
 * one (apps/api/test/job-queues.int.test.ts checks it).
 */
export const jobQueueLabels: Record<string, string> = {
  email: 'Envoi d’e-mails',
  sms: 'Envoi de SMS',
  'messaging.reminders': 'Rappels de rendez-vous',
  'mail.password-reset': 'E-mail de réinitialisation du mot de passe',
  'mail.login-failures': 'E-mail d’alerte après des échecs de connexion',
  'mail.space-link': 'E-mail du lien de connexion à l’espace bénéficiaire',
  'sms.space-code': 'Code de connexion ou de signature de l’espace bénéficiaire (SMS ou e-mail)',
  'alerts.digest': 'Récapitulatif quotidien des alertes d’accompagnement',
  'alerts.digest-mail': 'E-mail du récapitulatif des alertes à un agent',
  'contracts.daily': 'Entrée en vigueur et fin des contrats d’engagement selon leurs dates',
  'mail.immersion-sign-link': 'E-mail du lien de signature d’une convention d’immersion (PMSMP)',
  'immersions.daily': 'Début et fin des immersions (PMSMP) selon leurs dates',
  'sanctions.daily': 'Fin des suspensions arrivées à leur terme (rétablissement, ligne pour la CAF)',
};

/** The queue's French name; a subscriber of a domain event has its own queue (`event:<name>`). */
export function jobQueueLabel(queue: string): string {
  const label = jobQueueLabels[queue];
  if (label) return label;
  if (queue.startsWith('event:')) return `Suite automatique d’un événement (${queue.slice('event:'.length)})`;
  return 'Tâche d’un type inconnu';
}
