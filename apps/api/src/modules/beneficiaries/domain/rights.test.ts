import { describe, expect, it } from 'vitest';
import { isEntry, rightsState, sameRights } from './rights';

describe('isEntry', () => {
  const openSubject = rightsState('2', true);
  it('is an entry when rights open and subject to duties for the first time', () => {
    expect(isEntry(null, openSubject)).toBe(true);
  });
  it('is an entry again after a closure', () => {
    expect(isEntry(rightsState('5', true), openSubject)).toBe(true);
  });
  it('is an entry when an open right becomes subject to duties', () => {
    expect(isEntry(rightsState('2', false), openSubject)).toBe(true);
  });
  it('is not an entry while open and subject already, whatever the open state (2 → 4)', () => {
    expect(isEntry(openSubject, rightsState('4', true))).toBe(false);
    expect(isEntry(rightsState('Z', true), openSubject)).toBe(false);
  });
  it('is not an entry when closed or not subject', () => {
    expect(isEntry(null, rightsState('5', true))).toBe(false);
    expect(isEntry(null, rightsState('2', false))).toBe(false);
    expect(isEntry(null, rightsState('0', true))).toBe(false);
  });
  it('compares states on status and duties', () => {
    expect(sameRights(rightsState('2', true), rightsState('2', true))).toBe(true);
    expect(sameRights(rightsState('2', true), rightsState('3', true))).toBe(false);
    expect(sameRights(null, rightsState('2', true))).toBe(false);
  });
});
