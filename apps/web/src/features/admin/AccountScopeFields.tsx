import { type Role, roleLabels, roleScopeKind, roles } from '@parcours/contracts';
import { errorMessage } from '../../lib/api';
import { isRole } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { SelectField } from '../../ui';
import { useHubs, useStructures } from '../territory/api';
import { structureGroups } from './accountHelpers';

export interface ScopeValues {
  role: Role | '';
  hubId: string;
  structureId: string;
}

/**
 * The role and what it is attached to: a pôle d'insertion, a structure, or the whole département.
 * The beneficiary role is offered only to an account that already has it.
 */
export function AccountScopeFields({
  values,
  onChange,
  errors,
  currentRole,
  currentStructureId,
}: {
  values: ScopeValues;
  onChange: <K extends keyof ScopeValues>(key: K, value: ScopeValues[K]) => void;
  errors: FieldErrors;
  currentRole: Role | null;
  currentStructureId: string | null;
}) {
  const hubs = useHubs();
  const structures = useStructures({});
  const scope = values.role ? roleScopeKind[values.role] : null;
  const availableRoles = roles.filter((role) => role !== 'beneficiary' || currentRole === 'beneficiary');
  return (
    <>
      <SelectField
        label="Rôle"
        name="role"
        value={values.role}
        onChange={(value) => onChange('role', isRole(value) ? value : '')}
        placeholder="Choisir un rôle"
        options={availableRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
        hint="Le rôle détermine ce que la personne peut faire et son périmètre (pôle d’insertion ou structure)."
        error={errors.role}
      />
      {scope === 'hub' ? (
        <SelectField
          label="Pôle d’insertion"
          name="hubId"
          value={values.hubId}
          onChange={(value) => onChange('hubId', value)}
          placeholder={hubs.isPending ? 'Chargement des pôles…' : 'Choisir un pôle'}
          options={(hubs.data ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
          error={errors.hubId ?? (hubs.isError ? errorMessage(hubs.error) : undefined)}
        />
      ) : null}
      {scope === 'structure' ? (
        <SelectField
          label="Structure"
          name="structureId"
          value={values.structureId}
          onChange={(value) => onChange('structureId', value)}
          placeholder={structures.isPending ? 'Chargement des structures…' : 'Choisir une structure'}
          groups={structureGroups(structures.data ?? [], currentStructureId)}
          error={errors.structureId ?? (structures.isError ? errorMessage(structures.error) : undefined)}
        />
      ) : null}
      {scope === 'department' ? (
        <p className="muted form-grid__wide">
          Ce rôle couvre tout le département : aucun rattachement à choisir.
        </p>
      ) : null}
    </>
  );
}
