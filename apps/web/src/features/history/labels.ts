import {
  type HistoryKind,
  type historyReportStatuses,
  type KindCounts,
  unknownCode,
} from '@parcours/contracts';

/** French labels of the history import: line kinds, counters and statuses (never a raw code). */

export const kindLabels: Record<HistoryKind, string> = {
  hub: 'Pôles d’insertion',
  body: 'Structures',
  referent: 'Référents',
  person: 'Personnes',
  rights: 'Droits',
  orientation: 'Orientations',
  referentAssignment: 'Désignations de référent',
  appointment: 'Rendez-vous',
  contract: 'Contrats d’engagement',
};

export const counterLabels: Record<keyof KindCounts | 'skipped', string> = {
  read: 'Lues',
  created: 'Ajoutées',
  updated: 'Rafraîchies',
  unchanged: 'Inchangées',
  replaced: 'Anciennes remplacées',
  skipped: 'Ignorées',
  conflict: 'Conflits d’identité',
  rejected: 'Rejetées',
};

type HistoryStatus = (typeof historyReportStatuses)[number] | 'duplicate' | 'running';

export const statusLabels: Record<HistoryStatus, string> = {
  applied: 'Appliquée',
  rejected: 'Rejetée',
  duplicate: 'Déjà importée',
  already_imported: 'Déjà importée',
  running: 'En cours',
};

export const statusTones: Record<string, 'neutral' | 'success' | 'warning' | 'danger'> = {
  applied: 'success',
  rejected: 'danger',
  duplicate: 'neutral',
  already_imported: 'neutral',
  running: 'warning',
};

function labelOf(labels: Record<string, string>, code: string | null): string {
  if (!code) return '—';
  return labels[code] ?? unknownCode(code);
}

export const kindLabel = (kind: string | null) => labelOf(kindLabels, kind);
export const counterLabel = (name: string) => labelOf(counterLabels, name);
export const statusLabel = (status: string) => labelOf(statusLabels, status);
