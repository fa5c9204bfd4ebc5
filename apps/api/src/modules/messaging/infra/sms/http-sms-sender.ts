import type { OutgoingSms, SmsSender } from './sms-sender';

/**
 * A provider reached over HTTP: JSON POST to its URL with a bearer token, answering the message
 * id it gave the SMS. Delivery reports come back later on our callback URL.
 */
export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly opts: {
      url: string;
      token: string;
      sender: string;
      callbackUrl: string | undefined;
      timeoutMs?: number;
    },
  ) {}

  async send(sms: OutgoingSms): Promise<{ providerMessageId: string }> {
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.opts.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          to: sms.to,
          from: this.opts.sender,
          text: sms.text,
          reference: sms.reference,
          callbackUrl: this.opts.callbackUrl,
        }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`Fournisseur de SMS injoignable : ${reason}`);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`Fournisseur de SMS : refus (HTTP ${res.status}) ${text.slice(0, 200)}`.trim());
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const id =
      body && typeof body === 'object'
        ? ((body as Record<string, unknown>).id ?? (body as Record<string, unknown>).messageId)
        : undefined;
    if (typeof id !== 'string' || !id) {
      throw new Error('Fournisseur de SMS : réponse sans identifiant de message.');
    }
    return { providerMessageId: id };
  }
}
