import { describe, expect, it } from 'vitest';
import { timelineLabel } from './timeline';

describe('timelineLabel', () => {
  it('names rights changes from a flux code or from a history import', () => {
    expect(timelineLabel('rights_change', { status: '2', subjectToDuties: true })).toBe(
      'Droits : Droit ouvert et versable, soumis aux droits et devoirs',
    );
    expect(timelineLabel('rights_change', { status: 'closed', subjectToDuties: false })).toBe(
      'Droits : droits clos, non soumis aux droits et devoirs',
    );
  });
  it('describes the pathway events in French', () => {
    expect(timelineLabel('orientation', { pathway: 'social', structureName: 'MDS Marseille 2/3' })).toBe(
      'Orientation sociale vers MDS Marseille 2/3',
    );
    expect(timelineLabel('contract', { weeklyHours: 15 })).toBe(
      "Contrat d'engagement signé (15 h par semaine)",
    );
    expect(timelineLabel('entry', {})).toMatch(/nouvel entrant/);
  });
});
