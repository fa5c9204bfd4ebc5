import { describe, expect, it } from 'vitest';
import { frenchDate, frenchLongDate, frenchTime, parisDay } from './format';

describe('French dates in Europe/Paris', () => {
  it('writes the Paris day and time whatever the server zone', () => {
    // 08:30 UTC in winter is 9 h 30 in Paris; in summer 10 h 30.
    expect(frenchLongDate(new Date('2026-03-10T08:30:00Z'))).toBe('mardi 10 mars 2026');
    expect(frenchTime(new Date('2026-03-10T08:30:00Z'))).toBe('9 h 30');
    expect(frenchTime(new Date('2026-07-01T12:00:00Z'))).toBe('14 h');
    // 23:30 UTC on 31 Dec is already 1 January in Paris.
    expect(parisDay(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(frenchDate('2026-03-02')).toBe('2 mars 2026');
  });
});
