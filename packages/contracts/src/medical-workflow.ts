import { type MedicalReferralStatus, medicalReferralStatuses } from './orientation';
import { defineWorkflow } from './workflow';

/**
 * A request to the medical team of a pôle. The first record written puts it under examination;
 * the recommendation completes it. No screen cancels one yet: `cancelled` has no way in.
 */
export const medicalReferralWorkflow = defineWorkflow({
  name: 'medical_referral',
  statuses: medicalReferralStatuses,
  transitions: {
    in_progress: {
      from: ['requested'],
      permission: 'medical.write',
      refused: 'Seule une demande reçue passe en cours d’examen.',
    },
    completed: {
      from: ['requested', 'in_progress'],
      permission: 'medical.write',
      refused: (from: MedicalReferralStatus) =>
        from === 'completed'
          ? 'L’avis de l’équipe médicale a déjà été rendu pour cette demande.'
          : 'Cette demande d’avis est annulée.',
    },
  },
});
