import { describe, expect, it } from 'vitest';
import { officialCommunes } from '../infra/official-communes';
import { checkTerritoryConfig, departmentCommunes } from './territory-config';

describe('departmentCommunes', () => {
  it('replaces Marseille by its 16 arrondissements', () => {
    const communes = departmentCommunes(officialCommunes(), '13');
    const codes = communes.map((c) => c.inseeCode);
    expect(codes).not.toContain('13055');
    for (let n = 1; n <= 16; n++) expect(codes).toContain(String(13200 + n));
    expect(codes).toContain('13001');
  });

  it('keeps a département without municipal arrondissements as it is', () => {
    const communes = departmentCommunes(officialCommunes(), '84');
    expect(communes.find((c) => c.inseeCode === '84007')?.name).toBe('Avignon');
  });
});

describe('checkTerritoryConfig', () => {
  const codes = new Set(['13201', '13202', '13203']);
  it('lists unknown communes, duplicates and gaps', () => {
    const result = checkTerritoryConfig(
      {
        departmentCode: '13',
        name: 'Bouches-du-Rhône',
        hubs: [
          { code: 'a', name: 'Pôle A', communes: ['13201', '99999'] },
          { code: 'b', name: 'Pôle B', communes: ['13201'] },
        ],
      },
      codes,
    );
    expect(result.errors).toEqual([
      'pôle a : commune 99999 inconnue dans le département',
      'commune 13201 rattachée à deux pôles (a, b)',
    ]);
    expect(result.unassigned).toEqual(['13202', '13203']);
  });
});
