import {
  allowedTargets,
  exitLabel,
  exitTypes,
  isExitType,
  referralExitSchema,
  referralWorkflow,
  transitionRefusal,
} from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { answerDueOn, defaultReferralDelayRules, isOverdue } from './delays';

describe('referral workflow table', () => {
  it('lets the operator answer, enter and exit, and the référent cancel before the entry', () => {
    expect(allowedTargets(referralWorkflow, 'sent', 'operator')).toEqual(['accepted', 'refused']);
    expect(allowedTargets(referralWorkflow, 'accepted', 'operator')).toEqual(['refused', 'entered']);
    expect(allowedTargets(referralWorkflow, 'entered', 'operator')).toEqual(['exited']);
    // An exit may be corrected.
    expect(allowedTargets(referralWorkflow, 'exited', 'operator')).toEqual(['exited']);
    expect(allowedTargets(referralWorkflow, 'sent', 'referent')).toEqual(['cancelled']);
    expect(allowedTargets(referralWorkflow, 'accepted', 'structure_manager')).toEqual(['cancelled']);
    expect(allowedTargets(referralWorkflow, 'entered', 'referent')).toEqual([]);
  });

  it('refuses the référent the operator’s moves and the operator the cancellation', () => {
    expect(transitionRefusal(referralWorkflow, 'sent', 'accepted', 'referent')?.kind).toBe('forbidden');
    expect(transitionRefusal(referralWorkflow, 'sent', 'cancelled', 'operator')?.kind).toBe('forbidden');
    expect(transitionRefusal(referralWorkflow, 'sent', 'accepted', 'administrator')?.kind).toBe('forbidden');
  });

  it('keeps a refusal and a cancellation final, in French', () => {
    expect(transitionRefusal(referralWorkflow, 'refused', 'accepted', 'operator')).toEqual({
      kind: 'conflict',
      message: 'Cette fiche de liaison est close (refusée ou annulée) : elle ne peut plus être acceptée.',
    });
    expect(transitionRefusal(referralWorkflow, 'cancelled', 'entered', 'operator')?.message).toBe(
      'L’entrée se déclare sur une fiche acceptée.',
    );
    expect(transitionRefusal(referralWorkflow, 'sent', 'exited', 'operator')?.message).toBe(
      'La sortie se déclare après l’entrée dans l’action.',
    );
  });
});

describe('exit typology', () => {
  it('labels an exit by its category and type', () => {
    expect(exitLabel('positive', 'cdi')).toBe('Sortie positive — CDI');
    expect(exitLabel('abandonment', 'abandonment')).toBe('Abandon — Abandon');
    expect(exitLabel('positive', 'social_step')).toBeNull();
  });

  it('accepts a type only within its category', () => {
    for (const [category, types] of Object.entries(exitTypes))
      for (const type of Object.keys(types)) expect(isExitType(category, type)).toBe(true);
    expect(isExitType('positive', 'abandonment')).toBe(false);
    const parsed = referralExitSchema.safeParse({
      version: 1,
      exitedOn: '2026-03-02',
      exitCategory: 'positive',
      exitType: 'social_step',
    });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['exitType'],
      message: 'Ce type de sortie n’appartient pas à la catégorie choisie.',
    });
    const missing = referralExitSchema.safeParse({
      version: 1,
      exitedOn: '2026-03-02',
      exitCategory: '',
      exitType: '',
    });
    expect(missing.error?.issues.map((i) => i.message)).toEqual([
      'La catégorie de sortie est obligatoire.',
      'Le type de sortie est obligatoire.',
    ]);
  });
});

describe('unanswered referrals', () => {
  const rules = [
    ...defaultReferralDelayRules,
    { effectiveFrom: '2026-03-01', answerDays: 3, source: 'Délibération' },
  ];
  it('judges a referral by the delay in force on the day it was sent', () => {
    expect(answerDueOn(rules, '2026-02-20')).toBe('2026-03-02');
    expect(answerDueOn(rules, '2026-03-05')).toBe('2026-03-08');
  });
  it('flags only referrals still waiting for an answer once the due day has passed', () => {
    expect(isOverdue('sent', '2026-03-08', '2026-03-08')).toBe(false);
    expect(isOverdue('sent', '2026-03-08', '2026-03-09')).toBe(true);
    expect(isOverdue('accepted', '2026-03-08', '2026-03-20')).toBe(false);
  });
});

describe('timeline lines of a referral', () => {
  it('names the action, the reason and the exit in French', async () => {
    const { timelineLabel } = await import('../../../platform/timeline/registry');
    await import('./timeline-events');
    const action = { actionCode: '3-4', actionTitle: 'Action intermédiaire' };
    expect(timelineLabel('referral_sent', { ...action, sessionLabel: 'Marseille 3e' })).toBe(
      'Fiche de liaison envoyée : 3-4 — Action intermédiaire (session Marseille 3e)',
    );
    expect(timelineLabel('referral_refused', { ...action, reason: 'Session complète' })).toBe(
      'Fiche de liaison refusée par l’opérateur : 3-4 — Action intermédiaire — motif : Session complète',
    );
    expect(timelineLabel('referral_entered', { ...action, enteredOn: '2026-03-02' })).toBe(
      'Entrée dans l’action : 3-4 — Action intermédiaire le 02/03/2026',
    );
    expect(
      timelineLabel('referral_exited', { ...action, exitLabel: 'Sortie positive — CDI', corrected: true }),
    ).toBe('Sortie de l’action : 3-4 — Action intermédiaire — Sortie positive — CDI (correction)');
  });
});
