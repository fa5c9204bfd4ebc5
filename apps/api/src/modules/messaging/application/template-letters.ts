import { type SanctionTemplateCode, sanctionTemplateKinds, templateChannels } from '@parcours/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import { parisDay } from '../domain/format';
import { departmentName, loadLetterContact, loadRecipient } from '../infra/recipients';
import { contactWords, createMessage, issuePlace, personValues, recipientAddress } from './compose';
import type { MessageChannel } from './convocations';

/**
 * The messages of one template to one person, in the caller's transaction: the letter when the
 * postal address is known (a PDF printed from the message, as the orientation decision's), the
 * e-mail / SMS of the template's channels when the contact exists and the person agreed (the
 * convocations' rules, `loadRecipient`). The person's own values ({{civilite}}, {{nom}},
 * {{pole}}, {{departement}}) and {{contact}} (the pôle's phone and e-mail) are filled here; the
 * caller gives the others. Sending is enqueued (outbox). No channel: no message, the caller decides.
 * The caller has checked the person is in the actor's scope.
 */
export async function createTemplateMessages(
  trx: Transaction<Database>,
  input: {
    departmentCode: string;
    actorAccountId: string | null;
    personId: string;
    templateCode: SanctionTemplateCode;
    values: Record<string, string>;
    /** The day the letter is dated (the prior notice's date); today when absent. */
    issuedOn?: string;
    sanctionCaseId?: string | null;
  },
): Promise<{ messageIds: string[]; channels: MessageChannel[] }> {
  const dep = input.departmentCode;
  const kind = sanctionTemplateKinds[input.templateCode];
  const recipient = await loadRecipient(trx, dep, input.personId);
  if (!recipient) throw notFound('Personne');
  const depName = await departmentName(trx, dep);
  const hubName = recipient.hubName;
  const contact = await loadLetterContact(trx, dep, null, recipient.hubId);
  const values = {
    ...personValues(recipient, depName, hubName),
    contact: contactWords(contact),
    ...input.values,
  };
  const channels = templateChannels[input.templateCode].filter(
    (c) => recipientAddress(recipient, c) !== null,
  );
  const messageIds: string[] = [];
  for (const channel of channels) {
    messageIds.push(
      await createMessage(trx, {
        departmentCode: dep,
        actorAccountId: input.actorAccountId,
        personId: input.personId,
        kind,
        templateCode: input.templateCode,
        channel,
        recipient: recipientAddress(recipient, channel)!,
        values,
        sanctionCaseId: input.sanctionCaseId ?? null,
        letter:
          channel === 'letter'
            ? {
                departmentName: depName,
                hubName,
                issuePlace: issuePlace(null, hubName, depName),
                issuedOn: input.issuedOn ?? parisDay(new Date()),
                reference: recipient.claimNumber,
                // The template carries the rights and the means of appeal, editable by administrators.
                notice: null,
                contact,
              }
            : undefined,
      }),
    );
  }
  return { messageIds, channels };
}
