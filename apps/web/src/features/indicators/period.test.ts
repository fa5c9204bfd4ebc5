import { describe, expect, it } from 'vitest';
import {
  filtersFromParams,
  lastFullMonth,
  lastFullQuarter,
  lastFullYear,
  paramsOf,
  periodLabel,
  territoryLabel,
  yearToDate,
} from './period';

describe('periods of the indicators screen', () => {
  it('defaults to 1 January of the current year up to today', () => {
    expect(yearToDate('2026-12-02')).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(filtersFromParams(new URLSearchParams(), '2026-12-02')).toEqual({
      from: '2026-01-01',
      to: '2026-12-02',
      hub: undefined,
    });
  });

  it('the last full month ends on its last day, February of a leap year included, and crosses a year', () => {
    expect(lastFullMonth('2024-03-15')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(lastFullMonth('2026-01-01')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(lastFullMonth('2026-12-31')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('the last full quarter is the calendar quarter before today’s', () => {
    expect(lastFullQuarter('2026-12-02')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(lastFullQuarter('2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(lastFullQuarter('2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });

  it('the last year is the previous calendar year', () => {
    expect(lastFullYear('2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('keeps the address’s values as typed (the API judges them) and round-trips them', () => {
    const params = new URLSearchParams('from=2026-13-01&to=2026-03-31&hub=P13-01');
    const filters = filtersFromParams(params, '2026-12-02');
    expect(filters).toEqual({ from: '2026-13-01', to: '2026-03-31', hub: 'P13-01' });
    expect(paramsOf(filters, { indicator: 'newEntrants' }).toString()).toBe(
      'indicator=newEntrants&from=2026-13-01&to=2026-03-31&hub=P13-01',
    );
    expect(paramsOf({ from: '2026-01-01', to: '2026-01-31', hub: undefined }).toString()).toBe(
      'from=2026-01-01&to=2026-01-31',
    );
  });

  it('says the period and the territory in French', () => {
    expect(periodLabel({ from: '2026-01-01', to: '2026-03-31' })).toBe('du 01/01/2026 au 31/03/2026');
    const hubs = [{ id: '8f0c', code: 'P13-01', name: 'Pôle d’insertion Marseille 1' }];
    expect(territoryLabel(undefined, hubs)).toBe('Tout le département');
    expect(territoryLabel('P13-01', hubs)).toBe('Pôle d’insertion Marseille 1');
    expect(territoryLabel('XX', hubs)).toBe('Pôle XX');
  });
});
