import type { MessageChannelCode, PlaceholderDefinition } from './messaging';

/** The contradictory procedure's letters (issue 14): their templates and the kinds of their messages. */
export const sanctionMessageKinds = [
  'sanction_notice',
  'sanction_decision',
  'ep_invitation',
  'reinstatement',
] as const;
export const sanctionMessageKindLabels: Record<(typeof sanctionMessageKinds)[number], string> = {
  sanction_notice: 'Information préalable à une sanction',
  sanction_decision: 'Notification de sanction',
  ep_invitation: 'Invitation à l’équipe pluridisciplinaire',
  reinstatement: 'Décision de rétablissement',
};

export const sanctionTemplateCodes = [
  'sanction_prior_notice',
  'sanction_decision',
  'ep_invitation',
  'reinstatement_decision',
] as const;
export type SanctionTemplateCode = (typeof sanctionTemplateCodes)[number];
export const sanctionTemplateLabels: Record<SanctionTemplateCode, string> = {
  sanction_prior_notice: 'Information préalable à une sanction (procédure contradictoire)',
  sanction_decision: 'Notification de la décision de sanction',
  ep_invitation: 'Invitation à la séance de l’équipe pluridisciplinaire',
  reinstatement_decision: 'Décision sur le rétablissement de l’allocation',
};
export const sanctionTemplateChannels: Record<SanctionTemplateCode, readonly MessageChannelCode[]> = {
  sanction_prior_notice: ['letter', 'email', 'sms'],
  sanction_decision: ['letter', 'email'],
  ep_invitation: ['letter', 'email'],
  reinstatement_decision: ['letter', 'email'],
};
/** The kind of message each template produces (a person's messages say what they were). */
export const sanctionTemplateKinds: Record<SanctionTemplateCode, (typeof sanctionMessageKinds)[number]> = {
  sanction_prior_notice: 'sanction_notice',
  sanction_decision: 'sanction_decision',
  ep_invitation: 'ep_invitation',
  reinstatement_decision: 'reinstatement',
};

/*
 * The placeholders of the contradictory procedure's letters (issue 14), besides the person's own
 * ({{civilite}}, {{nom}}…, added by `templatePlaceholders`). The sanctions context fills them.
 */
const sanctionContact: PlaceholderDefinition = {
  name: 'contact',
  label: 'Comment joindre le pôle (téléphone, e-mail)',
  sample: 'par téléphone au 04 91 00 00 00 ou par e-mail à pole.marseille23@exemple.fr',
};
const sanctionFacts: PlaceholderDefinition[] = [
  {
    name: 'faits',
    label: 'Les faits reprochés',
    sample:
      'absence sans motif légitime au rendez-vous d’orientation auquel vous étiez convoqué(e) le 3 février 2026',
  },
  { name: 'date_faits', label: 'Date des faits (ou période)', sample: '3 février 2026' },
];

export const sanctionLetterPlaceholders = {
  sanction_prior_notice: [
    ...sanctionFacts,
    {
      name: 'regime',
      label: 'Régime de sanction en vigueur à la date des faits',
      sample: 'régime de suspension-remobilisation (en vigueur depuis le 1er juin 2025)',
    },
    {
      name: 'sanction_encourue',
      label: 'Sanction encourue (bornes du régime en vigueur à la date des faits)',
      sample: 'une suspension de 30 % à 100 % de votre allocation, pendant 1 à 2 mois',
    },
    { name: 'date_information', label: 'Date de la présente information', sample: '2 mars 2026' },
    { name: 'delai_observations', label: 'Délai pour présenter vos observations', sample: '1 mois' },
    {
      name: 'date_limite_observations',
      label: 'Date limite pour présenter vos observations',
      sample: '2 avril 2026',
    },
    sanctionContact,
  ],
  sanction_decision: [
    ...sanctionFacts,
    { name: 'date_decision', label: 'Date de la décision', sample: '10 avril 2026' },
    {
      name: 'decision',
      label: 'La décision, en une phrase',
      sample: 'de suspendre 50 % de votre allocation pendant 2 mois',
    },
    { name: 'taux', label: 'Taux de la suspension (le cas échéant)', sample: '50 %' },
    { name: 'duree', label: 'Durée de la suspension (le cas échéant)', sample: '2 mois' },
    { name: 'date_debut', label: 'Date de début de la suspension (le cas échéant)', sample: '1er mai 2026' },
    {
      name: 'fin_sanction',
      label: 'Comment la suspension prend fin (le cas échéant)',
      sample:
        'Cette suspension prend fin dès que vous respectez vos engagements, en signant votre contrat d’engagement ou en vous présentant au rendez-vous qui vous est proposé.',
    },
    { name: 'motif', label: 'Motivation de la décision', sample: 'Absence répétée sans motif légitime.' },
    {
      name: 'voies_recours',
      label: 'Voies et délais de recours',
      sample:
        'Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification par un recours administratif préalable auprès du Président du Conseil départemental.',
    },
    sanctionContact,
  ],
  ep_invitation: [
    ...sanctionFacts,
    { name: 'date_ep', label: 'Date de la séance', sample: 'jeudi 16 avril 2026' },
    { name: 'heure_ep', label: 'Heure de passage', sample: '14 h' },
    {
      name: 'lieu_ep',
      label: 'Lieu de la séance',
      sample: "Pôle d'insertion Marseille 2/3, 12 boulevard de Paris, 13003 Marseille",
    },
    sanctionContact,
  ],
  reinstatement_decision: [
    { name: 'date_decision', label: 'Date de la décision', sample: '5 mai 2026' },
    {
      name: 'decision_retablissement',
      label: 'La décision sur le rétablissement, en une phrase',
      sample: 'votre allocation est rétablie à compter du 1er mai 2026',
    },
    { name: 'date_retablissement', label: 'Date du rétablissement (le cas échéant)', sample: '1er mai 2026' },
    {
      name: 'motif_refus',
      label: 'Motif du refus (le cas échéant)',
      sample: 'Vous ne vous êtes pas présenté(e) aux séances du SAS d’orientation.',
    },
    {
      name: 'voies_recours',
      label: 'Voies et délais de recours',
      sample:
        'Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification par un recours administratif préalable auprès du Président du Conseil départemental.',
    },
    sanctionContact,
  ],
} satisfies Record<SanctionTemplateCode, PlaceholderDefinition[]>;
