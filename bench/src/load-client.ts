/**
 * The load generator of `bench load`, run in a child process so it does not share the server's
 * event loop. autocannon's API rather than its command line: the requests can then go to many
 * paths in turn (the files of many persons, as agents read them), which the command line cannot.
 *
 * stdin: JSON { base, paths, cookie?, connections, seconds, warmup }. Prints one JSON line:
 * { warmup, main } with autocannon's results.
 */
import autocannon from 'autocannon';

interface ClientOptions {
  base: string;
  paths: string[];
  cookie?: string;
  connections: number;
  seconds: number;
  warmup: number;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const opts = JSON.parse(input) as ClientOptions;
let next = 0;
const headers: Record<string, string> = opts.cookie ? { cookie: opts.cookie } : {};
const result = await autocannon({
  url: opts.base,
  connections: opts.connections,
  duration: opts.seconds,
  headers,
  requests: [
    {
      setupRequest: (req) => {
        req.path = opts.paths[next++ % opts.paths.length]!;
        return req;
      },
    },
  ],
  ...(opts.warmup > 0 ? { warmup: { connections: opts.connections, duration: opts.warmup } } : {}),
} as autocannon.Options);
const { warmup, ...main } = result as autocannon.Result & { warmup?: autocannon.Result };
process.stdout.write(`${JSON.stringify({ warmup: warmup ?? null, main })}\n`);
