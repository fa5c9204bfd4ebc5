import {
  type ContractStatus,
  type ContractSummary,
  contractStatusLabels,
  hoursRegimeLabels,
} from '@parcours/contracts';
import { formatDate } from '../../lib/format';
import { hoursLabel } from './draft';

export const contractStatusTones: Record<ContractStatus, 'neutral' | 'success' | 'warning' | 'danger'> = {
  draft: 'neutral',
  proposed: 'warning',
  signed: 'success',
  in_force: 'success',
  ended: 'neutral',
  renewed: 'neutral',
  cancelled: 'danger',
};

export const contractStatusLabel = (status: ContractStatus) => contractStatusLabels[status];

/** "du 05/01/2026 au 04/07/2026" */
export const contractPeriod = (c: Pick<ContractSummary, 'startDate' | 'endDate'>) =>
  `du ${formatDate(c.startDate)} au ${formatDate(c.endDate)}`;

/** "Contrat du 05/01/2026 au 04/07/2026" */
export const contractTitle = (c: Pick<ContractSummary, 'startDate' | 'endDate'>) =>
  `Contrat ${contractPeriod(c)}`;

/** "18 h par semaine" or the regime when it is not the standard one. */
export function weeklyLabel(c: Pick<ContractSummary, 'weeklyHours' | 'hoursRegime'>): string {
  const hours = `${hoursLabel(c.weeklyHours)} par semaine`;
  return c.hoursRegime === 'standard'
    ? hours
    : `${hours} — ${hoursRegimeLabels[c.hoursRegime].toLowerCase()}`;
}
