import { describe, expect, it } from 'vitest';
import { timelineLabel } from './timeline-events';

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
  it('describes the orientation steps without any medical detail', () => {
    expect(
      timelineLabel('convocation', { appointmentOn: '2026-12-03', channels: ['letter', 'email', 'sms'] }),
    ).toBe('Convocation au rendez-vous du 03/12/2026 (courrier, e-mail, SMS)');
    expect(timelineLabel('appointment', { purpose: 'orientation', status: 'noshow' })).toBe(
      "Rendez-vous d'orientation absence",
    );
    expect(timelineLabel('diagnosis', { versionNo: 2 })).toBe('Diagnostic socio-professionnel (version 2)');
    expect(
      timelineLabel('orientation', {
        pathway: 'professional',
        structureName: 'Mission locale de Marseille',
        overridden: true,
        reorientation: true,
      }),
    ).toBe(
      'Réorientation professionnelle vers Mission locale de Marseille (proposition du système modifiée par le conseiller)',
    );
    expect(timelineLabel('medical_referral', { status: 'completed' })).toBe(
      "Avis de l'équipe médicale rendu",
    );
  });
});
