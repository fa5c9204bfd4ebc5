import { rightsStatusLabels } from './rights';

const pathways: Record<string, string> = {
  professional: 'professionnelle',
  'socio-professional': 'socio-professionnelle',
  social: 'sociale',
};
const appointmentStatuses: Record<string, string> = {
  planned: 'prévu',
  seen: 'honoré',
  noshow: 'absence',
  excused: 'excusé',
  cancelled: 'annulé',
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
    case 'orientation':
      return `Orientation ${pathways[String(data.pathway)] ?? String(data.pathway)}${data.structureName ? ` vers ${String(data.structureName)}` : ''}`;
    case 'referent_assignment':
      return `Référent unique désigné${data.referentName ? ` : ${String(data.referentName)}` : ''}`;
    case 'appointment':
      return `Rendez-vous${data.purpose === 'accompaniment' ? " d'accompagnement" : ''} ${appointmentStatuses[String(data.status)] ?? ''}`.trim();
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
