import { describe, expect, it } from 'vitest';
import { timelineLabel } from '../../timeline-events';

describe('aids on the timeline', () => {
  it('names the kind and the amount of each step, and the order', () => {
    expect(timelineLabel('aid_requested', { kind: 'driving_licence', amountCents: 120_000 })).toBe(
      'Demande d’aide individuelle : Aide à l’obtention du permis de conduire (1\u00a0200,00\u00a0€)',
    );
    expect(
      timelineLabel('aid_ordered', { kind: 'meals', amountCents: 1_550, orderNumber: 'OP-2026-0001' }),
    ).toBe('Aide individuelle mise en paiement : Aide aux repas (15,50\u00a0€) (ordre OP-2026-0001)');
    expect(timelineLabel('aid_paid', { kind: 'travel', amountCents: 4_500 })).toBe(
      'Aide individuelle payée : Aide aux déplacements (45,00\u00a0€)',
    );
  });
});
