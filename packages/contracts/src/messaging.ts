import { z } from 'zod';
// The contradictory procedure's letters (issue 14) live in their own file.
import * as sanction from './sanction-letters';
import { rowVersion } from './scalars';
import { type SmsLength, smsLength } from './sms';
import { defineWorkflow } from './workflow';

/** Messaging: letters, e-mails and SMS sent to persons, and the editable templates behind them. */
export const messageChannels = ['letter', 'email', 'sms'] as const;
export const messageChannelSchema = z.enum(messageChannels);
export type MessageChannelCode = z.infer<typeof messageChannelSchema>;
export const messageChannelLabels: Record<MessageChannelCode, string> = {
  letter: 'Courrier',
  email: 'E-mail',
  sms: 'SMS',
};

export const messageKinds = [
  'convocation',
  'reminder',
  'decision',
  'referent_change',
  'appointment_notice',
  ...sanction.sanctionMessageKinds,
] as const;
export const messageKindSchema = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKindSchema>;
export const messageKindLabels: Record<MessageKind, string> = {
  convocation: 'Convocation',
  reminder: 'Rappel de rendez-vous',
  decision: "Notification d'orientation",
  referent_change: 'Changement de référent',
  appointment_notice: 'Absence signalée par la personne',
  ...sanction.sanctionMessageKindLabels,
};

