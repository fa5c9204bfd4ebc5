import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Sends through SMTP when SMTP_URL is set. Without it (the embedded demo) messages are written as
 * real .eml files under the data directory, so nothing is silently lost.
 */
export class Mailer {
  private readonly transport: Transporter;
  constructor(private readonly opts: { smtpUrl: string | undefined; from: string; dataDir: string }) {
    this.transport = opts.smtpUrl
      ? nodemailer.createTransport(opts.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Resolves once the SMTP server accepted the message, with its Message-ID. */
  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.opts.from, ...message });
    if (!this.opts.smtpUrl && 'message' in info && Buffer.isBuffer(info.message)) {
      const dir = this.opts.dataDir.startsWith('memory://') ? null : path.resolve(this.opts.dataDir, 'mail');
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          path.join(dir, `${Date.now()}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`),
          info.message,
        );
      }
    }
    return { messageId: info.messageId };
  }

  close() {
    this.transport.close();
  }
}
