import { type AidStatus, aidStatusLabels } from '@parcours/contracts';

export const aidStatusTones: Record<AidStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  requested: 'warning',
  validated: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
  cancelled: 'neutral',
  ordered: 'success',
  paid: 'success',
};

export const aidStatusLabel = (s: AidStatus) => aidStatusLabels[s];

/** The current year in Paris. */
export const currentYear = () =>
  Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
