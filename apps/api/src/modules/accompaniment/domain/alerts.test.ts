import { describe, expect, it } from 'vitest';
import {
  type AlertContract,
  type AlertFacts,
  type AlertRule,
  addCalendarMonths,
  defaultAlertRules,
  deriveAlerts,
  ruleInForce,
} from './alerts';

const facts = (f: Partial<AlertFacts>): AlertFacts => ({
  orientation: null,
  followedSince: null,
  accompanimentAppointments: [],
  contracts: [],
  ...f,
});
const kinds = (f: Partial<AlertFacts>, today: string, rules?: readonly AlertRule[]) =>
  deriveAlerts(facts(f), today, rules).map((a) => a.kind);
const contract = (c: Partial<AlertContract>): AlertContract => ({
  id: 'c1',
  status: 'in_force',
  signedOn: '2026-01-10',
  startDate: '2026-01-10',
  endDate: '2026-07-09',
  ...c,
});
const social = (notifiedOn: string) => ({ notifiedOn, pathway: 'social' });
const pro = (notifiedOn: string) => ({ notifiedOn, pathway: 'professional' });

describe('calendar months', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-15', 2)).toBe('2026-05-15');
    expect(addCalendarMonths('2025-02-28', 12)).toBe('2026-02-28');
  });
  it('takes the rule in force at the date of the facts', () => {
    expect(ruleInForce(defaultAlertRules, '2024-12-31').contractLegalMonths).toBeNull();
    expect(ruleInForce(defaultAlertRules, '2025-01-01').contractLegalMonths).toBe(1);
  });
});

describe('(a) first accompaniment appointment within 14 days', () => {
  const orientation = { notifiedOn: '2026-09-01', pathway: 'socio-professional' };
  it('is due 14 days after the notice and late from the day after', () => {
    expect(kinds({ orientation }, '2026-09-15')).not.toContain('no_first_appointment');
    const late = deriveAlerts(facts({ orientation }), '2026-09-16').find(
      (a) => a.kind === 'no_first_appointment',
    );
    expect(late).toMatchObject({ dueDate: '2026-09-15', daysLate: 1 });
    expect(late?.label).toContain('1 jour de retard');
  });
  it('is met by any non-cancelled appointment on or after the notice, not by an older one', () => {
    expect(kinds({ orientation, accompanimentAppointments: ['2026-09-01'] }, '2026-10-01')).not.toContain(
      'no_first_appointment',
    );
    expect(kinds({ orientation, accompanimentAppointments: ['2026-08-31'] }, '2026-10-01')).toContain(
      'no_first_appointment',
    );
  });
  it('does not apply to the professional pathway', () => {
    expect(kinds({ orientation: pro('2026-09-01') }, '2026-10-01')).not.toContain('no_first_appointment');
    expect(kinds({ orientation: social('2026-09-01') }, '2026-10-01')).toContain('no_first_appointment');
  });
});

describe('(b), (c) a contract signed one month (legal) and two months (convention) after the notice', () => {
  it('counts calendar months from the notice: 31 January → 28 February', () => {
    const f = { orientation: pro('2026-01-31') };
    expect(kinds(f, '2026-02-28')).not.toContain('no_contract_legal');
    const legal = deriveAlerts(facts(f), '2026-03-01').find((a) => a.kind === 'no_contract_legal');
    expect(legal).toMatchObject({ dueDate: '2026-02-28', daysLate: 1 });
    expect(kinds(f, '2026-03-31')).not.toContain('no_contract_convention');
    expect(kinds(f, '2026-04-01')).toContain('no_contract_convention');
  });
  it('has no legal deadline for a notice before 2025 (the convention target stays)', () => {
    const k = kinds({ orientation: pro('2024-10-01') }, '2025-06-01');
    expect(k).not.toContain('no_contract_legal');
    expect(k).toContain('no_contract_convention');
  });
  it('is met by a contract signed on or after the notice only', () => {
    const orientation = pro('2026-03-10');
    const on = contract({ signedOn: '2026-03-10', startDate: '2026-03-10', endDate: '2026-09-09' });
    const before = contract({ signedOn: '2026-03-09', startDate: '2026-03-09', endDate: '2026-09-08' });
    expect(kinds({ orientation, contracts: [on] }, '2026-06-01')).not.toContain('no_contract_legal');
    const k = kinds({ orientation, contracts: [before] }, '2026-06-01');
    expect(k).toContain('no_contract_legal');
    expect(k).toContain('no_contract_convention');
    // A draft (not signed) does not count.
    const draft = contract({
      status: 'draft',
      signedOn: null,
      startDate: '2026-04-01',
      endDate: '2026-10-01',
    });
    expect(kinds({ orientation, contracts: [draft] }, '2026-06-01')).toContain('no_contract_legal');
  });
  it('follows a dated rule of the département', () => {
    const rules: AlertRule[] = [
      { ...defaultAlertRules[1]!, effectiveFrom: '2026-01-01', contractLegalMonths: 3 },
    ];
    expect(kinds({ orientation: pro('2026-02-01') }, '2026-04-15', rules)).not.toContain('no_contract_legal');
    expect(kinds({ orientation: pro('2026-02-01') }, '2026-05-02', rules)).toContain('no_contract_legal');
  });
});

