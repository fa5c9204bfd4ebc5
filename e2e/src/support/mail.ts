import { mailText } from '../../../apps/api/test/support/messaging-fixtures';
import type { Stack } from '../stack';

/**
 * The text of the first e-mail to `to` received by the test SMTP server after the first `after`
 * mails whose text matches `pattern` (the app sends most mails from its job queue: polled, 10 s).
 */
export async function mailTo(stack: Stack, to: string, after: number, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    for (const m of stack.mails.slice(after)) {
      const text = mailText(m.raw);
      if (m.to.includes(to) && pattern.test(text)) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail to ${to} matching ${pattern} arrived`);
}
