import { type Role, roleScopeKind } from '@parcours/contracts';

export interface ScopeInput {
  role: Role;
  hubId: string | null;
  structureId: string | null;
}

/** A role is bound to exactly the scope it needs: a pôle, a structure, or nothing more. */
export function scopeErrors(input: ScopeInput): { path: string; message: string }[] {
  const kind = roleScopeKind[input.role];
  const errors: { path: string; message: string }[] = [];
  if (kind === 'hub' && !input.hubId) {
    errors.push({ path: 'hubId', message: "Ce rôle doit être rattaché à un pôle d'insertion." });
  }
  if (kind === 'structure' && !input.structureId) {
    errors.push({ path: 'structureId', message: 'Ce rôle doit être rattaché à une structure.' });
  }
  if (kind === 'person') {
    errors.push({
      path: 'role',
      message: 'Les comptes bénéficiaires sont créés depuis le dossier de la personne.',
    });
  }
  if (kind !== 'hub' && input.hubId) {
    errors.push({
      path: 'hubId',
      message: "Ce rôle n'est pas rattaché à un pôle d'insertion (il couvre le département ou sa structure).",
    });
  }
  if (kind !== 'structure' && input.structureId) {
    errors.push({ path: 'structureId', message: "Ce rôle n'est pas rattaché à une structure." });
  }
  return errors;
}
