import type { DataInclusionPublic, ServiceType, Thematique } from '@parcours/contracts';

/**
 * The data·inclusion thématiques, publics and type of service of each action of the 2020 annex,
 * chosen by reading its title, objectives and public (reviewed by eye; the annex has no such
 * vocabulary). Used only when the action has none yet: an administrator's choice is kept.
 */
interface ActionVocabulary {
  thematiques: Thematique[];
  publics: DataInclusionPublic[];
  serviceType: ServiceType;
}

const rsa: DataInclusionPublic[] = ['beneficiaires-des-minimas-sociaux'];
const rsaJobSeekers: DataInclusionPublic[] = ['beneficiaires-des-minimas-sociaux', 'demandeurs-emploi'];

export const annexVocabulary: Record<string, ActionVocabulary> = {
  '1-1': {
    thematiques: [
      'logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement',
      'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits',
    ],
    publics: ['jeunes'],
    serviceType: 'accompagnement',
  },
  '1-2': {
    thematiques: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
    publics: ['personnes-en-situation-durgence', 'familles'],
    serviceType: 'accompagnement',
  },
  '1-3': { thematiques: ['sante--acces-aux-soins'], publics: ['jeunes'], serviceType: 'accompagnement' },
  '1-4': {
    thematiques: ['famille--soutien-a-la-parentalite-et-a-leducation'],
    publics: ['femmes', 'familles'],
    serviceType: 'atelier',
  },
  '1-5': {
    thematiques: ['famille--garde-denfants', 'famille--soutien-a-la-parentalite-et-a-leducation'],
    publics: ['familles'],
    serviceType: 'accompagnement',
  },
  '1-6': {
    thematiques: ['famille--soutien-a-la-parentalite-et-a-leducation', 'sante--acces-aux-soins'],
    publics: ['familles'],
    serviceType: 'atelier',
  },
  '1-7': {
    thematiques: [
      'famille--soutien-a-la-parentalite-et-a-leducation',
      'lecture-ecriture-calcul--maitriser-le-francais',
    ],
    publics: ['familles'],
    serviceType: 'atelier',
  },
  '1-8': {
    thematiques: [
      'choisir-un-metier--identifier-ses-points-forts-et-ses-competences',
      'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits',
    ],
    publics: ['jeunes', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '2-1': {
    thematiques: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
    publics: ['tous-publics'],
    serviceType: 'information',
  },
  '2-2': {
    thematiques: ['difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte'],
    publics: ['tous-publics'],
    serviceType: 'accompagnement',
  },
  '2-3': {
    thematiques: ['sante--acces-aux-soins'],
    publics: ['tous-publics'],
    serviceType: 'accompagnement',
  },
  '2-4': {
    thematiques: [
      'logement-hebergement--reduire-les-impayes-de-loyer',
      'logement-hebergement--se-maintenir-dans-le-logement',
    ],
    publics: ['tous-publics'],
    serviceType: 'accompagnement',
  },
  '2-5': {
    thematiques: [
      'logement-hebergement--rechercher-une-solution-dhebergement-temporaire',
      'famille--surmonter-conflits-separation-violence',
    ],
    publics: ['femmes', 'personnes-en-situation-durgence'],
    serviceType: 'aide-materielle',
  },
  '3-1': {
    thematiques: ['sante--acces-aux-soins', 'sante--constituer-un-dossier-mdph-invalidite'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-2': {
    thematiques: [
      'trouver-un-emploi--repondre-a-des-offres-demploi',
      'preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi',
    ],
    publics: rsaJobSeekers,
    serviceType: 'accompagnement',
  },
  '3-3': {
    thematiques: ['difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-4': {
    thematiques: [
      'choisir-un-metier--confirmer-son-choix-de-metier',
      'choisir-un-metier--identifier-ses-points-forts-et-ses-competences',
    ],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-5': {
    thematiques: ['remobilisation--bien-etre-confiance-en-soi', 'remobilisation--lien-social'],
    publics: rsa,
    serviceType: 'atelier',
  },
  '3-6': {
    thematiques: [
      'difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives',
      'numerique--acceder-a-des-services-en-ligne',
    ],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-7': {
    thematiques: ['sante--sante-mentale', 'sante--acces-aux-soins'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-8': {
    thematiques: [
      'remobilisation--bien-etre-confiance-en-soi',
      'mobilite--etre-accompagne-dans-son-parcours-mobilite',
    ],
    publics: rsa,
    serviceType: 'atelier',
  },
  '3-9': {
    thematiques: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
    publics: rsa,
    serviceType: 'atelier',
  },
  '3-10': {
    thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi', 'sante--sante-mentale'],
    publics: rsaJobSeekers,
    serviceType: 'accompagnement',
  },
  '3-11': {
    thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-12': {
    thematiques: [
      'creer-une-entreprise--definir-son-projet-de-creation-dentreprise',
      'creer-une-entreprise--developper-son-entreprise',
    ],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-13': {
    thematiques: [
      'trouver-un-emploi--repondre-a-des-offres-demploi',
      'sante--constituer-un-dossier-mdph-invalidite',
    ],
    publics: ['personnes-en-situation-de-handicap', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '3-14': {
    thematiques: [
      'trouver-un-emploi--repondre-a-des-offres-demploi',
      'choisir-un-metier--connaitre-les-opportunites-demploi',
    ],
    publics: ['jeunes', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '3-15': {
    thematiques: [
      'difficultes-financieres--situation-dendettement-surendettement',
      'difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire',
    ],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-16': {
    thematiques: ['mobilite--etre-accompagne-dans-son-parcours-mobilite', 'mobilite--preparer-un-permis'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-17': {
    thematiques: [
      'remobilisation--bien-etre-confiance-en-soi',
      'choisir-un-metier--identifier-ses-points-forts-et-ses-competences',
    ],
    publics: ['femmes', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'atelier',
  },
  '3-18': {
    thematiques: ['trouver-un-emploi--maintien-dans-lemploi', 'sante--sante-mentale'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '3-19': {
    thematiques: [
      'trouver-un-emploi--convaincre-un-recruteur-en-entretien',
      'preparer-sa-candidature--valoriser-ses-competences',
    ],
    publics: rsa,
    serviceType: 'atelier',
  },
  '3-20': {
    thematiques: ['famille--garde-denfants'],
    publics: ['familles', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '3-21': {
    thematiques: ['famille--garde-denfants'],
    publics: ['familles', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '3-22': {
    thematiques: [
      'trouver-un-emploi--repondre-a-des-offres-demploi',
      'preparer-sa-candidature--developper-son-reseau',
    ],
    publics: ['seniors', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'atelier',
  },
  '3-23': { thematiques: ['sante--acces-aux-soins'], publics: rsa, serviceType: 'atelier' },
  '3-24': {
    thematiques: [
      'logement-hebergement--rechercher-une-solution-dhebergement-temporaire',
      'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits',
    ],
    publics: ['personnes-en-situation-durgence', 'beneficiaires-des-minimas-sociaux'],
    serviceType: 'accompagnement',
  },
  '3-25': {
    thematiques: ['mobilite--preparer-un-permis', 'mobilite--financer-ma-mobilite'],
    publics: rsaJobSeekers,
    serviceType: 'aide-financiere',
  },
  '3-26': {
    thematiques: ['difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  'Ex 3-7': {
    thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
    publics: rsa,
    serviceType: 'accompagnement',
  },
  '4.1': { thematiques: [], publics: ['tous-publics'], serviceType: 'formation' },
};

/** Operators' names as the annex spells them → one structure (the sheet and the title differ). */
export const operatorAliases: Record<string, string> = {
  ADJ: 'ADJ Marceau',
  'Association Working first': 'Working First',
  'Association AREAT': 'AREAT',
  'Association CEI Ciotat Emploi Initiatives': 'CEI Ciotat Emploi Initiatives',
  'Solidarité Provence paysans (SPP)': 'Solidarité Provence Paysans (SPP)',
};

/** The département's pôles named in a text ("Projet pôle d'insertion 13/14ème", "Lot 1 : Marseille 1/5/6/7 et 2/3"). */
const hubPatterns: [RegExp, string][] = [
  [/1\/5\/6\/7/, 'marseille-1-5-6-7'],
  [/(^|[^/\d])2\/3(?!\d)/, 'marseille-2-3'],
  [/4\/8\/9\/10\/11\/12/, 'marseille-4-8-9-10-11-12'],
  [/13\/14/, 'marseille-13-14'],
  [/15\s*\/\s*16/, 'marseille-15-16'],
  [/\bAix\b/, 'aix-gardanne'],
  [/\b(Salon|Arles)\b/, 'arles-salon-berre'],
  [/\b(Aubagne|Ciotat)\b/, 'aubagne-la-ciotat'],
  [/\bIstres\b/, 'istres-marignane-martigues-vitrolles'],
];

export function hubsNamedIn(text: string): string[] {
  return hubPatterns.filter(([re]) => re.test(text)).map(([, code]) => code);
}