describe('(d) contract in force ending within 30 days', () => {
  it('starts 30 days before the end and lasts until the end day', () => {
    const c = contract({ endDate: '2026-07-31' });
    expect(kinds({ contracts: [c] }, '2026-06-30')).not.toContain('contract_ending');
    const a = deriveAlerts(facts({ contracts: [c] }), '2026-07-01').find((x) => x.kind === 'contract_ending');
    expect(a).toMatchObject({ dueDate: '2026-07-31', daysLate: -30 });
    expect(a?.label).toContain('dans 30 jours');
    expect(kinds({ contracts: [c] }, '2026-07-31')).toContain('contract_ending');
    expect(
      kinds({ contracts: [contract({ status: 'ended', endDate: '2026-07-31' })] }, '2026-07-15'),
    ).not.toContain('contract_ending');
  });
  it('is silent once the next contract is signed', () => {
    const c = contract({ endDate: '2026-07-31' });
    const next = contract({
      id: 'c2',
      status: 'signed',
      signedOn: '2026-07-10',
      startDate: '2026-08-01',
      endDate: '2027-01-31',
    });
    expect(kinds({ contracts: [c, next] }, '2026-07-15')).not.toContain('contract_ending');
  });
});

describe('(e) contract expired without renewal', () => {
  it('starts the day after the end', () => {
    const c = contract({ endDate: '2026-07-31' });
    expect(kinds({ contracts: [c] }, '2026-07-31')).not.toContain('contract_expired');
    const a = deriveAlerts(facts({ contracts: [c] }), '2026-08-02').find(
      (x) => x.kind === 'contract_expired',
    );
    expect(a).toMatchObject({ dueDate: '2026-07-31', daysLate: 2 });
    expect(kinds({ contracts: [{ ...c, status: 'ended' }] }, '2026-08-02')).toContain('contract_expired');
  });
  it('is silent with a renewal, a later contract, or for a renewed or cancelled one', () => {
    const c = contract({ status: 'ended', endDate: '2026-07-31' });
    const next = contract({
      id: 'c2',
      signedOn: '2026-08-05',
      startDate: '2026-08-05',
      endDate: '2027-02-04',
    });
    expect(kinds({ contracts: [c, next] }, '2026-09-01')).not.toContain('contract_expired');
    expect(kinds({ contracts: [{ ...c, status: 'renewed' }] }, '2026-09-01')).not.toContain(
      'contract_expired',
    );
    expect(kinds({ contracts: [{ ...c, status: 'cancelled' }] }, '2026-09-01')).not.toContain(
      'contract_expired',
    );
  });
});

describe('(f) social pathway re-examined after 12 months', () => {
  it('is due 12 calendar months after the notice', () => {
    expect(kinds({ orientation: social('2025-02-28') }, '2026-02-28')).not.toContain('social_review');
    expect(kinds({ orientation: social('2025-02-28') }, '2026-03-01')).toContain('social_review');
    expect(kinds({ orientation: pro('2025-02-28') }, '2026-03-01')).not.toContain('social_review');
  });
});

describe('(g) followed before 2025, a contract by 1 January 2027', () => {
  it('shows the deadline for persons followed before the cutoff without a contract signed since', () => {
    const a = deriveAlerts(facts({ followedSince: '2024-12-31' }), '2026-12-02').find(
      (x) => x.kind === 'legacy_no_contract',
    );
    expect(a).toMatchObject({ dueDate: '2027-01-01', daysLate: -30 });
    expect(a?.label).toContain('01/01/2027');
    expect(kinds({ followedSince: '2025-01-01' }, '2026-12-02')).not.toContain('legacy_no_contract');
  });
  it('is met by a contract signed on or after 1 January 2025, not by an older one', () => {
    const old = contract({
      status: 'ended',
      signedOn: '2024-12-31',
      startDate: '2024-12-31',
      endDate: '2025-06-30',
    });
    const recent = contract({
      id: 'c2',
      signedOn: '2025-01-01',
      startDate: '2025-01-01',
      endDate: '2025-06-30',
      status: 'ended',
    });
    expect(kinds({ followedSince: '2023-05-01', contracts: [old] }, '2026-12-02')).toContain(
      'legacy_no_contract',
    );
    expect(kinds({ followedSince: '2023-05-01', contracts: [recent] }, '2026-12-02')).not.toContain(
      'legacy_no_contract',
    );
  });
});
