import type { RequestActor } from '../../../platform/auth/sessions';
import type { AppContext } from '../../../platform/context';

/** One real PDF holding the letters of a batch, or of the given letter messages, in the actor's scope. */
export async function renderLettersPdf(
  _ctx: AppContext,
  _actor: RequestActor,
  _select: { batchId: string } | { messageIds: string[] },
): Promise<Buffer> {
  throw new Error('renderLettersPdf: not implemented yet');
}
