import { describe, expect, it } from 'vitest';
import { deriveRights } from './rights';

const c = (date: string, open: boolean, subjectToDuties: boolean) => ({ date, open, subjectToDuties });

describe('deriveRights', () => {
  it('enters when rights are open and subject while the previous state was not both', () => {
    const changes = [
      c('2025-09-01', true, true),
      c('2025-01-06', true, true),
      c('2025-04-07', false, true),
      c('2025-10-01', true, false),
      c('2025-11-03', true, true),
    ];
    const d = deriveRights(changes);
    expect(d.entries).toEqual(['2025-01-06', '2025-09-01', '2025-11-03']);
    expect(d.periods.map((p) => [p.validFrom, p.validTo, p.rightsStatus])).toEqual([
      ['2025-01-06', '2025-04-07', '2'],
      ['2025-04-07', '2025-09-01', '5'],
      ['2025-09-01', '2025-10-01', '2'],
      ['2025-10-01', '2025-11-03', '2'],
      ['2025-11-03', null, '2'],
    ]);
    expect(d.latest).toEqual({ open: true, subjectToDuties: true });
  });

  it('does not enter twice while nothing changes, nor when closed rights say subject', () => {
    expect(deriveRights([c('2025-01-06', true, true), c('2025-02-03', true, true)]).entries).toEqual([
      '2025-01-06',
    ]);
    expect(deriveRights([c('2025-01-06', false, true)]).entries).toEqual([]);
    expect(deriveRights([]).latest).toBeNull();
  });

  it('ends the last period where another source takes over', () => {
    expect(deriveRights([c('2025-01-06', true, true)], '2026-01-02').periods[0]?.validTo).toBe('2026-01-02');
  });
});
