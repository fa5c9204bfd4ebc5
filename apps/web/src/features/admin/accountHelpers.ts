import {
  type Account,
  roleScopeKind,
  type Structure,
  structureKindLabels,
  structureKinds,
} from '@parcours/contracts';
import type { SelectOptionGroup } from '../../ui';

/** "Pôle Aix-Gardanne", "MDS de …", "Tout le département". */
export function accountScope(account: Pick<Account, 'role' | 'hubName' | 'structureName'>): string {
  switch (roleScopeKind[account.role]) {
    case 'hub':
      return account.hubName ? `Pôle ${account.hubName}` : 'Pôle non renseigné';
    case 'structure':
      return account.structureName ?? 'Structure non renseignée';
    case 'person':
      return 'Son dossier personnel';
    default:
      return 'Tout le département';
  }
}

/** Structures grouped by kind for a select; inactive ones only when asked (or when currently chosen). */
export function structureGroups(
  structures: Structure[],
  currentId: string | null,
  includeInactive = false,
): SelectOptionGroup[] {
  return structureKinds.map((kind) => ({
    label: structureKindLabels[kind],
    options: structures
      .filter((s) => s.kind === kind && (includeInactive || s.active || s.id === currentId))
      .map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (inactive)` })),
  }));
}
