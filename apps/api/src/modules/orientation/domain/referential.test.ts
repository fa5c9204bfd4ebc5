import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referentialFileSchema, referentialItems, situationId, slugOf } from './referential';

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

  it('keeps an explicit id when a label is reworded, and refuses one of another theme', () => {
    const items = referentialItems({
      themes: [{ id: 'emploi', label: 'Emploi' }],
      situations: [
        { theme: 'emploi', label: 'Inscrit à France Travail', id: 'emploi.inscrit_a_pole_emploi' },
        { theme: 'emploi', label: 'Autre', id: 'logement.autre' },
      ],
    });
    expect(items.situations).toEqual([
      {
        id: 'emploi.inscrit_a_pole_emploi',
        themeId: 'emploi',
        label: 'Inscrit à France Travail',
        position: 1,
      },
    ]);
    expect(items.errors).toHaveLength(1);
  });
});

describe('shipped diagnostic referential', () => {
  const file = referentialFileSchema.parse(
    JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../infra/reference/diagnostic-referential.json'),
        'utf8',
      ),
    ),
  );

  it('says France Travail (no longer Pôle emploi), under the situation id diagnoses already use', () => {
    const items = referentialItems(file);
    expect(items.errors).toEqual([]);
    expect(items.situations.filter((s) => /p[oô]le emploi/i.test(s.label))).toEqual([]);
    expect(items.situations.find((s) => s.id === 'emploi.inscrit_a_pole_emploi')?.label).toBe(
      'Inscrit à France Travail',
    );
  });

  it('gives every objective a stable id derived from its theme and label', () => {
    const items = referentialItems(file);
    expect(items.objectives.length).toBe(58);
    expect(new Set(items.objectives.map((o) => o.id)).size).toBe(58);
    expect(items.objectives.find((o) => o.label === 'Confirmer son choix de métier')?.id).toBe(
      'choisir_un_metier.confirmer_son_choix_de_metier',
    );
    expect(items.objectives.every((o) => o.id.startsWith(`${o.themeId}.`))).toBe(true);
  });

  it('refuses an objective of an unknown theme', () => {
    const items = referentialItems({
      themes: [{ id: 'logement', label: 'Logement' }],
      situations: [],
      objectives: [{ theme: 'sport', label: 'Courir' }],
    });
    expect(items.errors).toEqual(['Objectif « Courir » : thème inconnu « sport ».']);
    expect(items.objectives).toEqual([]);
  });
});
