import { describe, expect, it } from 'vitest';
import { contractStepLabel } from './contract-timeline';

describe('contract steps on the timeline', () => {
  it('says who signed and how, in French', () => {
    expect(
      contractStepLabel({
        step: 'signed',
        method: 'agent',
        signerName: 'Sophie Référente',
        versionNumber: 1,
      }),
    ).toBe("Contrat d'engagement signé par la structure (Sophie Référente) (version 1)");
    expect(contractStepLabel({ step: 'signed', method: 'on_screen', versionNumber: 2 })).toBe(
      "Contrat d'engagement signé par la personne, sur place (version 2)",
    );
    expect(contractStepLabel({ step: 'signed', method: 'beneficiary_space', versionNumber: 1 })).toBe(
      "Contrat d'engagement signé par la personne, depuis son espace (version 1)",
    );
  });

  it('dates the period and gives the reason of an end or a cancellation', () => {
    expect(contractStepLabel({ step: 'in_force', startDate: '2026-01-05', endDate: '2026-07-04' })).toBe(
      "Contrat d'engagement en vigueur du 05/01/2026 au 04/07/2026",
    );
    expect(contractStepLabel({ step: 'ended', reason: 'Reprise d’emploi' })).toBe(
      "Contrat d'engagement terminé (motif : Reprise d’emploi)",
    );
    expect(contractStepLabel({ step: 'amended', versionNumber: 3 })).toBe(
      "Avenant au contrat d'engagement ouvert (version 3)",
    );
    expect(contractStepLabel({ step: 'inconnu' })).toBe("Contrat d'engagement");
  });

  it('says that the person refused to sign, with the date (a fact failures are detected from)', () => {
    expect(
      contractStepLabel({
        step: 'back_to_draft',
        versionNumber: 2,
        personRefused: true,
        refusedOn: '2026-11-30',
      }),
    ).toBe(
      "Contrat d'engagement repris en brouillon (version 2) : la personne a refusé de le signer le 30/11/2026",
    );
    expect(
      contractStepLabel({ step: 'cancelled', personRefused: true, refusedOn: '2026-11-30', reason: 'Refus' }),
    ).toBe("Contrat d'engagement annulé : la personne a refusé de le signer le 30/11/2026 (motif : Refus)");
    expect(contractStepLabel({ step: 'back_to_draft', versionNumber: 1 })).toBe(
      "Contrat d'engagement repris en brouillon (version 1)",
    );
  });
});
