import { describe, expect, it } from 'vitest';
import { historyContractStatus } from './history-rows';

describe('status of a contract taken over from the history', () => {
  const today = '2026-12-02';
  it('is in force between its dates (both days included), ended after, signed before its start', () => {
    expect(historyContractStatus({ start: '2026-06-01', end: '2026-12-02' }, today)).toBe('in_force');
    expect(historyContractStatus({ start: '2026-12-02', end: '2027-05-31' }, today)).toBe('in_force');
    expect(historyContractStatus({ start: '2026-01-01', end: '2026-12-01' }, today)).toBe('ended');
    expect(historyContractStatus({ start: '2026-12-03', end: '2027-06-02' }, today)).toBe('signed');
  });
});
