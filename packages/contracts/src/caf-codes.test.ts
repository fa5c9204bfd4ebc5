import { describe, expect, it } from 'vitest';
import {
  closureReasonCodes,
  closureReasonLabels,
  codeLabel,
  contactConsentCodes,
  contactConsentLabels,
  familySituationCodes,
  familySituationLabel,
  familySituationLabels,
  householdRoleCodes,
  householdRoleLabels,
  paymentSuspensionCodes,
  paymentSuspensionLabels,
  rightSuspensionCodes,
  rightSuspensionLabels,
  rightsStatusCodes,
  rightsStatusLabel,
  rightsStatusLabels,
} from './caf-codes';

const lists = {
  SITFAM: [familySituationCodes, familySituationLabels],
  ETATDOSRSA: [rightsStatusCodes, rightsStatusLabels],
  ROLEPERS: [householdRoleCodes, householdRoleLabels],
  MOTICLORSA: [closureReasonCodes, closureReasonLabels],
  MOTISUSVERSRSA: [paymentSuspensionCodes, paymentSuspensionLabels],
  MOTISUSDRORSA: [rightSuspensionCodes, rightSuspensionLabels],
  AUTORUTITEL: [contactConsentCodes, contactConsentLabels],
} as const;

describe('CAF code lists', () => {
  it.each(Object.entries(lists))(
    '%s: every code has a French label, and only those',
    (_name, [codes, labels]) => {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const label = (labels as Record<string, string>)[code]!;
        expect(label.trim().length).toBeGreaterThan(2);
        expect(label).not.toBe(code);
      }
    },
  );

  it('names an unknown code instead of showing it bare, and a missing one as a dash', () => {
    expect(familySituationLabel('XYZ')).toBe('Code inconnu (XYZ)');
    expect(rightsStatusLabel('9')).toBe('Code inconnu (9)');
    expect(familySituationLabel(null)).toBe('—');
    expect(familySituationLabel('  ')).toBe('—');
  });

  it('reads codes whatever their case and trailing spaces (the flux pads them)', () => {
    expect(familySituationLabel('sef ')).toBe('Séparé(e) de fait');
    expect(codeLabel(closureReasonLabels, 'PCG')).toBe('Décision du président du conseil départemental');
  });

  it('agrees the family situation with the person’s sex when it is known', () => {
    expect(familySituationLabel('SEP', 'F')).toBe('Séparée');
    expect(familySituationLabel('SEP', 'M')).toBe('Séparé');
    expect(familySituationLabel('SEP', null)).toBe('Séparé(e)');
    expect(familySituationLabel('DIV', 'F')).toBe('Divorcée');
    expect(familySituationLabel('VEU', 'F')).toBe('Veuve');
    expect(familySituationLabel('VEU', 'M')).toBe('Veuf');
    expect(familySituationLabel('CEL', 'F')).toBe('Célibataire');
  });
});
