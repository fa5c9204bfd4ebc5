import type {
  EmploymentSituation,
  ObstacleSeverity,
  OrientationPathway,
  OrientationProposalRule,
  StructureKind,
} from '@parcours/contracts';

/**
 * The orientation the system proposes from the person, the household and the latest diagnosis.
 * Pure: the rule table is documented in docs/orientation-rules.md and tested exhaustively; the
 * advisor decides and may choose otherwise with a reason.
 */
export interface ProposalInput {
  /** Reference date of the proposal (decision date, or today on the workspace). */
  onDate: string;
  birthDate: string;
  household: {
    /** Another adult (demandeur or conjoint) lives in the household. */
    couple: boolean;
    /** Birth dates of the household's children (role ENF). */
    childrenBirthDates: readonly string[];
  };
  diagnosis: {
    employmentSituation: EmploymentSituation;
    obstacles: readonly { themeId: string; severity: ObstacleSeverity }[];
  } | null;
  /** French labels of the themes, for the explanations (falls back to the id). */
  themeLabels?: Readonly<Record<string, string>>;
}

export interface Proposal {
  pathway: OrientationPathway;
  bodyKind: StructureKind;
  rule: OrientationProposalRule;
  reasons: string[];
}

/** Themes of the diagnostic referential that are social obstacles (freins périphériques). */
export const SOCIAL_THEMES: ReadonlySet<string> = new Set([
  'logement',
  'difficulte_administrative',
  'difficulte_financiere',
  'sante',
  'contraintes_familiales',
  'maitrise_langue',
  'mobilite',
  'numerique',
]);
export const HEALTH_THEME = 'sante';
export const YOUNG_AGE_LIMIT = 26;
export const ADULT_AGE = 18;
/** From this many social themes at moderate severity or more, obstacles are heavy (cumulated). */
export const CUMULATED_SOCIAL_THEMES = 3;

/** Full years between a birth date and a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

const rank: Record<ObstacleSeverity, number> = { light: 1, moderate: 2, severe: 3 };

function label(themeId: string, labels?: Readonly<Record<string, string>>) {
  return (labels?.[themeId] ?? themeId).toLowerCase();
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** Social accompaniment body (seed 000): lieux d'accueil for persons without minor children, MDS for families with minors. */
export function socialBody(
  couple: boolean,
  minorChildren: number,
  adultChildren: number,
): { bodyKind: 'mds' | 'lieu_accueil'; reason: string } {
  if (minorChildren > 0) {
    const who = couple ? 'Le couple' : 'La personne';
    return {
      bodyKind: 'mds',
      reason: `${who} a ${minorChildren === 1 ? 'un enfant mineur' : `${minorChildren} enfants mineurs`} à charge : l’accompagnement social des familles avec enfants mineurs est assuré par la maison départementale de la solidarité (MDS).`,
    };
  }
  const who = couple ? 'Couple' : 'Personne isolée';
  const children =
    adultChildren > 0
      ? adultChildren === 1
        ? ' dont l’enfant a plus de 18 ans'
        : ' dont les enfants ont tous plus de 18 ans'
      : ' sans enfant';
  return {
    bodyKind: 'lieu_accueil',
    reason: `${who}${children} : l’accompagnement social est assuré par un lieu d’accueil (les lieux d’accueil prennent en charge les personnes isolées et les couples sans enfant mineur).`,
  };
}

