import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OutgoingSms, SmsSender } from './sms-sender';

/**
 * The embedded demo has no SMS provider: each SMS is written as a JSON file under the data
 * directory (like e-mails as .eml), so nothing is silently lost. In memory (tests) nothing is written.
 */
export class FileSmsSender implements SmsSender {
  constructor(private readonly opts: { dataDir: string; sender: string }) {}

  async send(sms: OutgoingSms): Promise<{ providerMessageId: string }> {
    const id = `local-${randomUUID()}`;
    if (!this.opts.dataDir.startsWith('memory://')) {
      const dir = path.resolve(this.opts.dataDir, 'sms');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, `${Date.now()}-${id}.json`),
        `${JSON.stringify({ id, from: this.opts.sender, ...sms, writtenAt: new Date().toISOString() }, null, 2)}\n`,
      );
    }
    return { providerMessageId: id };
  }
}