export const messageStatuses = ['pending', 'generated', 'sent', 'delivered', 'failed', 'cancelled'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;
export const messageStatusLabels: Record<MessageStatus, string> = {
  pending: 'En attente d’envoi',
  generated: 'Courrier à imprimer',
  sent: 'Envoyé',
  delivered: 'Reçu',
  failed: 'Échec',
  cancelled: 'Annulé',
};

/**
 * A message's lifecycle. E-mails and SMS start `pending`, letters `generated` (printed, never
 * moved). The send job and the SMS provider's reports move them (`system`); an agent who convenes
 * sends a failed one again.
 */
export const messageWorkflow = defineWorkflow({
  name: 'message',
  statuses: messageStatuses,
  transitions: {
    pending: {
      from: ['failed'],
      permission: 'convocation.send',
      // The send job too, when an attempt fails and another one is due.
      roles: ['system'],
      refused: 'Seul un message en échec peut être renvoyé.',
    },
    // A letter is sent when the agent marks its postal batch posted.
    sent: {
      from: ['pending', 'failed', 'generated'],
      permission: 'convocation.send',
      roles: ['system'],
      refused: 'Ce message n’est plus à envoyer.',
    },
    // A late report never undoes a delivery.
    delivered: {
      from: ['pending', 'sent', 'failed'],
      roles: ['system'],
      refused: 'Ce message est déjà remis ou n’est pas envoyé.',
    },
    failed: {
      from: ['pending', 'sent'],
      roles: ['system'],
      refused: 'Ce message n’est pas en cours d’envoi.',
    },
    // A convocation or reminder whose appointment changed before the send.
    // …or a letter the agent withdraws before its batch is posted.
    cancelled: {
      from: ['pending', 'failed', 'generated'],
      permission: 'convocation.send',
      roles: ['system'],
      refused: 'Ce message n’est plus à envoyer.',
    },
  },
});

// ---- Templates and their placeholders -------------------------------------------------------------

export const templateCodes = [
  'orientation_convocation',
  'appointment_reminder',
  'orientation_decision',
  'referent_change',
  'referent_change_referent',
  'appointment_notice_referent',
  ...sanction.sanctionTemplateCodes,
] as const;
export const templateCodeSchema = z.enum(templateCodes);
export type TemplateCode = z.infer<typeof templateCodeSchema>;
export const templateCodeLabels: Record<TemplateCode, string> = {
  orientation_convocation: "Convocation au rendez-vous d'orientation",
  appointment_reminder: 'Rappel de rendez-vous',
  orientation_decision: "Notification de la décision d'orientation",
  referent_change: 'Changement de référent (à la personne)',
  referent_change_referent: 'Changement de référent (aux référents)',
  appointment_notice_referent: 'Absence signalée depuis l’espace bénéficiaire (au référent)',
  ...sanction.sanctionTemplateLabels,
};
/** The channels each template exists for. */
export const templateChannels: Record<TemplateCode, readonly MessageChannelCode[]> = {
  orientation_convocation: ['letter', 'email', 'sms'],
  appointment_reminder: ['email', 'sms'],
  orientation_decision: ['letter', 'email'],
  referent_change: ['email', 'sms'],
  referent_change_referent: ['email'],
  appointment_notice_referent: ['email'],
  ...sanction.sanctionTemplateChannels,
};

export interface PlaceholderDefinition {
  name: string;
  label: string;
  /** Value used by the preview. */
  sample: string;
}

const person: PlaceholderDefinition[] = [
  { name: 'civilite', label: 'Civilité (Madame, Monsieur)', sample: 'Madame' },
  { name: 'prenom', label: 'Prénom', sample: 'Camille' },
  { name: 'nom', label: "Nom d'usage", sample: 'EXEMPLE' },
  { name: 'departement', label: 'Nom du département', sample: 'Bouches-du-Rhône' },
  { name: 'pole', label: "Pôle d'insertion", sample: 'Marseille 2/3' },
];
const appointment: PlaceholderDefinition[] = [
  { name: 'date_rdv', label: 'Date du rendez-vous', sample: 'mardi 10 mars 2026' },
  { name: 'heure_rdv', label: 'Heure du rendez-vous', sample: '9 h 30' },
  {
    name: 'lieu_rdv',
    label: 'Lieu du rendez-vous',
    sample: "Pôle d'insertion Marseille 2/3, 12 boulevard de Paris, 13003 Marseille",
  },
];
export const defaultDocumentsToBring =
  'votre pièce d’identité (ou titre de séjour) en cours de validité, votre attestation de paiement de la CAF (ou de la MSA), votre curriculum vitæ (CV) si vous en avez un, et tout document utile sur votre situation (diplômes, attestations de formation ou de stage, justificatifs de santé ou de garde d’enfants si vous souhaitez en parler)';

export const templatePlaceholders: Record<TemplateCode, readonly PlaceholderDefinition[]> = {
  orientation_convocation: [
    ...person,
    ...appointment,
    { name: 'pieces_a_apporter', label: 'Pièces à apporter', sample: defaultDocumentsToBring },
    {
      name: 'contact_pole',
      label: 'Comment joindre le pôle ou la structure (téléphone, e-mail)',
      sample: 'par téléphone au 04 91 00 00 00 ou par e-mail à pole.marseille23@exemple.fr',
    },
  ],
  appointment_reminder: [...person, ...appointment],
  orientation_decision: [
    ...person,
    { name: 'date_decision', label: 'Date de la décision', sample: '2 mars 2026' },
    {
      name: 'parcours',
      label: 'Parcours (professionnel, socio-professionnel, social…)',
      sample: 'socio-professionnel',
    },
    { name: 'organisme', label: 'Organisme référent', sample: 'PLIE Marseille Provence' },
    {
      name: 'adresse_organisme',
      label: "Adresse de l'organisme",
      sample: '2 rue Exemple, 13002 Marseille',
    },
    { name: 'programme', label: 'Programme (le cas échéant)', sample: 'Accompagnement global' },
  ],
  referent_change: [
    ...person,
    { name: 'referent', label: 'Nouveau référent', sample: 'Julie MARTIN' },
    { name: 'structure', label: 'Structure du référent', sample: 'MDS Marseille 2/3' },
    {
      name: 'contact_referent',
      label: 'Comment joindre le référent (téléphone, e-mail)',
      sample: 'par téléphone au 04 91 00 00 00 ou par e-mail à julie.martin@exemple.fr',
    },
  ],
  referent_change_referent: [
    ...person,
    { name: 'referent', label: 'Nouveau référent', sample: 'Julie MARTIN' },
    { name: 'ancien_referent', label: 'Référent précédent', sample: 'Paul DURAND' },
    { name: 'motif', label: 'Motif du changement', sample: 'Rapprochement du domicile' },
    { name: 'structure', label: 'Structure du référent', sample: 'MDS Marseille 2/3' },
  ],
  appointment_notice_referent: [
    ...person,
    ...appointment,
    { name: 'motif', label: 'Raison donnée par la personne', sample: 'Je suis malade ce jour-là.' },
  ],
  sanction_prior_notice: [...person, ...sanction.sanctionLetterPlaceholders.sanction_prior_notice],
  sanction_decision: [...person, ...sanction.sanctionLetterPlaceholders.sanction_decision],
  ep_invitation: [...person, ...sanction.sanctionLetterPlaceholders.ep_invitation],
  reinstatement_decision: [...person, ...sanction.sanctionLetterPlaceholders.reinstatement_decision],
};

export const SUBJECT_MAX = 200;
export const BODY_MAX = 10_000;
export const SMS_BODY_MAX = 1_000;

/** Every `{{…}}` of a text, with the name written inside (trimmed). */
function tokens(text: string): { raw: string; name: string }[] {
  return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => ({ raw: m[0], name: (m[1] ?? '').trim() }));
}

