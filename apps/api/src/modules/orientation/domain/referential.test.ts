import { describe, expect, it } from 'vitest';
import { referentialItems, situationId, slugOf } from './referential';

describe('diagnostic referential ids', () => {
  it('derives a situation id from its theme and label, typography aside', () => {
    expect(situationId('logement', 'Hébergé chez un tiers')).toBe('logement.heberge_chez_un_tiers');
    expect(situationId('logement', '  HÉBERGÉ chez un tiers ! ')).toBe('logement.heberge_chez_un_tiers');
    expect(slugOf('Aidant familial (s’occuper d’un proche)')).toBe('aidant_familial_s_occuper_d_un_proche');
    expect(slugOf("Aidant familial (s'occuper d'un proche)")).toBe('aidant_familial_s_occuper_d_un_proche');
    // A reworded label is another situation.
    expect(situationId('logement', 'Logement insalubre')).not.toBe(
      situationId('logement', 'Logement indigne'),
    );
  });

  it('keeps the same label of two themes apart, merges a repeated one, reports an unknown theme', () => {
    const items = referentialItems({
      themes: [
        { id: 'emploi', label: 'Emploi' },
        { id: 'formation', label: 'Formation' },
      ],
      situations: [
        { theme: 'emploi', label: 'Prêt à suivre une formation' },
        { theme: 'formation', label: 'Prêt à suivre une formation' },
        { theme: 'formation', label: 'Prêt à suivre une Formation' },
        { theme: 'formation', label: 'A déjà identifié une formation' },
        { theme: 'sport', label: 'Court vite' },
      ],
    });
    expect(items.situations.map((s) => [s.id, s.position])).toEqual([
      ['emploi.pret_a_suivre_une_formation', 1],
      ['formation.pret_a_suivre_une_formation', 1],
      ['formation.a_deja_identifie_une_formation', 2],
    ]);
    expect(items.errors).toEqual(['Situation « Court vite » : thème inconnu « sport ».']);
  });
});
