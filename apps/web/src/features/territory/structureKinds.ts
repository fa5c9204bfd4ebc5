import { type StructureKind, structureKindLabels, structureKinds } from '@parcours/contracts';

/** Structure types as select options (filters and the structure form). */
export const kindOptions = structureKinds.map((kind) => ({ value: kind, label: structureKindLabels[kind] }));

export function isKind(value: string | null): value is StructureKind {
  return !!value && (structureKinds as readonly string[]).includes(value);
}
