import {
  defaultDocumentsToBring,
  type MessageChannelCode,
  type MessageKind,
  renderTemplate,
  type TemplateCode,
} from '@parcours/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { frenchLongDate, frenchTime, parisDay } from '../domain/format';
import { enqueueSend } from '../infra/outbox';
import { type AppointmentContext, loadTemplate, type Recipient } from '../infra/recipients';

type Exec = Kysely<Database>;

/** What a printed letter needs besides its text, kept with the message so a reprint is identical. */
export interface LetterData {
  departmentName: string;
  hubName: string | null;
  issuePlace: string;
  issuedOn: string;
  reference: string | null;
  notice: 'rights_and_duties' | 'decision';
}

export function personValues(r: Recipient, departmentName: string, hubName: string | null) {
  return {
    civilite: r.civility,
    prenom: r.firstName,
    nom: r.lastName,
    departement: departmentName,
    pole: hubName ?? r.hubName ?? '',
  };
}

export function appointmentValues(a: AppointmentContext) {
  return {
    date_rdv: a.startsAt ? frenchLongDate(a.startsAt) : a.onDate,
    heure_rdv: a.startsAt ? frenchTime(a.startsAt) : '',
    lieu_rdv: a.place ?? '',
    pieces_a_apporter: defaultDocumentsToBring,
  };
}

/** The appointment's Paris calendar day, for the timeline. */
export function appointmentDay(a: AppointmentContext): string {
  return a.startsAt ? parisDay(a.startsAt) : a.onDate;
}

/** Where a letter is "done at": the receiving structure's commune, else the pôle, else the département. */
export function issuePlace(structureCommune: string | null, hubName: string | null, departmentName: string) {
  if (structureCommune) return structureCommune;
  if (hubName) return `Pôle d'insertion ${hubName}`;
  return departmentName;
}

export function recipientAddress(r: Recipient, channel: MessageChannelCode): string | null {
  if (channel === 'letter') return r.addressLines ? [r.displayName, ...r.addressLines].join('\n') : null;
  if (channel === 'email') return r.email;
  return r.mobile;
}

/** Renders the template of one channel, stores the message and, for e-mail and SMS, enqueues its sending. */
export async function createMessage(
  exec: Exec,
  input: {
    departmentCode: string;
    actorAccountId: string | null;
    personId: string;
    kind: MessageKind;
    templateCode: TemplateCode;
    channel: MessageChannelCode;
    recipient: string;
    values: Record<string, string>;
    appointmentId?: string | null;
    orientationId?: string | null;
    batchId?: string | null;
    letter?: LetterData;
  },
): Promise<string> {
  const template = await loadTemplate(exec, input.departmentCode, input.templateCode, input.channel);
  const row = await exec
    .insertInto('message')
    .values({
      department_code: input.departmentCode,
      person_id: input.personId,
      kind: input.kind,
      channel: input.channel,
      template_code: input.templateCode,
      appointment_id: input.appointmentId ?? null,
      orientation_id: input.orientationId ?? null,
      batch_id: input.batchId ?? null,
      recipient: input.recipient,
      subject: template.subject === null ? null : renderTemplate(template.subject, input.values),
      body: renderTemplate(template.body, input.values),
      // A letter is ready once generated: it is printed from the PDF; the others wait for their job.
      status: input.channel === 'letter' ? 'generated' : 'pending',
      created_by: input.actorAccountId,
      data: JSON.stringify(input.letter ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.channel !== 'letter') {
    await enqueueSend(exec, input.departmentCode, { id: row.id, channel: input.channel });
  }
  return row.id;
}
