import { isOpen } from './flux';

export interface RightsState {
  status: string;
  open: boolean;
  subjectToDuties: boolean;
}

export function rightsState(status: string, subjectToDuties: boolean): RightsState {
  return { status, open: isOpen(status), subjectToDuties };
}

export function sameRights(a: RightsState | null, b: RightsState): boolean {
  return !!a && a.status === b.status && a.subjectToDuties === b.subjectToDuties;
}

/**
 * New entrant (caf-flux.md, INDICATORS.md): open and subject to rights and duties now, while the
 * previous state was not both (unknown, closed, or not subject).
 */
export function isEntry(previous: RightsState | null, next: RightsState): boolean {
  return next.open && next.subjectToDuties && !(previous?.open && previous.subjectToDuties);
}

/** ETATDOSRSA labels: one list, in contracts, for the screens, the letters and the reports. */
export { rightsStatusLabel, rightsStatusLabels } from '@parcours/contracts';

export const roleLabels: Record<string, string> = {
  DEM: 'Demandeur',
  CJT: 'Conjoint',
  ENF: 'Enfant',
  AUT: 'Autre personne',
  RDO: 'Responsable du dossier',
};
