import { agreeText, renderTemplate, templatePlaceholders } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../messaging/domain/defaults';
import { builtInSanctionRegimes } from '../domain/sanction-rules';
import {
  APPEAL_WORDS,
  decisionValues,
  delayWords,
  epInvitationValues,
  factsValues,
  incurredSanctionWords,
  letterDate,
  priorNoticeValues,
  reinstatementValues,
  suspensionStart,
} from './letters';

const earlier = builtInSanctionRegimes.find((r) => r.regime === 'earlier')!;
const regime2025 = builtInSanctionRegimes.find((r) => r.regime === 'suspension_remobilisation_2025')!;
const single = { householdPersons: 1, singleParentIncrease: false, repeat: 1 as const };
const noShow = {
  kind: 'no_show' as const,
  factsDate: '2026-02-03',
  factsEndDate: null,
  facts: 'Absente au rendez-vous du pôle.',
};

/** Every placeholder of the code is given a value (an empty one is a choice, a missing one a bug). */
function expectAllPlaceholders(
  code: keyof typeof templatePlaceholders,
  values: Record<string, string>,
  own: string[],
) {
  const person = ['civilite', 'prenom', 'nom', 'departement', 'pole', 'contact'];
  const missing = templatePlaceholders[code]
    .map((p) => p.name)
    .filter((n) => !person.includes(n) && !own.includes(n) && !(n in values));
  expect(missing, code).toEqual([]);
}