export function proposeOrientation(input: ProposalInput): Proposal {
  const age = ageOn(input.birthDate, input.onDate);
  const childrenAges = input.household.childrenBirthDates.map((b) => ageOn(b, input.onDate));
  const minors = childrenAges.filter((a) => a < ADULT_AGE).length;
  const adults = childrenAges.length - minors;
  const obstacles = input.diagnosis?.obstacles ?? [];
  const reasons: string[] = [];
  if (!input.diagnosis) {
    reasons.push(
      'Aucun diagnostic n’est encore saisi : la proposition ne tient compte que de l’âge et du foyer.',
    );
  }

  // Strongest severity per theme (several situations of one theme count once).
  const byTheme = new Map<string, ObstacleSeverity>();
  for (const o of obstacles) {
    const before = byTheme.get(o.themeId);
    if (!before || rank[o.severity] > rank[before]) byTheme.set(o.themeId, o.severity);
  }
  const themesAt = (min: ObstacleSeverity, social: boolean | null) =>
    [...byTheme]
      .filter(([t, s]) => rank[s] >= rank[min] && (social === null || SOCIAL_THEMES.has(t) === social))
      .map(([t]) => t);

  // 1. A severe health obstacle comes first: the medical team of the pôle.
  if (byTheme.get(HEALTH_THEME) === 'severe') {
    reasons.push(
      `Un frein de santé important a été relevé au diagnostic : l’équipe médicale du pôle évalue d’abord ce qui est compatible avec l’état de santé de la personne.`,
    );
    return { pathway: 'health', bodyKind: 'medical_team', rule: 'health_severe', reasons };
  }

  // 2. Under 26: the mission locale.
  if (age < YOUNG_AGE_LIMIT) {
    reasons.push(
      `La personne a ${age} ans (moins de ${YOUNG_AGE_LIMIT} ans) : la mission locale accompagne les jeunes vers l’emploi et la formation.`,
    );
    return { pathway: 'professional', bodyKind: 'mission_locale', rule: 'young_under_26', reasons };
  }

  // 3. Heavy social obstacles: a severe one, a cumulation, or no availability for a job with obstacles.
  const severeSocial = themesAt('severe', true);
  const moderateSocial = themesAt('moderate', true);
  const unavailable = input.diagnosis?.employmentSituation === 'unavailable';
  let heavy: string | null = null;
  if (severeSocial.length > 0) {
    heavy = `Frein${severeSocial.length > 1 ? 's' : ''} important${severeSocial.length > 1 ? 's' : ''} : ${list(severeSocial.map((t) => label(t, input.themeLabels)))}. Ces difficultés sociales sont à traiter en priorité avant une insertion professionnelle.`;
  } else if (moderateSocial.length >= CUMULATED_SOCIAL_THEMES) {
    heavy = `${moderateSocial.length} freins sociaux se cumulent (${list(moderateSocial.map((t) => label(t, input.themeLabels)))}) : ils sont à traiter en priorité avant une insertion professionnelle.`;
  } else if (unavailable && moderateSocial.length > 0) {
    heavy = `La personne est indisponible pour un emploi dans l’immédiat et rencontre des freins sociaux (${list(moderateSocial.map((t) => label(t, input.themeLabels)))}) : un accompagnement social est proposé d’abord.`;
  }
  if (heavy) {
    reasons.push(heavy);
    const body = socialBody(input.household.couple, minors, adults);
    reasons.push(body.reason);
    return { pathway: 'social', bodyKind: body.bodyKind, rule: 'social_heavy', reasons };
  }

  // 4. Moderate obstacles, or far from employment: socio-professional accompaniment (PLIE).
  const moderate = themesAt('moderate', null);
  if (moderate.length > 0) {
    reasons.push(
      `Frein${moderate.length > 1 ? 's' : ''} modéré${moderate.length > 1 ? 's' : ''} relevé${moderate.length > 1 ? 's' : ''} au diagnostic : ${list(moderate.map((t) => label(t, input.themeLabels)))}. Le PLIE accompagne le retour à l’emploi en levant ces difficultés.`,
    );
    return {
      pathway: 'socio-professional',
      bodyKind: 'plie',
      rule: 'socio_professional_obstacles',
      reasons,
    };
  }
  const situation = input.diagnosis?.employmentSituation;
  if (situation === 'long_term_unemployed' || situation === 'never_worked' || situation === 'unavailable') {
    const why =
      situation === 'never_worked'
        ? 'La personne n’a jamais travaillé'
        : situation === 'unavailable'
          ? 'La personne est indisponible pour un emploi dans l’immédiat'
          : 'La personne est sans emploi depuis plus d’un an';
    reasons.push(
      `${why} : un accompagnement socio-professionnel (PLIE) permet de construire un projet professionnel avant la recherche d’emploi.`,
    );
    return {
      pathway: 'socio-professional',
      bodyKind: 'plie',
      rule: 'socio_professional_far_from_employment',
      reasons,
    };
  }

  // 5. Otherwise: close to employment, France Travail.
  reasons.push(
    input.diagnosis
      ? 'Aucun frein modéré ou important n’a été relevé : la personne est proche de l’emploi, France Travail l’accompagne.'
      : 'Sans frein connu, la personne est orientée vers France Travail, qui l’accompagne vers l’emploi.',
  );
  return { pathway: 'professional', bodyKind: 'france_travail', rule: 'professional_default', reasons };
}
