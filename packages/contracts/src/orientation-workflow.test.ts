import { describe, expect, it } from 'vitest';
import { orientationStatusOf, orientationWorkflow } from './orientation-workflow';
import { hasPermission, roles } from './roles';
import { allowedTargets, transitionRefusal } from './workflow';

describe('orientation workflow', () => {
  it('derives the status from the current orientation', () => {
    expect(orientationStatusOf(null)).toBe('not_oriented');
    expect(orientationStatusOf({ previousOrientationId: null })).toBe('oriented');
    expect(orientationStatusOf({ previousOrientationId: 'x' })).toBe('reoriented');
  });

  it('offers to orient a person never oriented and to reorient one already oriented, to deciders only', () => {
    for (const role of roles) {
      const decides = hasPermission(role, 'orientation.decide');
      expect(allowedTargets(orientationWorkflow, 'not_oriented', role), role).toEqual(
        decides ? ['oriented'] : [],
      );
      expect(allowedTargets(orientationWorkflow, 'oriented', role), role).toEqual(
        decides ? ['reoriented'] : [],
      );
      expect(allowedTargets(orientationWorkflow, 'reoriented', role), role).toEqual(
        decides ? ['reoriented'] : [],
      );
    }
    expect(
      transitionRefusal(orientationWorkflow, 'oriented', 'oriented', 'orientation_advisor'),
    ).toMatchObject({
      kind: 'conflict',
    });
    expect(transitionRefusal(orientationWorkflow, 'not_oriented', 'oriented', 'system')?.kind).toBe(
      'forbidden',
    );
  });
});
