import { type ReferralStatus, referralStatusLabels } from '@parcours/contracts';

export const referralStatusTones: Record<ReferralStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  sent: 'neutral',
  accepted: 'success',
  refused: 'danger',
  cancelled: 'neutral',
  entered: 'success',
  exited: 'neutral',
};

export const referralStatusLabel = (s: ReferralStatus) => referralStatusLabels[s];

/** « 12 h par semaine », or a dash. */
export const weeklyHoursLabel = (h: number | null) =>
  h == null ? '—' : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(h)} h par semaine`;
