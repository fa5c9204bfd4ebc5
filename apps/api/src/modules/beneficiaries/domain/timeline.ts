import { rightsStatusLabels } from './rights';

const pathways: Record<string, string> = {
  professional: 'professionnelle',
  'socio-professional': 'socio-professionnelle',
  social: 'sociale',
  health: 'santé (équipe médicale)',
};
const channels: Record<string, string> = { letter: 'courrier', email: 'e-mail', sms: 'SMS' };
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
const ftStates: Record<string, string> = {
  exported: 'transmise à France Travail',
  registered: 'inscription confirmée par France Travail',
  rejected: 'inscription refusée par France Travail',
};

/** The French line of a timeline event; later capabilities add their types here. */
export function timelineLabel(type: string, data: Record<string, unknown>): string {
  switch (type) {
    case 'entry':
      return 'Entrée dans le RSA avec droits et devoirs (nouvel entrant)';
    case 'rights_change': {
      // Flux events carry the CAF code (ETATDOSRSA); history imports say open or closed.
      const status =
        rightsStatusLabels[String(data.status)] ??
        (data.status === 'open'
          ? 'droits ouverts'
          : data.status === 'closed'
            ? 'droits clos'
            : `état ${String(data.status)}`);
      return `Droits : ${status}${data.subjectToDuties ? ', soumis aux droits et devoirs' : ', non soumis aux droits et devoirs'}`;
    }
    case 'household_change':
      return `Changement de foyer (dossier ${String(data.claimNumber ?? '')})`;
    case 'household_left':
      return `Ne figure plus dans le foyer du dossier ${String(data.claimNumber ?? '')} (flux CAF) : droits clos`;
    case 'orientation':
      return `${data.reorientation ? 'Réorientation' : 'Orientation'} ${pathways[String(data.pathway)] ?? String(data.pathway)}${data.structureName ? ` vers ${String(data.structureName)}` : ''}${data.overridden ? ' (proposition du système modifiée par le conseiller)' : ''}`;
    case 'convocation': {
      const list = Array.isArray(data.channels)
        ? data.channels.map((c) => channels[String(c)] ?? String(c))
        : [];
      return `Convocation${data.appointmentOn ? ` au rendez-vous du ${frenchDate(String(data.appointmentOn))}` : ''}${list.length ? ` (${list.join(', ')})` : ''}`;
    }
    case 'reminder':
      return `Rappel du rendez-vous${data.appointmentOn ? ` du ${frenchDate(String(data.appointmentOn))}` : ''}`;
    case 'diagnosis':
      return `Diagnostic socio-professionnel${data.versionNo ? ` (version ${String(data.versionNo)})` : ''}`;
    case 'medical_referral':
      return data.status === 'completed'
        ? "Avis de l'équipe médicale rendu"
        : data.status === 'cancelled'
          ? "Demande à l'équipe médicale annulée"
          : "Demande d'avis à l'équipe médicale du pôle";
    case 'referent_assignment':
      return `Référent unique désigné${data.referentName ? ` : ${String(data.referentName)}` : ''}`;
    case 'appointment': {
      const when =
        typeof data.startsAt === 'string'
          ? ` pour le ${new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(data.startsAt))}`
          : '';
      return `Rendez-vous${appointmentPurposes[String(data.purpose)] ?? ''} ${appointmentStatuses[String(data.status)] ?? ''}${when}${data.correctedFrom ? ' (correction)' : ''}`.trim();
    }
    case 'contract':
      return `Contrat d'engagement signé${data.weeklyHours != null ? ` (${String(data.weeklyHours)} h par semaine)` : ''}`;
    case 'france_travail':
      return `Inscription France Travail : ${ftStates[String(data.state)] ?? String(data.state)}`;
    case 'duplicate_decision':
      return data.decision === 'link' ? 'Doublon confirmé : dossiers liés' : 'Doublon écarté';
    default:
      return type;
  }
}

function frenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
