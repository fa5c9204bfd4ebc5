import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context';
import { createSmsSender, normalizeFrenchPhone } from '../../messaging';
import { newCode, ONE_TIME_TTL_MINUTES } from '../domain/beneficiary-codes';
import { householdContacts, spaceAccountById } from '../infra/beneficiary-token-repo';
import {
  issueSecret,
  newCodeSecret,
  newLinkSecret,
  SPACE_CODE_QUEUE,
  SPACE_LINK_QUEUE,
} from './beneficiary-login';
import { isSmsOnlyEmail } from './space-accounts';

const linkPayload = z.object({ accountId: z.uuid().nullable(), via: z.enum(['account', 'contact']) });
const codePayload = z.object({
  accountId: z.uuid().nullable(),
  kind: z.enum(['sms_code', 'signature_code']),
  channel: z.enum(['sms', 'email']),
});

const baseUrl = (ctx: AppContext) =>
  (ctx.config.publicUrl ?? `http://${ctx.config.host}:${ctx.config.port}`).replace(/\/$/, '');

/** The e-mail with the sign-in link (to the account's e-mail, or the household's it was asked with). */
export async function sendSpaceLink(ctx: AppContext, accountId: string, via: 'account' | 'contact') {
  const account = await spaceAccountById(ctx.db, accountId);
  if (!account) return;
  const to = via === 'contact' ? (await householdContacts(ctx.db, account.person_id)).email : account.email;
  if (!to || isSmsOnlyEmail(to)) return;
  const token = await issueSecret(ctx, account, 'link', 'email', newLinkSecret);
  if (!token) return;
  const link = `${baseUrl(ctx)}/espace/lien?jeton=${encodeURIComponent(token)}`;
  await ctx.mailer.send({
    to,
    subject: 'Parcours — votre lien pour ouvrir votre espace',
    text: [
      'Bonjour,',
      '',
      'Vous avez demandé à ouvrir votre espace personnel Parcours (accompagnement RSA).',
      `Ouvrez ce lien, puis appuyez sur « Ouvrir mon espace » (valable ${ONE_TIME_TTL_MINUTES.link} minutes, une seule fois) :`,
      link,
      '',
      'Si vous n’avez rien demandé, ignorez ce message : personne ne peut ouvrir votre espace sans ce lien.',
    ].join('\n'),
  });
}

/** A code by SMS (sign-in or signature) or by e-mail (signature). */
export async function sendSpaceCode(
  ctx: AppContext,
  input: { accountId: string; kind: 'sms_code' | 'signature_code'; channel: 'sms' | 'email' },
) {
  const account = await spaceAccountById(ctx.db, input.accountId);
  if (!account) return;
  const contacts = await householdContacts(ctx.db, account.person_id);
  const mobile = input.channel === 'sms' ? normalizeFrenchPhone(contacts.phone) : null;
  if (input.channel === 'sms' && !mobile?.mobile) return;
  const code = newCode();
  const stored = await issueSecret(ctx, account, input.kind, input.channel, newCodeSecret(code));
  if (!stored) return;
  const minutes = ONE_TIME_TTL_MINUTES[input.kind];
  const what =
    input.kind === 'sms_code' ? 'de connexion à votre espace' : 'pour signer votre contrat d’engagement';
  const text = `Parcours : votre code ${what} est ${code}. Valable ${minutes} minutes. Ne le donnez à personne, même à un agent.`;
  if (mobile) {
    await createSmsSender(ctx.config).send({ to: mobile.e164, text, reference: `space-${randomUUID()}` });
  } else if (!isSmsOnlyEmail(account.email)) {
    await ctx.mailer.send({
      to: account.email,
      subject: 'Parcours — votre code pour signer votre contrat',
      text: ['Bonjour,', '', text, '', 'Si vous n’avez rien demandé, ignorez ce message.'].join('\n'),
    });
  }
}

/** The sign-in and signature messages of the beneficiary's space. */
export function registerBeneficiaryLoginJobs(ctx: AppContext) {
  ctx.jobs.register(SPACE_LINK_QUEUE, async (payload) => {
    const { accountId, via } = linkPayload.parse(payload);
    // No account: the job of a request for an unknown e-mail, which sends nothing.
    if (accountId) await sendSpaceLink(ctx, accountId, via);
  });
  ctx.jobs.register(SPACE_CODE_QUEUE, async (payload) => {
    const { accountId, kind, channel } = codePayload.parse(payload);
    if (accountId) await sendSpaceCode(ctx, { accountId, kind, channel });
  });
}