export interface TemplateProblem {
  path: 'subject' | 'body';
  message: string;
}

/**
 * What is wrong with a template text, in French, naming each faulty placeholder: empty text,
 * unknown placeholder (not declared for this template), badly written braces, excessive length.
 */
export function findTemplateProblems(
  code: TemplateCode,
  channel: MessageChannelCode,
  input: { subject: string | null; body: string },
): TemplateProblem[] {
  const known = new Set(templatePlaceholders[code].map((p) => p.name));
  const problems: TemplateProblem[] = [];
  const check = (path: 'subject' | 'body', text: string) => {
    const unknown = [...new Set(tokens(text).map((t) => t.name))].filter((n) => !known.has(n));
    if (unknown.length === 1) {
      problems.push({
        path,
        message: `La balise {{${unknown[0]}}} n’existe pas pour ce modèle. Utilisez une des balises de la liste (par exemple {{${[...known][0]}}}).`,
      });
    } else if (unknown.length > 1) {
      problems.push({
        path,
        message: `Les balises ${unknown.map((n) => `{{${n}}}`).join(', ')} n’existent pas pour ce modèle. Utilisez les balises de la liste.`,
      });
    }
    const rest = text.replace(/\{\{([^{}]*)\}\}/g, '');
    const stray = /\{\{|\}\}|\{[a-z_]+\}/i.exec(rest);
    if (stray) {
      const at = Math.max(0, stray.index - 10);
      problems.push({
        path,
        message: `Balise mal écrite près de « ${rest.slice(at, stray.index + 15).trim()} » : une balise s’écrit entre doubles accolades, par exemple {{nom}}.`,
      });
    }
  };
  if (channel === 'sms') {
    if (input.subject?.trim()) problems.push({ path: 'subject', message: 'Un SMS n’a pas d’objet.' });
  } else {
    const subject = input.subject?.trim() ?? '';
    if (!subject) problems.push({ path: 'subject', message: 'L’objet est obligatoire.' });
    else if (subject.length > SUBJECT_MAX)
      problems.push({ path: 'subject', message: `L’objet ne doit pas dépasser ${SUBJECT_MAX} caractères.` });
    else check('subject', subject);
  }
  const body = input.body.trim();
  const max = channel === 'sms' ? SMS_BODY_MAX : BODY_MAX;
  if (!body) problems.push({ path: 'body', message: 'Le texte du message est obligatoire.' });
  else if (body.length > max)
    problems.push({
      path: 'body',
      message: `Le texte ne doit pas dépasser ${max.toLocaleString('fr-FR')} caractères.`,
    });
  else check('body', body);
  return problems;
}

