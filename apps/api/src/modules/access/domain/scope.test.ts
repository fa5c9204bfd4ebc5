import { describe, expect, it } from 'vitest';
import { scopeErrors } from './scope';

const HUB = '6b1a50a0-7b90-4666-aa39-13520a8aa7d7';
const STRUCTURE = '40038b80-0d7f-405c-9210-9b9af1ddf509';

describe('scopeErrors', () => {
  it('requires a pôle for advisors, EP secretariat and medical team', () => {
    for (const role of ['orientation_advisor', 'ep_secretariat', 'medical_team'] as const) {
      expect(scopeErrors({ role, hubId: null, structureId: null })).toEqual([
        { path: 'hubId', message: "Ce rôle doit être rattaché à un pôle d'insertion." },
      ]);
      expect(scopeErrors({ role, hubId: HUB, structureId: null })).toEqual([]);
    }
  });

  it('requires a structure, and only a structure, for référents and operators', () => {
    expect(scopeErrors({ role: 'referent', hubId: null, structureId: STRUCTURE })).toEqual([]);
    expect(scopeErrors({ role: 'operator', hubId: null, structureId: null }).map((e) => e.path)).toEqual([
      'structureId',
    ]);
    expect(scopeErrors({ role: 'referent', hubId: HUB, structureId: STRUCTURE }).map((e) => e.path)).toEqual([
      'hubId',
    ]);
  });

  it('gives département-wide roles no pôle nor structure', () => {
    expect(scopeErrors({ role: 'administrator', hubId: null, structureId: null })).toEqual([]);
    expect(scopeErrors({ role: 'steering', hubId: HUB, structureId: STRUCTURE }).map((e) => e.path)).toEqual([
      'hubId',
      'structureId',
    ]);
  });

  it('refuses beneficiary accounts from the agents’ form', () => {
    expect(scopeErrors({ role: 'beneficiary', hubId: null, structureId: null }).map((e) => e.path)).toEqual([
      'role',
    ]);
  });
});
