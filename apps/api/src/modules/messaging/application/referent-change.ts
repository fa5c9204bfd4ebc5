import type { Transaction } from 'kysely';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { Database } from '../../../platform/db/schema';
import { notFound } from '../../../platform/errors';
import { assertPersonInScope } from '../../beneficiaries';
import { departmentName, loadRecipient } from '../infra/recipients';
import { createMessage, personValues } from './compose';

/** A référent as the notice of a change names them. */
export interface ReferentNotice {
  name: string;
  structureName: string;
  /** The référent's account e-mail (null without an account: not notified). */
  email: string | null;
  /** How the person reaches them: the structure's phone and e-mail. */
  contactPhone: string | null;
  contactEmail: string | null;
}

function contactOf(r: ReferentNotice): string {
  const ways = [
    r.contactPhone ? `par téléphone au ${r.contactPhone}` : null,
    r.email || r.contactEmail ? `par e-mail à ${r.email ?? r.contactEmail}` : null,
  ].filter(Boolean);
  return ways.length ? ways.join(' ou ') : `auprès de ${r.structureName}`;
}

/**
 * The notices of a change of référent, in the caller's transaction: to the person by e-mail and
 * SMS when the household consented (nothing when unreachable: the change stands), and an e-mail
 * to the former and the new référent's accounts. Sending goes through the outbox (job queue).
 */
export async function createReferentChangeMessages(
  trx: Transaction<Database>,
  actor: RequestActor,
  input: { personId: string; previous: ReferentNotice | null; next: ReferentNotice; reason: string },
): Promise<{ messageIds: string[]; personChannels: ('email' | 'sms')[]; referentsNotified: number }> {
  const dep = actor.departmentCode;
  await assertPersonInScope(trx, actor, input.personId, 'act');
  const recipient = await loadRecipient(trx, dep, input.personId);
  if (!recipient) throw notFound('Personne');
  const depName = await departmentName(trx, dep);
  const base = personValues(recipient, depName, recipient.hubName);
  const messageIds: string[] = [];
  const personChannels: ('email' | 'sms')[] = [];
  const common = {
    departmentCode: dep,
    actorAccountId: actor.accountId,
    personId: input.personId,
    kind: 'referent_change' as const,
  };
  for (const channel of ['email', 'sms'] as const) {
    const address = channel === 'email' ? recipient.email : recipient.mobile;
    if (!address) continue;
    messageIds.push(
      await createMessage(trx, {
        ...common,
        templateCode: 'referent_change',
        channel,
        recipient: address,
        values: {
          ...base,
          referent: input.next.name,
          structure: input.next.structureName,
          contact_referent: contactOf(input.next),
        },
      }),
    );
    personChannels.push(channel);
  }
  const referentEmails = [input.previous?.email, input.next.email].filter(
    (e, i, all): e is string => !!e && all.indexOf(e) === i,
  );
  for (const email of referentEmails) {
    messageIds.push(
      await createMessage(trx, {
        ...common,
        templateCode: 'referent_change_referent',
        channel: 'email',
        recipient: email,
        values: {
          ...base,
          referent: input.next.name,
          ancien_referent: input.previous?.name ?? 'aucun référent',
          motif: input.reason,
          structure: input.next.structureName,
        },
      }),
    );
  }
  return { messageIds, personChannels, referentsNotified: referentEmails.length };
}
