import type { ImmersionStatus } from '@parcours/contracts';

export const immersionStatusTones: Record<ImmersionStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  draft: 'neutral',
  awaiting_signatures: 'warning',
  signed: 'success',
  validated: 'success',
  in_progress: 'success',
  ended: 'neutral',
  assessed: 'success',
  cancelled: 'danger',
};
