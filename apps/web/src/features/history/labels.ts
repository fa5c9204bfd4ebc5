/** French labels of the history import: line kinds, counters and statuses. */

export const kindLabels: Record<string, string> = {
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

export const counterLabels: Record<string, string> = {
  read: 'Lues',
  created: 'Ajoutées',
  updated: 'Rafraîchies',
  unchanged: 'Inchangées',
  replaced: 'Anciennes remplacées',
  skipped: 'Ignorées',
  conflict: 'Conflits d’identité',
  rejected: 'Rejetées',
};

export const statusLabels: Record<string, string> = {
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

export function kindLabel(kind: string | null): string {
  if (!kind) return '—';
  return kindLabels[kind] ?? kind;
}
