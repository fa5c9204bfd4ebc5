import { describe, expect, it } from 'vitest';
import { normalizeTime, parseIsoDate } from './dates';

describe('parseIsoDate', () => {
  it('accepts YYYY-MM-DD and DD/MM/YYYY', () => {
    expect(parseIsoDate('2026-01-05')).toEqual({ date: '2026-01-05' });
    expect(parseIsoDate(' 05/01/2026 ')).toEqual({ date: '2026-01-05' });
    expect(parseIsoDate('2024-02-29')).toEqual({ date: '2024-02-29' });
  });

  it('rejects impossible dates with the date in French order', () => {
    expect(parseIsoDate('2026-02-31')).toEqual({ error: 'date impossible : 31/02/2026' });
    expect(parseIsoDate('31/02/2026')).toEqual({ error: 'date impossible : 31/02/2026' });
    expect(parseIsoDate('2025-02-29')).toEqual({ error: 'date impossible : 29/02/2025' });
    expect(parseIsoDate('1900-02-29')).toEqual({ error: 'date impossible : 29/02/1900' });
    expect(parseIsoDate('2026-13-01')).toEqual({ error: 'date impossible : 01/13/2026' });
    expect(parseIsoDate('2026-04-00')).toEqual({ error: 'date impossible : 00/04/2026' });
  });

  it('rejects other formats and out-of-range years', () => {
    expect(parseIsoDate('2026-1-5')).toEqual({
      error: 'date invalide : « 2026-1-5 » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)',
    });
    expect(parseIsoDate('05/01/2026', { isoOnly: true })).toEqual({
      error: 'date invalide : « 05/01/2026 » (attendu AAAA-MM-JJ)',
    });
    expect(parseIsoDate('0026-01-05')).toEqual({ error: 'date hors limites : 05/01/0026' });
  });
});

describe('normalizeTime', () => {
  it('drops fractions and time zones', () => {
    expect(normalizeTime('01:18:36.0000')).toBe('01:18:36');
    expect(normalizeTime('23:59:59')).toBe('23:59:59');
    expect(normalizeTime('07:05:00+01:00')).toBe('07:05:00');
    expect(normalizeTime('07:05')).toBe('07:05:00');
  });

  it('returns null for what is not a time', () => {
    expect(normalizeTime('25:00:00')).toBeNull();
    expect(normalizeTime('1:18:36')).toBeNull();
    expect(normalizeTime('')).toBeNull();
  });
});
