import { describe, expect, it } from 'vitest';
import {
  auditActionGroups,
  auditActionLabel,
  auditActionLabels,
  auditActions,
  isAuditAction,
} from './audit-actions';

describe('audit action labels', () => {
  it('gives every code one French label, in exactly one group', () => {
    const codes = Object.values(auditActionGroups).flatMap((g) => Object.keys(g.actions));
    expect(new Set(codes).size).toBe(codes.length);
    expect([...auditActions].sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      const label = auditActionLabel(code);
      expect(label, code).not.toBe(code);
      expect(label, code).toMatch(/^[A-ZÉ]/);
      expect(label, code).not.toMatch(/[a-z]+\.[a-z]+/);
    }
  });

  it('tells a known code from an older one, shown as it is', () => {
    expect(isAuditAction('person.read')).toBe(true);
    expect(auditActionLabels['person.read']).toBe('Consultation du dossier');
    expect(isAuditAction('toString')).toBe(false);
    expect(auditActionLabel('legacy.code')).toBe('legacy.code');
  });
});