/**
 * Replaces each `{{name}}` by its value, in one pass (values are never re-read as placeholders).
 * A line whose placeholders are all empty and that is left blank or ending with a colon is left
 * out ("Programme : {{programme}}" without a programme): a letter never prints a bare label.
 */
export function renderTemplate(text: string, values: Record<string, string>): string {
  const placeholder = /\{\{([^{}]*)\}\}/g;
  const value = (name: string) => values[name.trim()] ?? '';
  return text
    .split('\n')
    .flatMap((line) => {
      const names = [...line.matchAll(placeholder)].map((m) => m[1] ?? '');
      const rendered = line.replace(placeholder, (_m, name: string) => value(name));
      if (names.length === 0) return [line];
      const filled = names.some((name) => value(name).trim() !== '');
      const bare = rendered.trim() === '' || rendered.trimEnd().endsWith(':');
      return filled || !bare ? [rendered] : [];
    })
    .join('\n');
}

/** Sample values for the preview of a template. */
export function samplePlaceholderValues(code: TemplateCode): Record<string, string> {
  return Object.fromEntries(templatePlaceholders[code].map((p) => [p.name, p.sample]));
}

/**
 * The values the preview fills placeholders with: the samples, and the département's real name when
 * known (a "ô" in it turns an SMS into UCS-2).
 */
export function previewPlaceholderValues(
  code: TemplateCode,
  departmentName?: string,
): Record<string, string> {
  const values = samplePlaceholderValues(code);
  return departmentName ? { ...values, departement: departmentName } : values;
}

/** SMS length of a template text as it will be sent: placeholders filled with the preview's values. */
export function templateSmsLength(code: TemplateCode, body: string, departmentName?: string): SmsLength {
  return smsLength(renderTemplate(body.trim(), previewPlaceholderValues(code, departmentName)));
}

// ---- DTOs ---------------------------------------------------------------------------------------------

export const placeholderSchema = z.object({ name: z.string(), label: z.string() });

export const smsLengthSchema = z.object({
  encoding: z.enum(['GSM-7', 'UCS-2']),
  units: z.number().int(),
  segments: z.number().int(),
  nonGsm: z.array(z.string()),
});

export const messageTemplateSchema = z.object({
  id: z.uuid(),
  code: templateCodeSchema,
  codeLabel: z.string(),
  channel: messageChannelSchema,
  subject: z.string().nullable(),
  body: z.string(),
  placeholders: z.array(placeholderSchema),
  sms: smsLengthSchema.nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: z.number().int(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

export const messageTemplateUpdateSchema = z.object({
  subject: z
    .string()
    .max(SUBJECT_MAX + 100)
    .nullable(),
  body: z.string().max(BODY_MAX + 1000),
  version: rowVersion,
});
export type MessageTemplateUpdate = z.infer<typeof messageTemplateUpdateSchema>;

export const templatePreviewInputSchema = z.object({
  subject: z
    .string()
    .max(SUBJECT_MAX + 100)
    .nullable(),
  body: z.string().max(BODY_MAX + 1000),
});
export const templatePreviewSchema = z.object({
  subject: z.string().nullable(),
  body: z.string(),
  sms: smsLengthSchema.nullable(),
});
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;

export const personMessageSchema = z.object({
  id: z.uuid(),
  kind: messageKindSchema,
  channel: messageChannelSchema,
  status: messageStatusSchema,
  recipient: z.string(),
  subject: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  appointmentId: z.uuid().nullable(),
  orientationId: z.uuid().nullable(),
  batchId: z.uuid().nullable(),
});
export type PersonMessage = z.infer<typeof personMessageSchema>;

/** What an SMS provider posts back about a message it was given. */
export const smsDeliveryCallbackSchema = z.object({
  /** The provider's message id, as answered when the SMS was handed over. */
  id: z.string().min(1).max(200),
  status: z.string().min(1).max(50),
  error: z.string().max(500).nullish(),
  occurredAt: z.string().max(40).nullish(),
});
export type SmsDeliveryCallback = z.infer<typeof smsDeliveryCallbackSchema>;
