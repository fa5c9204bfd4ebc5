import { describe, expect, it } from 'vitest';
import { inboxDeadlines } from './inbox-deadlines';
import {
  capOf,
  capRuleOn,
  defaultPortfolioCapRules,
  goesOverCap,
  leastLoaded,
  overCapProblem,
} from './portfolio-caps';

const base = defaultPortfolioCapRules[0]!;
const r = (id: string, lastName: string, load: number, cap: number, firstName = 'A') => ({
  id,
  firstName,
  lastName,
  load,
  cap,
});

describe('portfolio caps', () => {
  it('judges by the set in force on the day (dated rule)', () => {
    const later = { ...base, effectiveFrom: '2026-03-01', byKind: { ...base.byKind, mds: 90 }, source: 'x' };
    const rules = [later, base];
    expect(capRuleOn(rules, '2026-02-28').byKind.mds).toBe(150);
    expect(capRuleOn(rules, '2026-03-01').byKind.mds).toBe(90);
    expect(capRuleOn(rules, '2030-01-01').byKind.mds).toBe(90);
    // Before every rule: the oldest one.
    expect(capRuleOn(rules, '2019-05-01').effectiveFrom).toBe('2020-01-01');
  });

  it('gives the accompagnement global pair its own cap, else the structure kind’s', () => {
    expect(capOf(base, { globalSupportPair: true }, 'france_travail')).toBe(70);
    expect(capOf(base, { globalSupportPair: false }, 'lieu_accueil')).toBe(150);
    expect(capOf(base, { globalSupportPair: false }, 'plie')).toBe(80);
  });

  it('proposes the least loaded by load / cap, ties by name', () => {
    expect(leastLoaded([])).toBeNull();
    // 30/150 = 0.2 beats 20/70 ≈ 0.29 although its load is higher.
    expect(leastLoaded([r('a', 'Martin', 20, 70), r('b', 'Bernard', 30, 150)])?.id).toBe('b');
    expect(leastLoaded([r('a', 'Martin', 10, 100), r('b', 'Bernard', 10, 100)])?.id).toBe('b');
    expect(leastLoaded([r('a', 'Martin', 0, 100, 'Zoé'), r('b', 'martin', 0, 100, 'Anne')])?.id).toBe('b');
  });

  it('requires a reason only over the cap, naming the référent and the cap', () => {
    const full = r('a', 'Martin', 149, 150, 'Julie');
    expect(overCapProblem(full, 1, undefined)).toBeNull();
    expect(goesOverCap(full, 1)).toBe(false);
    const msg = overCapProblem(full, 3, undefined);
    expect(msg).toContain('Julie Martin');
    expect(msg).toContain('152 personnes pour un plafond de 150');
    expect(overCapProblem(full, 3, '  ')).not.toBeNull();
    expect(overCapProblem(full, 3, 'Famille déjà suivie')).toBeNull();
    expect(goesOverCap(full, 3)).toBe(true);
  });
});

describe('inbox deadlines', () => {
  it('flags the first appointment, the legal month and the convention’s two months', () => {
    const d = inboxDeadlines(
      { orientedOn: '2026-01-10', notifiedOn: '2026-01-12', pathway: 'social' },
      '2026-02-13',
    );
    expect(d.daysSinceOrientation).toBe(34);
    expect(d.firstAppointmentDue).toBe('2026-01-24');
    expect(d.firstAppointmentOverdue).toBe(true);
    expect(d.contractLegalDue).toBe('2026-02-12');
    expect(d.contractLegalOverdue).toBe(true);
    expect(d.contractConventionDue).toBe('2026-03-10');
    expect(d.contractConventionOverdue).toBe(false);
  });

  it('has no two-week target for the professional pathway, no legal month before 2025', () => {
    const d = inboxDeadlines(
      { orientedOn: '2024-11-02', notifiedOn: '2024-11-04', pathway: 'professional' },
      '2024-11-20',
    );
    expect(d.firstAppointmentDue).toBeNull();
    expect(d.firstAppointmentOverdue).toBe(false);
    expect(d.contractLegalDue).toBeNull();
    expect(d.contractLegalOverdue).toBe(false);
    // The day itself is not overdue.
    const same = inboxDeadlines(
      { orientedOn: '2026-01-10', notifiedOn: '2026-01-10', pathway: 'social' },
      '2026-01-24',
    );
    expect(same.firstAppointmentOverdue).toBe(false);
  });
});
