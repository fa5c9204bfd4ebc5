import type { DuplicateStatus } from './api';

export const statusLabels: Record<DuplicateStatus, string> = {
  open: 'À examiner',
  linked: 'Liées',
  dismissed: 'Écartées',
};

export const statusTones: Record<DuplicateStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  open: 'warning',
  linked: 'success',
  dismissed: 'neutral',
};
