import pino, { type Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

/** Human lines only for a person at a terminal; pipes, files and collectors keep JSON. */
export function chooseLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY === true ? 'pretty' : 'json';
}

/** JSON logs on stdout; the command line passes stderr (fd 2) so its own output stays clean. */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  format: LogFormat = 'json',
): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', '*.password'],
        remove: true,
      },
    },
    format === 'pretty' ? prettyStream(destination ?? process.stdout) : destination,
  );
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'ATTENTION',
  50: 'ERREUR',
  60: 'FATAL',
};

interface LogLine {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

/**
 * Turns pino's JSON lines into short readable lines. Requests are not listed one by one (a page
 * load is dozens of them): only those answered 4xx/5xx, as one compact line.
 */
export function prettyStream(out: { write(text: string): unknown }): pino.DestinationStream {
  // "request completed" carries only the reqId: the method and URL come from "incoming request".
  const pending = new Map<string, string>();
  return {
    write(chunk: string) {
      for (const raw of chunk.split('\n')) {
        if (!raw) continue;
        const text = formatLine(raw, pending);
        if (text !== null) out.write(`${text}\n`);
      }
    },
  };
}

function formatLine(raw: string, pending: Map<string, string>): string | null {
  let line: LogLine;
  try {
    line = JSON.parse(raw) as LogLine;
  } catch {
    return raw;
  }
  const time = new Date(line.time).toTimeString().slice(0, 8);
  const level = LEVELS[line.level] ?? String(line.level);
  if (line.msg === 'incoming request' && line.reqId) {
    pending.set(line.reqId, `${line.req?.method ?? '?'} ${line.req?.url ?? '?'}`);
    if (pending.size > 10_000) pending.clear(); // requests whose completion was never logged
    return null;
  }
  if (line.msg === 'request completed' && line.reqId) {
    const request = pending.get(line.reqId) ?? 'requête';
    pending.delete(line.reqId);
    const status = line.res?.statusCode ?? 0;
    if (status < 400) return null;
    const ms = line.responseTime === undefined ? '' : ` (${Math.round(line.responseTime)} ms)`;
    return `${time} ${status >= 500 ? 'ERREUR' : 'ATTENTION'} ${request} → ${status}${ms}`;
  }
  const detail = line.err?.stack ?? line.err?.message;
  return `${time} ${level} ${line.msg ?? ''}${extras(line)}${detail ? `\n${detail}` : ''}`;
}

const OWN_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId', 'req', 'res', 'err']);

/** The context fields of a line (counts, ids) as ` key=value`, objects left to the JSON format. */
function extras(line: LogLine): string {
  return Object.entries(line)
    .filter(([key, value]) => !OWN_FIELDS.has(key) && value !== null && typeof value !== 'object')
    .map(([key, value]) => ` ${key}=${String(value)}`)
    .join('');
}
