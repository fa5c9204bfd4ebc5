import type { MessageChannelCode, TemplateCode } from '@parcours/contracts';

/** The templates a département starts with; administrators edit them afterwards. */
export interface DefaultTemplate {
  code: TemplateCode;
  channel: MessageChannelCode;
  subject: string | null;
  body: string;
}

const politeClose = "Nous vous prions d'agréer, {{civilite}}, l'expression de nos salutations distinguées.";

export const defaultTemplates: DefaultTemplate[] = [
  {
    code: 'orientation_convocation',
    channel: 'letter',
    subject: "Convocation à un rendez-vous d'orientation",
    body: `{{civilite}},

Vous bénéficiez du revenu de solidarité active (RSA). Afin de définir avec vous le parcours d'insertion le plus adapté à votre situation, vous êtes convoqué(e) à un rendez-vous d'orientation avec un conseiller du pôle d'insertion {{pole}} :

le {{date_rdv}} à {{heure_rdv}}
{{lieu_rdv}}

Lors de cet entretien, nous ferons ensemble le point sur votre situation, votre expérience, votre projet et les difficultés que vous rencontrez peut-être (santé, logement, mobilité, garde d'enfants…), afin de vous orienter vers l'accompagnement qui vous convient.

Merci d'apporter : {{pieces_a_apporter}}.

Si vous ne pouvez pas vous présenter à ce rendez-vous, prévenez le pôle d'insertion au plus tôt, {{contact_pole}}, en indiquant le motif de votre empêchement : un autre rendez-vous vous sera proposé.

${politeClose}`,
  },
  {
    code: 'orientation_convocation',
    channel: 'email',
    subject: "Convocation à votre rendez-vous d'orientation du {{date_rdv}}",
    body: `Bonjour {{civilite}} {{nom}},

Vous êtes convoqué(e) à un rendez-vous d'orientation avec un conseiller du pôle d'insertion {{pole}} :
- le {{date_rdv}} à {{heure_rdv}} ;
- adresse : {{lieu_rdv}}.

Merci d'apporter : {{pieces_a_apporter}}.

En tant que bénéficiaire du RSA soumis(e) aux droits et devoirs, vous devez participer aux démarches de votre orientation et de votre accompagnement. Une absence sans motif légitime peut conduire, après une procédure contradictoire, à la suspension de tout ou partie de votre allocation (code de l'action sociale et des familles, articles L262-27 et suivants, L262-37).

Si vous ne pouvez pas venir, prévenez le pôle d'insertion avant la date du rendez-vous, {{contact_pole}}.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'orientation_convocation',
    channel: 'sms',
    subject: null,
    body: "RSA {{departement}} : {{civilite}} {{nom}}, vous avez rendez-vous pour votre orientation le {{date_rdv}} à {{heure_rdv}}, {{lieu_rdv}}. Présence obligatoire. Apportez une pièce d'identité. Si vous ne pouvez pas venir, prévenez votre conseiller.",
  },
  {
    code: 'appointment_reminder',
    channel: 'email',
    subject: 'Rappel : votre rendez-vous du {{date_rdv}} à {{heure_rdv}}',
    body: `Bonjour {{civilite}} {{nom}},

Nous vous rappelons votre rendez-vous au pôle d'insertion {{pole}} :
- le {{date_rdv}} à {{heure_rdv}} ;
- adresse : {{lieu_rdv}}.

Votre présence est obligatoire. Si vous ne pouvez pas venir, prévenez le pôle d'insertion avant le rendez-vous.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'appointment_reminder',
    channel: 'sms',
    subject: null,
    body: 'Rappel RSA {{departement}} : {{civilite}} {{nom}}, rendez-vous le {{date_rdv}} à {{heure_rdv}}, {{lieu_rdv}}. Présence obligatoire. Si vous ne pouvez pas venir, prévenez votre conseiller.',
  },
  {
    code: 'orientation_decision',
    channel: 'letter',
    subject: 'Notification de votre orientation',
    body: `{{civilite}},

Vous êtes bénéficiaire du revenu de solidarité active (RSA) et soumis(e) aux droits et devoirs. À la suite de l'examen de votre situation, il a été décidé le {{date_decision}} de vous orienter vers un parcours {{parcours}}.

Votre accompagnement sera assuré par : {{organisme}}
{{adresse_organisme}}
Programme : {{programme}}

Cet organisme désignera votre référent unique, qui prendra contact avec vous pour un premier rendez-vous. Ensemble, vous établirez votre contrat d'engagement, qui fixe vos objectifs et vos actions d'insertion.

${politeClose}`,
  },
  {
    code: 'orientation_decision',
    channel: 'email',
    subject: 'Votre orientation dans le cadre du RSA',
    body: `Bonjour {{civilite}} {{nom}},

Le {{date_decision}}, il a été décidé de vous orienter vers un parcours {{parcours}}. Votre accompagnement sera assuré par : {{organisme}} ({{adresse_organisme}}).
Programme : {{programme}}

Votre référent unique prendra contact avec vous pour un premier rendez-vous et l'élaboration de votre contrat d'engagement. Un courrier de notification vous est également adressé.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'referent_change',
    channel: 'email',
    subject: 'Votre référent RSA change',
    body: `Bonjour {{civilite}} {{nom}},

Votre accompagnement dans le cadre du RSA est désormais suivi par un nouveau référent unique : {{referent}} ({{structure}}).

Vous pouvez le joindre {{contact_referent}}. Votre contrat d'engagement et vos rendez-vous prévus restent valables.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'referent_change',
    channel: 'sms',
    subject: null,
    body: 'RSA {{departement}} : {{civilite}} {{nom}}, votre nouveau référent est {{referent}} ({{structure}}). Vous pouvez le joindre {{contact_referent}}.',
  },
  {
    code: 'referent_change_referent',
    channel: 'email',
    subject: 'Changement de référent : {{prenom}} {{nom}}',
    body: `Bonjour,

Le référent unique de {{prenom}} {{nom}} change : {{ancien_referent}} laisse la place à {{referent}} ({{structure}}).
Motif : {{motif}}

Le dossier est consultable dans Parcours.

Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'appointment_notice_referent',
    channel: 'email',
    subject: 'Absence signalée : {{prenom}} {{nom}}, rendez-vous du {{date_rdv}}',
    body: `Bonjour,

{{prenom}} {{nom}} a indiqué depuis son espace personnel ne pas pouvoir venir au rendez-vous du {{date_rdv}} {{heure_rdv}}.
Raison donnée : {{motif}}

Le rendez-vous reste prévu tant qu'il n'est pas reporté : proposez une autre date depuis l'agenda de Parcours.

Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  // ---- Duties and sanctions (issue 14): the contradictory procedure's letters -----------------------
  {
    code: 'sanction_prior_notice',
    channel: 'letter',
    subject: 'Information préalable avant une éventuelle sanction de votre RSA',
    body: `{{civilite}},

Vous êtes bénéficiaire du revenu de solidarité active (RSA) et soumis(e) aux droits et devoirs attachés à cette allocation (articles L262-27 et suivants du code de l'action sociale et des familles).

Nous avons constaté le manquement suivant à vos engagements : {{faits}}.
Date des faits : {{date_faits}}

Selon le {{regime}}, applicable à la date des faits, ce manquement peut conduire à la sanction suivante : {{sanction_encourue}}. Aucune décision n'a été prise à ce jour.

Avant toute décision, vous pouvez présenter vos observations, par écrit ou lors d'un entretien, dans un délai de {{delai_observations}} à compter du {{date_information}}, soit au plus tard le {{date_limite_observations}}. Vous pouvez notamment nous faire connaître un motif légitime qui expliquerait ce manquement (santé, garde d'enfant, transport…) et joindre tout justificatif utile.

Vous avez le droit d'être entendu(e) et de vous faire assister, lors de cet entretien, par la personne de votre choix.

Pour présenter vos observations ou demander un entretien, contactez le pôle d'insertion {{pole}}, {{contact}}.

Sans observation de votre part à cette date, une décision pourra être prise au vu des seuls éléments de votre dossier.

${politeClose}`,
  },
  {
    code: 'sanction_prior_notice',
    channel: 'email',
    subject: 'Information préalable avant une éventuelle sanction de votre RSA',
    body: `Bonjour {{civilite}} {{nom}},

Nous avons constaté un manquement à vos engagements dans le cadre du RSA : {{faits}}.
Date des faits : {{date_faits}}

Selon le {{regime}}, ce manquement peut conduire à la sanction suivante : {{sanction_encourue}}. Aucune décision n'a été prise à ce jour.

Vous pouvez présenter vos observations, par écrit ou lors d'un entretien, jusqu'au {{date_limite_observations}} inclus. Vous avez le droit d'être entendu(e) et de vous faire assister par la personne de votre choix.

Pour cela, contactez le pôle d'insertion {{pole}}, {{contact}}. Un courrier vous est également adressé.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'sanction_prior_notice',
    channel: 'sms',
    subject: null,
    // GSM-7 only (no « ê », « ô »): one SMS encoding, fewer segments.
    body: "RSA {{departement}} : {{civilite}} {{nom}}, un manquement à vos engagements (faits du {{date_faits}}) peut conduire à une sanction. Vous pouvez présenter vos observations jusqu'au {{date_limite_observations}} et vous faire assister par la personne de votre choix. Un courrier suit. Contactez votre conseiller.",
  },
  {
    code: 'sanction_decision',
    channel: 'letter',
    subject: 'Notification de la décision relative à votre RSA',
    body: `{{civilite}},

Vous avez été informé(e) du manquement suivant à vos engagements : {{faits}}.
Date des faits : {{date_faits}}

Au terme de la procédure contradictoire, et après examen des observations que vous avez pu présenter, il a été décidé le {{date_decision}} {{decision}}.

Taux de la suspension : {{taux}}
Durée : {{duree}}
Date de début : {{date_debut}}
Motif : {{motif}}

{{fin_sanction}}

{{voies_recours}}

Pour toute question, vous pouvez joindre le pôle d'insertion {{pole}}, {{contact}}.

${politeClose}`,
  },
  {
    code: 'sanction_decision',
    channel: 'email',
    subject: 'Décision relative à votre RSA',
    body: `Bonjour {{civilite}} {{nom}},

À la suite de la procédure engagée pour le manquement à vos engagements (date des faits : {{date_faits}}), il a été décidé le {{date_decision}} {{decision}}.
Date de début : {{date_debut}}

{{fin_sanction}}

{{voies_recours}}

Un courrier de notification vous est également adressé. Pour toute question, contactez le pôle d'insertion {{pole}}, {{contact}}.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'ep_invitation',
    channel: 'letter',
    subject: "Invitation à la séance de l'équipe pluridisciplinaire",
    body: `{{civilite}},

Votre situation au regard de vos engagements dans le cadre du revenu de solidarité active (RSA) sera examinée par l'équipe pluridisciplinaire, qui rend un avis avant certaines décisions.
Motif de l'examen : {{faits}}
Date des faits : {{date_faits}}

Vous êtes invité(e) à sa séance :
le {{date_ep}} à {{heure_ep}}
{{lieu_ep}}

Vous avez le droit d'être entendu(e) par l'équipe pluridisciplinaire et de vous faire assister de la personne de votre choix. Si vous ne pouvez pas venir, vous pouvez lui adresser vos observations par écrit avant la séance.

Pour toute question, ou si vous ne pouvez pas vous présenter, prévenez le pôle d'insertion {{pole}}, {{contact}}.

${politeClose}`,
  },
  {
    code: 'ep_invitation',
    channel: 'email',
    subject: "Invitation à la séance de l'équipe pluridisciplinaire du {{date_ep}}",
    body: `Bonjour {{civilite}} {{nom}},

Votre situation dans le cadre du RSA sera examinée par l'équipe pluridisciplinaire. Vous êtes invité(e) à sa séance :
- le {{date_ep}} à {{heure_ep}} ;
- adresse : {{lieu_ep}}.

Vous avez le droit d'être entendu(e) et de vous faire assister de la personne de votre choix. Si vous ne pouvez pas venir, vous pouvez adresser vos observations par écrit avant la séance.

Pour toute question, contactez le pôle d'insertion {{pole}}, {{contact}}. Un courrier vous est également adressé.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
  {
    code: 'reinstatement_decision',
    channel: 'letter',
    subject: 'Décision relative au rétablissement de votre RSA',
    body: `{{civilite}},

Par décision du {{date_decision}}, {{decision_retablissement}}.
Motif : {{motif_refus}}

{{voies_recours}}

Pour toute question, vous pouvez joindre le pôle d'insertion {{pole}}, {{contact}}.

${politeClose}`,
  },
  {
    code: 'reinstatement_decision',
    channel: 'email',
    subject: 'Rétablissement de votre RSA',
    body: `Bonjour {{civilite}} {{nom}},

Par décision du {{date_decision}}, {{decision_retablissement}}.
Motif : {{motif_refus}}

{{voies_recours}}

Un courrier vous est également adressé. Pour toute question, contactez le pôle d'insertion {{pole}}, {{contact}}.

Département — {{departement}}
Ce message est envoyé automatiquement : merci de ne pas y répondre.`,
  },
];

/**
 * Printed on every convocation letter, whatever the template says: the person must know the
 * obligation and what an unjustified absence may lead to (CASF L262-27 s., L262-37).
 */
export const RIGHTS_AND_DUTIES_NOTICE = {
  title: 'Vos droits et devoirs',
  text: "En tant que bénéficiaire du revenu de solidarité active soumis(e) aux droits et devoirs, vous êtes tenu(e) de participer aux démarches de votre orientation puis de votre accompagnement (articles L262-27 et suivants du code de l'action sociale et des familles). Si vous ne pouvez pas vous présenter, prévenez le pôle d'insertion avant la date du rendez-vous et indiquez-en le motif. Une absence sans motif légitime peut conduire à la suspension de tout ou partie de votre allocation ; cette mesure n'est prise qu'au terme d'une procédure contradictoire, au cours de laquelle vous êtes informé(e) des faits, pouvez présenter vos observations et vous faire assister de la personne de votre choix (article L262-37 du même code).",
};

/** Printed on every orientation notification: the next step and the means of appeal. */
export const DECISION_NOTICE = {
  title: 'Vos engagements et vos recours',
  text: "Votre contrat d'engagement doit être établi avec votre référent dans le mois qui suit la notification de cette orientation. Si vous contestez cette décision, vous pouvez former un recours administratif auprès du Président du Conseil départemental dans un délai de deux mois à compter de sa réception, puis, le cas échéant, un recours devant le tribunal administratif. Vous pouvez demander à tout moment un réexamen de votre orientation si votre situation change.",
};

export const pathwayWords: Record<string, string> = {
  professional: 'professionnel',
  'socio-professional': 'socio-professionnel',
  social: 'social',
  health: 'de santé (équipe médicale du pôle)',
};

export const programmeLabels: Record<string, string> = {
  'accompagnement-global': 'Accompagnement global',
  'garantie-activite-departementale': "Garantie d'activité départementale",
};

/** Civility from the CAF's QUAL when present, else from the sex. */
export function civility(title: string | null, sex: string): string {
  const t = title?.trim().toUpperCase();
  if (t === 'MR' || t === 'M' || t === 'M.') return 'Monsieur';
  if (t === 'MME' || t === 'MLE' || t === 'MLLE') return 'Madame';
  return sex === 'M' ? 'Monsieur' : 'Madame';
}