describe('sanction letter values', () => {
  it('writes dates and delays as a letter does', () => {
    expect(letterDate('2026-05-01')).toBe('1er mai 2026');
    expect(letterDate('2026-02-13')).toBe('13 février 2026');
    expect(delayWords(1, 0)).toBe('1 mois');
    expect(delayWords(0, 15)).toBe('15 jours');
    expect(delayWords(2, 1)).toBe('2 mois et 1 jour');
    expect(suspensionStart('2026-04-10')).toBe('2026-05-01');
    expect(suspensionStart('2026-12-31')).toBe('2027-01-01');
  });

  it('states the facts, with the agent’s statement and a period when there is one', () => {
    expect(factsValues(noShow)).toEqual({
      faits:
        'absence sans motif légitime au rendez-vous auquel vous étiez convoqué(e) (« Absente au rendez-vous du pôle »)',
      date_faits: '3 février 2026',
    });
    expect(
      factsValues({
        kind: 'obligations_not_met',
        factsDate: '2026-01-05',
        factsEndDate: '2026-02-20',
        facts: null,
      }),
    ).toEqual({
      faits: 'non-respect des engagements inscrits dans votre contrat d’engagement',
      date_faits: 'du 5 janvier 2026 au 20 février 2026',
    });
  });

  it('names the sanction incurred under the regime of the facts’ date, capped for a household', () => {
    expect(incurredSanctionWords(regime2025, single)).toBe(
      'une suspension d’au moins 30 % de votre allocation, pouvant aller jusqu’à sa totalité, pendant 1 à 2 mois ; elle prendrait fin dès que vous respecteriez à nouveau vos engagements',
    );
    expect(incurredSanctionWords(regime2025, { ...single, householdPersons: 3, repeat: 2 })).toBe(
      'une suspension de 30 % à 50 % de votre allocation (au plus 50 %, votre foyer comptant plusieurs personnes), pendant 1 à 4 mois, ce manquement étant répété ; elle prendrait fin dès que vous respecteriez à nouveau vos engagements',
    );
    expect(incurredSanctionWords(regime2025, { ...single, singleParentIncrease: true })).toContain(
      'majoration pour isolement',
    );
    expect(incurredSanctionWords(earlier, single)).toBe(
      'une réduction de votre allocation pouvant aller jusqu’à 80 %, pendant 1 à 3 mois',
    );
    expect(incurredSanctionWords(earlier, { ...single, repeat: 2 })).toContain('radiation');
  });

  it('builds the prior notice: facts, regime, delay and deadline from the notice’s date', () => {
    const v = priorNoticeValues({
      failure: noShow,
      regime: regime2025,
      situation: single,
      procedure: { observationsDelayMonths: 1, observationsDelayDays: 0 },
      noticeSentOn: '2026-03-02',
    });
    expect(v).toMatchObject({
      date_faits: '3 février 2026',
      date_information: '2 mars 2026',
      delai_observations: '1 mois',
      date_limite_observations: '2 avril 2026',
    });
    expect(v.regime).toContain('suspension-remobilisation');
    expectAllPlaceholders('sanction_prior_notice', v, []);
    // The default letter reads whole, agreed with the person's sex, every right stated.
    const letter = defaultTemplates.find(
      (t) => t.code === 'sanction_prior_notice' && t.channel === 'letter',
    )!;
    const text = agreeText(
      renderTemplate(letter.body, {
        ...v,
        civilite: 'Madame',
        pole: 'Marseille 2/3',
        contact: 'par téléphone au 04 91 00 00 00',
      }),
      'F',
    );
    expect(text).toContain('convoquée');
    expect(text).toContain('2 avril 2026');
    expect(text).toContain('vous faire assister');
    expect(text).not.toMatch(/\{\{|\(e\)/);
  });

  it('builds the decision: a 2025 suspension ends by remobilisation, other decisions have no amounts', () => {
    const failure = noShow;
    const sanction = decisionValues({
      failure,
      regime: regime2025,
      decision: {
        kind: 'sanction',
        percent: 50,
        months: 2,
        decidedOn: '2026-04-10',
        notifiedOn: '2026-04-12',
        reason: null,
      },
    });
    expect(sanction).toMatchObject({
      decision: 'de suspendre 50 % de votre allocation de revenu de solidarité active pendant 2 mois',
      taux: '50 %',
      duree: '2 mois',
      date_debut: '1er mai 2026',
      date_decision: '10 avril 2026',
      voies_recours: APPEAL_WORDS,
    });
    expect(sanction.fin_sanction).toContain('en signant votre contrat d’engagement');
    expect(sanction.fin_sanction).toContain('le 30 juin 2026');
    expectAllPlaceholders('sanction_decision', sanction, []);

    const reduction = decisionValues({
      failure,
      regime: earlier,
      decision: {
        kind: 'sanction',
        percent: 80,
        months: 3,
        decidedOn: '2025-03-01',
        notifiedOn: '2025-03-03',
        reason: 'x',
      },
    });
    expect(reduction.decision).toBe(
      'de réduire de 80 % votre allocation de revenu de solidarité active pendant 3 mois',
    );
    expect(reduction.fin_sanction).toBe('Cette réduction prend fin à son terme, le 30 juin 2025.');

    const none = decisionValues({
      failure,
      regime: regime2025,
      decision: {
        kind: 'no_sanction',
        percent: null,
        months: null,
        decidedOn: '2026-04-10',
        notifiedOn: '2026-04-10',
        reason: null,
      },
    });
    expect(none).toMatchObject({ taux: '', duree: '', date_debut: '', fin_sanction: '', voies_recours: '' });
    const letter = defaultTemplates.find((t) => t.code === 'sanction_decision' && t.channel === 'letter')!;
    // The lines of a suspension vanish from a decision without one.
    const text = renderTemplate(letter.body, { ...none, civilite: 'Monsieur' });
    expect(text).toContain('de ne pas prononcer de sanction');
    expect(text).not.toContain('Taux');
    expect(text).not.toContain('Motif');
  });

  it('builds the EP invitation and the reinstatement decision', () => {
    const ep = epInvitationValues({ startsAt: new Date('2026-04-16T12:00:00Z'), place: 'Salle du conseil' });
    expect(ep).toMatchObject({
      date_ep: 'jeudi 16 avril 2026',
      heure_ep: '14 h',
      lieu_ep: 'Salle du conseil',
      faits: '',
    });
    expectAllPlaceholders('ep_invitation', ep, []);

    const yes = reinstatementValues({ decidedOn: '2026-05-05', reinstatedFrom: '2026-05-01' });
    expect(yes.decision_retablissement).toContain('rétablie à compter du 1er mai 2026');
    expect(yes.voies_recours).toBe('');
    expectAllPlaceholders('reinstatement_decision', yes, []);
    const no = reinstatementValues({
      decidedOn: '2026-05-05',
      refusalReason: 'Absences au SAS d’orientation.',
    });
    expect(no).toMatchObject({ motif_refus: 'Absences au SAS d’orientation', voies_recours: APPEAL_WORDS });
  });
});
