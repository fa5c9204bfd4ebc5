import { describe, expect, it } from 'vitest';
import { personSearchQuerySchema } from './beneficiaries';
import { bigintId, calendarDate, dateInText, rowVersion } from './scalars';

describe('calendarDate', () => {
  it('accepts real dates in range only', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '1975-03-02'])
      expect(calendarDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '0000-00-00',
      '9999-12-31',
      '1899-12-31',
      '2101-01-01',
      '2026-1-01',
      ' 2026-01-01',
      '2026-01-01T00:00',
    ])
      expect(calendarDate.safeParse(bad).success, bad).toBe(false);
  });

  it('says why in French, with a stable code', () => {
    const impossible = calendarDate.safeParse('2026-02-30');
    expect(impossible.error?.issues[0]).toMatchObject({
      message: 'La date 30/02/2026 n’existe pas.',
      params: { code: 'date_impossible' },
    });
    expect(calendarDate.safeParse('9999-12-31').error?.issues[0]).toMatchObject({
      params: { code: 'date_out_of_range' },
    });
    expect(calendarDate.safeParse('31/12/2026').error?.issues[0]).toMatchObject({
      params: { code: 'date_format' },
    });
  });
});

describe('ids and numbers that reach SQL', () => {
  it('keeps bigint ids within PostgreSQL bigint', () => {
    expect(bigintId.safeParse('9223372036854775807').success).toBe(true);
    for (const bad of ['9223372036854775808', '99999999999999999999', '0', '-1', '1e3', '01', ''])
      expect(bigintId.safeParse(bad).success, bad).toBe(false);
  });

  it('keeps row versions within integer', () => {
    expect(rowVersion.safeParse(2147483647).success).toBe(true);
    for (const bad of [2147483648, -1, 0.5, Number.POSITIVE_INFINITY, '1'])
      expect(rowVersion.safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe('person search query', () => {
  it('finds the date written in the text, real or not', () => {
    expect(dateInText('Dupont 2/3/1975')).toEqual({ raw: '2/3/1975', iso: '1975-03-02' });
    expect(dateInText('31/02/2000')).toEqual({ raw: '31/02/2000', iso: '2000-02-31' });
    expect(dateInText('Dupont')).toBeNull();
  });

  it('refuses an impossible birth date, accepts a real one', () => {
    expect(personSearchQuerySchema.safeParse({ q: 'Martin 31/02/2000' }).success).toBe(false);
    expect(personSearchQuerySchema.safeParse({ q: '2026-02-29' }).success).toBe(false);
    expect(personSearchQuerySchema.safeParse({ q: 'Martin 29/02/2000' }).success).toBe(true);
  });
});
