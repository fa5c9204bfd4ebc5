import type { EmploymentSituation, ObstacleSeverity } from '@parcours/contracts';
import { describe, expect, it } from 'vitest';
import { ageOn, type ProposalInput, proposeOrientation, SOCIAL_THEMES, socialBody } from './proposal';

const ON = '2026-03-15';
type Obstacle = { themeId: string; severity: ObstacleSeverity };

function input(
  opts: {
    birthDate?: string;
    couple?: boolean;
    children?: string[];
    situation?: EmploymentSituation;
    obstacles?: Obstacle[];
    noDiagnosis?: boolean;
  } = {},
): ProposalInput {
  return {
    onDate: ON,
    birthDate: opts.birthDate ?? '1980-05-10',
    household: { couple: opts.couple ?? false, childrenBirthDates: opts.children ?? [] },
    diagnosis: opts.noDiagnosis
      ? null
      : { employmentSituation: opts.situation ?? 'job_seeker', obstacles: opts.obstacles ?? [] },
    themeLabels: { logement: 'Logement', sante: 'Santé', mobilite: 'Mobilité', numerique: 'Numérique' },
  };
}

describe('age', () => {
  it('counts full years, the birthday itself included', () => {
    expect(ageOn('2000-03-15', '2026-03-15')).toBe(26);
    expect(ageOn('2000-03-16', '2026-03-15')).toBe(25);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

describe('orientation proposal', () => {
  it('sends a severe health obstacle to the medical team, before any other rule (even under 26)', () => {
    const p = proposeOrientation(
      input({
        birthDate: '2004-01-01',
        obstacles: [
          { themeId: 'sante', severity: 'severe' },
          { themeId: 'logement', severity: 'severe' },
        ],
      }),
    );
    expect(p).toMatchObject({ pathway: 'health', bodyKind: 'medical_team', rule: 'health_severe' });
    expect(p.reasons.join(' ')).toMatch(/frein de santé important/);
  });

  it('does not send a moderate health obstacle to the medical team', () => {
    const p = proposeOrientation(input({ obstacles: [{ themeId: 'sante', severity: 'moderate' }] }));
    expect(p.pathway).toBe('socio-professional');
  });

  it('sends a person under 26 to the mission locale, stating the age', () => {
    const p = proposeOrientation(
      input({ birthDate: '2000-03-16', obstacles: [{ themeId: 'logement', severity: 'severe' }] }),
    );
    expect(p).toMatchObject({ pathway: 'professional', bodyKind: 'mission_locale', rule: 'young_under_26' });
    expect(p.reasons).toContain(
      'La personne a 25 ans (moins de 26 ans) : la mission locale accompagne les jeunes vers l’emploi et la formation.',
    );
    // 26 on the day: no longer young.
    expect(proposeOrientation(input({ birthDate: '2000-03-15' })).rule).not.toBe('young_under_26');
  });

  describe('heavy social obstacles: social pathway with the routing rule of seed 000', () => {
    const heavy: Obstacle[] = [{ themeId: 'logement', severity: 'severe' }];

    it('isolated person without children → lieu d’accueil', () => {
      const p = proposeOrientation(input({ obstacles: heavy }));
      expect(p).toMatchObject({ pathway: 'social', bodyKind: 'lieu_accueil', rule: 'social_heavy' });
      expect(p.reasons[0]).toMatch(/Frein important : logement/);
      expect(p.reasons[1]).toMatch(/^Personne isolée sans enfant : .*lieu d’accueil/);
    });

    it('couple without children → lieu d’accueil', () => {
      const p = proposeOrientation(input({ couple: true, obstacles: heavy }));
      expect(p.bodyKind).toBe('lieu_accueil');
      expect(p.reasons[1]).toMatch(/^Couple sans enfant/);
    });

    it('couple whose children are all over 18 → lieu d’accueil', () => {
      const p = proposeOrientation(
        input({ couple: true, children: ['2000-01-01', '2008-03-15'], obstacles: heavy }),
      );
      expect(p.bodyKind).toBe('lieu_accueil');
      expect(p.reasons[1]).toMatch(/dont les enfants ont tous plus de 18 ans/);
    });

    it('family with a minor child (a child turning 18 tomorrow is still a minor) → MDS', () => {
      const p = proposeOrientation(
        input({ couple: true, children: ['2000-01-01', '2008-03-16'], obstacles: heavy }),
      );
      expect(p.bodyKind).toBe('mds');
      expect(p.reasons[1]).toMatch(/^Le couple a un enfant mineur à charge : .*MDS/);
    });

    it('isolated parent with minor children → MDS', () => {
      const p = proposeOrientation(input({ children: ['2015-01-01', '2019-06-01'], obstacles: heavy }));
      expect(p.bodyKind).toBe('mds');
      expect(p.reasons[1]).toMatch(/^La personne a 2 enfants mineurs/);
    });

    it('three moderate social obstacles cumulate into heavy ones', () => {
      const three: Obstacle[] = [
        { themeId: 'logement', severity: 'moderate' },
        { themeId: 'mobilite', severity: 'moderate' },
        { themeId: 'numerique', severity: 'moderate' },
      ];
      const p = proposeOrientation(input({ obstacles: three }));
      expect(p.rule).toBe('social_heavy');
      expect(p.reasons[0]).toMatch(/3 freins sociaux se cumulent \(logement, mobilité et numérique\)/);
      // Two are not enough.
      expect(proposeOrientation(input({ obstacles: three.slice(0, 2) })).rule).toBe(
        'socio_professional_obstacles',
      );
    });

    it('a person unavailable for a job with a moderate social obstacle is oriented social', () => {
      const p = proposeOrientation(
        input({ situation: 'unavailable', obstacles: [{ themeId: 'mobilite', severity: 'moderate' }] }),
      );
      expect(p.rule).toBe('social_heavy');
      expect(p.reasons[0]).toMatch(/indisponible pour un emploi/);
    });

    it('several situations of one theme count once, at their strongest severity', () => {
      const p = proposeOrientation(
        input({
          obstacles: [
            { themeId: 'logement', severity: 'light' },
            { themeId: 'logement', severity: 'moderate' },
            { themeId: 'logement', severity: 'moderate' },
          ],
        }),
      );
      expect(p.rule).toBe('socio_professional_obstacles');
      expect(p.reasons[0]).toMatch(/^Frein modéré relevé au diagnostic : logement\./);
    });

    it('a severe obstacle of a professional theme is not a social one', () => {
      expect(SOCIAL_THEMES.has('emploi')).toBe(false);
      const p = proposeOrientation(input({ obstacles: [{ themeId: 'formation', severity: 'severe' }] }));
      expect(p).toMatchObject({ pathway: 'socio-professional', bodyKind: 'plie' });
    });
  });

  it('moderate obstacles → socio-professional (PLIE), light ones are ignored', () => {
    const p = proposeOrientation(input({ obstacles: [{ themeId: 'mobilite', severity: 'moderate' }] }));
    expect(p).toMatchObject({
      pathway: 'socio-professional',
      bodyKind: 'plie',
      rule: 'socio_professional_obstacles',
    });
    expect(p.reasons[0]).toMatch(/PLIE/);
    const light = proposeOrientation(
      input({
        obstacles: [
          { themeId: 'mobilite', severity: 'light' },
          { themeId: 'sante', severity: 'light' },
        ],
      }),
    );
    expect(light.rule).toBe('professional_default');
  });

  it.each([
    ['long_term_unemployed', /sans emploi depuis plus d’un an/],
    ['never_worked', /n’a jamais travaillé/],
    ['unavailable', /indisponible pour un emploi/],
  ] as const)(
    'a person far from employment (%s) without obstacles → socio-professional',
    (situation, why) => {
      const p = proposeOrientation(input({ situation }));
      expect(p).toMatchObject({
        pathway: 'socio-professional',
        rule: 'socio_professional_far_from_employment',
      });
      expect(p.reasons[0]).toMatch(why);
    },
  );

  it.each(['job_seeker', 'employed_part_time', 'self_employed', 'in_training'] as const)(
    'otherwise (%s, no obstacle) → professional, France Travail',
    (situation) => {
      const p = proposeOrientation(input({ situation }));
      expect(p).toMatchObject({
        pathway: 'professional',
        bodyKind: 'france_travail',
        rule: 'professional_default',
      });
      expect(p.reasons).toEqual([
        'Aucun frein modéré ou important n’a été relevé : la personne est proche de l’emploi, France Travail l’accompagne.',
      ]);
    },
  );

  it('without a diagnosis, proposes from age and household only and says so', () => {
    const adult = proposeOrientation(input({ noDiagnosis: true }));
    expect(adult.rule).toBe('professional_default');
    expect(adult.reasons[0]).toMatch(/Aucun diagnostic n’est encore saisi/);
    const young = proposeOrientation(input({ noDiagnosis: true, birthDate: '2005-01-01' }));
    expect(young.bodyKind).toBe('mission_locale');
    expect(young.reasons).toHaveLength(2);
  });

  it('every proposal explains itself in French sentences', () => {
    const severities: ObstacleSeverity[] = ['light', 'moderate', 'severe'];
    for (const themeId of ['sante', 'logement', 'emploi']) {
      for (const severity of severities) {
        for (const birthDate of ['2005-01-01', '1970-01-01']) {
          const p = proposeOrientation(input({ birthDate, obstacles: [{ themeId, severity }] }));
          expect(p.reasons.length).toBeGreaterThan(0);
          for (const r of p.reasons) expect(r).toMatch(/^[A-Z0-9ÉÀ].+[.)]$/);
        }
      }
    }
  });
});

describe('social routing rule', () => {
  it.each([
    [false, 0, 0, 'lieu_accueil'],
    [true, 0, 0, 'lieu_accueil'],
    [true, 0, 2, 'lieu_accueil'],
    [false, 0, 1, 'lieu_accueil'],
    [false, 1, 0, 'mds'],
    [true, 2, 1, 'mds'],
  ] as const)('couple=%s, %i minor(s), %i adult child(ren) → %s', (couple, minors, adults, kind) => {
    expect(socialBody(couple, minors, adults).bodyKind).toBe(kind);
  });
});
