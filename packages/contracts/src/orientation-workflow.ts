import { defineWorkflow } from './workflow';

/**
 * A person's orientation status, derived from their orientations (no status column): a decision
 * moves a person never oriented to `oriented`, and an oriented person to `reoriented`. The extra
 * rules (open rights, reasons, structure kind, version) are checks of the use case.
 */
export const orientationWorkflow = defineWorkflow({
  name: 'orientation',
  statuses: ['not_oriented', 'oriented', 'reoriented'],
  transitions: {
    oriented: {
      from: ['not_oriented'],
      permission: 'orientation.decide',
      refused: 'La personne est déjà orientée : la décision est une réorientation.',
    },
    reoriented: {
      from: ['oriented', 'reoriented'],
      permission: 'orientation.decide',
      refused: 'La personne n’est pas encore orientée : la décision est une première orientation.',
    },
  },
});

export type OrientationStatus = (typeof orientationWorkflow.statuses)[number];

/** The status of a person from their current orientation (null: never oriented). */
export function orientationStatusOf(
  current: { previousOrientationId: string | null } | null,
): OrientationStatus {
  if (!current) return 'not_oriented';
  return current.previousOrientationId ? 'reoriented' : 'oriented';
}
