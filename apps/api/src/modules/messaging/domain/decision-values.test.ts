import { agreeText, renderTemplate } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { bodyAddress, decisionValues } from './decision-values';
import { defaultTemplates } from './defaults';

const facts = {
  decidedOn: '2026-03-02',
  pathway: 'socio-professional',
  programme: null,
  structureName: 'PLIE Marseille Provence',
  structureAddress: '2 rue Exemple',
  structurePostalCodes: ['13002'],
  structureCommune: 'Marseille 2e Arrondissement',
};
const letter = defaultTemplates.find((t) => t.code === 'orientation_decision' && t.channel === 'letter')!;

describe('the notification of an orientation', () => {
  it('prints the body’s full address under its name', () => {
    expect(bodyAddress(facts)).toBe('2 rue Exemple, 13002 Marseille 2e Arrondissement');
    // A street already followed by its city is kept as entered.
    expect(bodyAddress({ ...facts, structureAddress: '2 rue Exemple, 13002 Marseille' })).toBe(
      '2 rue Exemple, 13002 Marseille',
    );
    expect(bodyAddress({ ...facts, structureAddress: null })).toBe('13002 Marseille 2e Arrondissement');
    const text = renderTemplate(letter.body, { civilite: 'Madame', ...decisionValues(facts) });
    expect(text).toContain(
      'Votre accompagnement sera assuré par : PLIE Marseille Provence\n2 rue Exemple, 13002',
    );
  });

  it('has no "Programme" line without a programme, and names the programme when there is one', () => {
    const without = renderTemplate(letter.body, { civilite: 'Madame', ...decisionValues(facts) });
    expect(without).not.toMatch(/Programme/);
    expect(without).not.toMatch(/sans objet/);
    const withOne = renderTemplate(letter.body, {
      civilite: 'Madame',
      ...decisionValues({ ...facts, programme: 'accompagnement-global' }),
    });
    expect(withOne).toContain('Programme : Accompagnement global');
  });

  it('agrees with the person’s sex: "soumise" for a woman, "soumis" for a man', () => {
    const text = renderTemplate(letter.body, { civilite: 'Madame', ...decisionValues(facts) });
    expect(agreeText(text, 'F')).toContain('soumise aux droits et devoirs');
    expect(agreeText(text, 'M')).toContain('soumis aux droits et devoirs');
    expect(agreeText(text, 'F')).not.toContain('(e)');
  });

  it('keeps lines whose text stands without the placeholder', () => {
    expect(renderTemplate('a{{inconnu}}b\nProgramme : {{programme}}\nfin', { programme: '' })).toBe(
      'ab\nfin',
    );
    expect(renderTemplate('Programme : {{programme}}', { programme: 'Accompagnement global' })).toBe(
      'Programme : Accompagnement global',
    );
  });
});
