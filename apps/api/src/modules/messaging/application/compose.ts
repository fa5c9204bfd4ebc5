import {
  agreeText,
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
import {
  type AppointmentContext,
  type LetterContact,
  loadTemplate,
  type Recipient,
} from '../infra/recipients';

type Exec = Kysely<Database>;

/** What a printed letter needs besides its text, kept with the message so a reprint is identical. */
export interface LetterData {
  departmentName: string;
  hubName: string | null;
  issuePlace: string;
  issuedOn: string;
  reference: string | null;
  /** The boxed notice printed under the text; null for letters whose template says it all (sanctions). */
  notice: 'rights_and_duties' | 'decision' | null;
  /** Whom to call or write to (address, phone, e-mail of the pôle or structure). */
  contact?: LetterContact | null;
}

/** "par téléphone au 04 91 00 00 00 ou par e-mail à pole@exemple.fr", for the templates. */
export function contactWords(contact: LetterContact | null): string {
  const ways = [
    contact?.phone ? `par téléphone au ${contact.phone}` : null,
    contact?.email ? `par e-mail à ${contact.email}` : null,
  ].filter(Boolean);
  return ways.length ? ways.join(' ou ') : 'auprès du Conseil départemental';
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

/** The person's sex as stored ('M' / 'F'), null when unknown. */
export async function personSex(exec: Exec, personId: string): Promise<'M' | 'F' | null> {
  const row = await exec.selectFrom('person').select('sex').where('id', '=', personId).executeTakeFirst();
  return row?.sex === 'M' || row?.sex === 'F' ? row.sex : null;
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
    sanctionCaseId?: string | null;
    letter?: LetterData;
  },
): Promise<string> {
  const template = await loadTemplate(exec, input.departmentCode, input.templateCode, input.channel);
  // "convoqué(e)", "soumis(e)" of the templates agree with the person's sex.
  const sex = await personSex(exec, input.personId);
  const render = (text: string) => agreeText(renderTemplate(text, input.values), sex);
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
      sanction_case_id: input.sanctionCaseId ?? null,
      recipient: input.recipient,
      subject: template.subject === null ? null : render(template.subject),
      body: render(template.body),
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
