import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  dataInclusionPublicLabels,
  dataInclusionPublics,
  dataInclusionServiceTypes,
  dataInclusionThematiques,
  serviceTypeLabels,
  thematiqueFamily,
  thematiqueFamilyLabels,
  thematiqueLabels,
} from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { needFamilies, sessionState, thematiquesForNeed } from './catalogue-needs';

describe('data·inclusion labels', () => {
  it('gives every code a French label, and no label to an unknown code', () => {
    expect(dataInclusionThematiques).toHaveLength(69);
    for (const code of dataInclusionThematiques) expect(thematiqueLabels[code], code).toMatch(/\S/);
    expect(Object.keys(thematiqueLabels).sort()).toEqual([...dataInclusionThematiques].sort());
    for (const family of new Set(dataInclusionThematiques.map(thematiqueFamily)))
      expect(thematiqueFamilyLabels[family], family).toMatch(/\S/);
    expect(Object.keys(dataInclusionPublicLabels).sort()).toEqual([...dataInclusionPublics].sort());
    expect(dataInclusionPublics).toHaveLength(14);
    expect(Object.keys(serviceTypeLabels).sort()).toEqual([...dataInclusionServiceTypes].sort());
    expect(dataInclusionServiceTypes).toHaveLength(6);
  });
});

const referential = JSON.parse(
  readFileSync(
    path.resolve(import.meta.dirname, '../../orientation/infra/reference/diagnostic-referential.json'),
    'utf8',
  ),
) as { themes: { id: string }[] };

describe('needs → thématiques', () => {
  it('maps every theme of the national referential to existing families', () => {
    const families = new Set(dataInclusionThematiques.map(thematiqueFamily));
    for (const theme of referential.themes) {
      expect(needFamilies[theme.id], theme.id).toBeDefined();
      for (const f of needFamilies[theme.id]!) expect(families.has(f), f).toBe(true);
      expect(thematiquesForNeed(theme.id)!.length).toBeGreaterThan(0);
    }
  });

  it('expands a theme to the codes of its families, takes a family or a code, refuses the unknown', () => {
    const mobility = thematiquesForNeed('mobilite')!;
    expect(mobility).toContain('mobilite--preparer-un-permis');
    expect(mobility.every((c) => c.startsWith('mobilite--'))).toBe(true);
    expect(thematiquesForNeed('famille')).toContain('famille--garde-denfants');
    expect(thematiquesForNeed('contraintes_familiales')).toEqual(thematiquesForNeed('famille'));
    expect(thematiquesForNeed('sante--addictions')).toEqual(['sante--addictions']);
    expect(thematiquesForNeed('inconnu')).toBeNull();
  });
});

describe('session state', () => {
  const s = { status: 'planned', endsOn: '2026-06-30', capacity: 10 };
  it('is open, full, finished or cancelled', () => {
    expect(sessionState(s, 9, '2026-06-01')).toBe('open');
    expect(sessionState(s, 10, '2026-06-01')).toBe('full');
    expect(sessionState(s, 0, '2026-06-30')).toBe('open');
    expect(sessionState(s, 0, '2026-07-01')).toBe('finished');
    expect(sessionState({ ...s, status: 'cancelled' }, 0, '2026-06-01')).toBe('cancelled');
  });
});
