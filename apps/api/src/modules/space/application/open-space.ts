import type { OpenSpaceAnswer } from '@parcours/contracts';
import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';
import { unprocessable } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { parisToday } from '../../../platform/time';
import { unitOfWork } from '../../../platform/use-case';
import { enqueueSpaceLink, ensureBeneficiaryAccount, spaceContactsOf } from '../../access';
import { requirePerson } from '../../beneficiaries';
import { spaceEvents } from '../domain/timeline-events';

/**
 * An agent opens the person's space from the file: the beneficiary account is created when there
 * is none (with the e-mail given, else the household's; none at all: SMS only), and a sign-in link
 * is e-mailed when an e-mail is known. Again later: the link is sent again, nothing else changes.
 */
export async function openSpaceForPerson(
  ctx: AppContext,
  actor: RequestActor,
  personId: string,
  input: { email: string | null },
  request: RequestInfo,
): Promise<OpenSpaceAnswer> {
  const person = await requirePerson(ctx, actor, personId, request, 'act');
  const contacts = await spaceContactsOf(ctx, personId);
  const email = input.email ?? contacts.email;
  return unitOfWork(ctx, actor, request, async ({ trx, audit, timeline }) => {
    const s = person.summary;
    const account = await ensureBeneficiaryAccount(trx, {
      departmentCode: actor.departmentCode,
      personId,
      email,
      displayName: `${s.firstName} ${s.usualName ?? s.birthName}`,
    });
    if (account.created && !account.email && !contacts.mobile) {
      throw unprocessable(
        'Ni adresse e-mail ni téléphone portable ne sont connus pour cette personne : indiquez une adresse e-mail, ou enregistrez d’abord son portable dans ses coordonnées.',
        'NO_CHANNEL',
        [{ path: 'email', code: 'required', message: 'Indiquez l’adresse e-mail de la personne.' }],
      );
    }
    if (!account.active) {
      throw unprocessable('Le compte de cette personne est désactivé : un administrateur peut le réactiver.');
    }
    const linkSent = Boolean(account.email);
    if (linkSent) await enqueueSpaceLink(ctx, trx, account.id);
    if (account.created) {
      await audit({
        action: 'account.created',
        personId,
        targetType: 'account',
        targetId: account.id,
        details: { role: 'beneficiary', smsOnly: !account.email },
      });
    }
    await timeline(spaceEvents, {
      personId,
      occurredOn: parisToday(),
      type: 'space_opened',
      data: { created: account.created, linkSent },
    });
    return { created: account.created, email: account.email, linkSent, smsPossible: contacts.mobile };
  });
}
