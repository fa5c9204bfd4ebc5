import { describe, expect, it } from 'vitest';
import { hasPermission, roles } from './roles';

describe('role permissions', () => {
  it('keeps administration to administrators', () => {
    for (const role of roles) {
      const admin = role === 'administrator';
      expect(hasPermission(role, 'accounts.manage'), role).toBe(admin);
      expect(hasPermission(role, 'audit.read'), role).toBe(admin);
      expect(hasPermission(role, 'jobs.manage'), role).toBe(admin);
      expect(hasPermission(role, 'territory.manage'), role).toBe(admin);
    }
  });

  it('lets every agent read the territory, and the beneficiary only their own session', () => {
    for (const role of roles)
      expect(hasPermission(role, 'territory.read'), role).toBe(role !== 'beneficiary');
    expect(hasPermission('beneficiary', 'session.self')).toBe(true);
  });
});
