import {
  type ImmersionObjective,
  type ImmersionParty,
  type ImmersionPublicSummary,
  immersionObjectiveLabels,
  personNameOfRow,
} from '@parcours/contracts';
import type { Transaction } from 'kysely';
import { hashToken } from '../../../platform/auth/tokens';
import type { AppContext } from '../../../platform/context';
import type { Database } from '../../../platform/db/schema';
import { DomainError } from '../../../platform/errors';
import type { RequestInfo } from '../../../platform/request-info';
import { secretState } from '../../access';
import { signLinkRefusals } from '../domain/sign-link';
import {
  endOf,
  scheduleOf,
  signaturesOf,
  startOf,
  structureName,
  tokenByHash,
} from '../infra/immersion-repo';
import { applySignature } from './signatures';

type Trx = Transaction<Database>;

/**
 * The public side of the e-mailed signing link (no account): the summary its holder reads, and
 * « Je signe la convention ». An unknown, used or expired link is refused and traced.
 */

type Refusal = keyof typeof signLinkRefusals;
class LinkRefused extends Error {
  constructor(
    readonly reason: Refusal,
    readonly immersionId: string | null,
  ) {
    super(reason);
  }
}

/** A refused link, once its transaction is over: traced (no actor), then the French reason. */
async function refused(ctx: AppContext, e: unknown, request: RequestInfo): Promise<never> {
  if (!(e instanceof LinkRefused)) throw e;
  await ctx.audit.record({
    actor: null,
    departmentCode: ctx.config.departmentCode,
    action: 'immersion.sign_link_refused',
    targetType: 'immersion',
    targetId: e.immersionId ?? 'inconnu',
    details: { reason: e.reason },
    request,
  });
  // A link that is unknown, used or expired proves nothing (400); a convention no longer awaiting it: 409.
  if (e.reason === 'closed') throw new DomainError('conflict', 'CONFLICT', signLinkRefusals.closed);
  throw new DomainError('invalid', 'INVALID_TOKEN', signLinkRefusals[e.reason]);
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof tokenByHash>>>;

async function usableToken(trx: Trx, token: string): Promise<TokenRow> {
  const row = await tokenByHash(trx, hashToken(token));
  if (!row) throw new LinkRefused('unknown', null);
  const state = secretState(row, new Date(), 'link');
  if (state === 'used') throw new LinkRefused('used', row.immersion_id);
  if (state === 'expired') throw new LinkRefused('expired', row.immersion_id);
  return row;
}

/** What the holder of a link sees: the convention without NIR nor the person's address (commune only). */
export async function immersionSignatureSummary(
  ctx: AppContext,
  token: string,
  request: RequestInfo,
): Promise<ImmersionPublicSummary> {
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const t = await usableToken(trx, token);
      const row = await trx
        .selectFrom('immersion')
        .selectAll()
        .where('id', '=', t.immersion_id)
        .executeTakeFirstOrThrow();
      if (row.status !== 'awaiting_signatures') throw new LinkRefused('closed', row.id);
      const person = await trx
        .selectFrom('person as p')
        .leftJoin('household as h', 'h.id', 'p.household_id')
        .select(['p.first_name', 'p.birth_name', 'p.usual_name', 'h.commune_name'])
        .where('p.id', '=', row.person_id)
        .executeTakeFirstOrThrow();
      return {
        party: t.party as ImmersionParty,
        personName: personNameOfRow(person),
        personCommune: person.commune_name,
        hostName: row.host_name,
        hostSiret: row.host_siret,
        tutorName: row.tutor_name,
        structureName: await structureName(trx, row.structure_id),
        objective: immersionObjectiveLabels[row.objective as ImmersionObjective],
        romeCode: row.rome_code,
        jobLabel: row.job_label,
        startDate: startOf(row),
        endDate: endOf(row),
        schedule: scheduleOf(row.schedule),
        weeklyHours: Number(row.weekly_hours),
        place: row.place,
        tasks: row.tasks,
        risks: row.risks,
        signedParties: (await signaturesOf(trx, row.id)).map((s) => s.party as ImmersionParty),
      };
    })
    .catch((e) => refused(ctx, e, request));
}

/** « Je signe la convention »: the link is used once, in the signature's transaction. */
export async function signImmersionWithLink(
  ctx: AppContext,
  input: { token: string; signerName: string },
  request: RequestInfo,
): Promise<{ message: string }> {
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const t = await usableToken(trx, input.token);
      const row = await trx
        .selectFrom('immersion')
        .selectAll()
        .where('id', '=', t.immersion_id)
        .forNoKeyUpdate()
        .executeTakeFirstOrThrow();
      const party = t.party as ImmersionParty;
      const signed = await signaturesOf(trx, row.id);
      if (row.status !== 'awaiting_signatures' || signed.some((s) => s.party === party)) {
        throw new LinkRefused('closed', row.id);
      }
      await applySignature(trx, {
        row,
        signedCount: signed.length,
        party,
        mode: 'email_link',
        signerName: input.signerName.trim(),
        actor: { accountId: null, role: 'system', departmentCode: row.department_code },
        request,
      });
    })
    .catch((e) => refused(ctx, e, request));
  const when = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date());
  return {
    message: `Merci : votre signature est enregistrée le ${when}. La structure d’accompagnement en est informée ; ce lien ne servira plus.`,
  };
}
