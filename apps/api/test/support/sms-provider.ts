import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  id: string;
  to: string;
  from: string;
  text: string;
  reference: string | null;
  callbackUrl: string | null;
  receivedAt: Date;
}

/**
 * A real HTTP SMS provider for tests: accepts JSON sends with the bearer token, keeps what it
 * receives, can be told to fail (to test retries), and posts delivery reports to the app with the
 * shared secret, like a real provider's webhook.
 */
export interface SmsProvider {
  /** The send endpoint, to give as SMS_PROVIDER_URL. */
  url: string;
  token: string;
  callbackSecret: string;
  received: ReceivedSms[];
  /** Sends answered with an error; `count` limits it to the next sends (default: until told otherwise). */
  fail(opts?: { status?: number; count?: number }): void;
  recover(): void;
  /** Number of send requests refused so far. */
  refused: number;
  /** Posts a delivery report for a message this provider received; returns the app's HTTP status. */
  report(
    id: string,
    status: string,
    opts?: { error?: string; secret?: string; callbackUrl?: string },
  ): Promise<number>;
  close(): Promise<void>;
}

export async function startSmsProvider(
  opts: { token?: string; callbackSecret?: string; callbackUrl?: string } = {},
): Promise<SmsProvider> {
  const token = opts.token ?? `jeton-${randomUUID()}`;
  const callbackSecret = opts.callbackSecret ?? `secret-rappel-${randomUUID()}`;
  const received: ReceivedSms[] = [];
  let failing: { status: number; remaining: number } | null = null;
  let refused = 0;

  const server = http.createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/messages') return answer(404, { error: 'not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'bad token' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing && failing.remaining > 0) {
        failing.remaining--;
        refused++;
        const status = failing.status;
        if (failing.remaining === 0) failing = null;
        return answer(status, { error: 'service temporairement indisponible' });
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { error: 'invalid json' });
      }
      if (typeof body.to !== 'string' || typeof body.text !== 'string') {
        return answer(422, { error: 'to and text are required' });
      }
      const sms: ReceivedSms = {
        id: `prov-${randomUUID()}`,
        to: body.to,
        from: String(body.from ?? ''),
        text: body.text,
        reference: typeof body.reference === 'string' ? body.reference : null,
        callbackUrl: typeof body.callbackUrl === 'string' ? body.callbackUrl : null,
        receivedAt: new Date(),
      };
      received.push(sms);
      answer(201, { id: sms.id, status: 'accepted' });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/messages`,
    token,
    callbackSecret,
    received,
    get refused() {
      return refused;
    },
    fail({ status = 503, count = Number.POSITIVE_INFINITY } = {}) {
      failing = { status, remaining: count };
    },
    recover() {
      failing = null;
    },
    async report(id, status, o = {}) {
      const sms = received.find((s) => s.id === id);
      const target = o.callbackUrl ?? sms?.callbackUrl ?? opts.callbackUrl;
      if (!target) throw new Error(`no callback URL for ${id}`);
      const res = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${o.secret ?? callbackSecret}`,
        },
        body: JSON.stringify({ id, status, error: o.error, occurredAt: new Date().toISOString() }),
      });
      await res.text();
      return res.status;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
