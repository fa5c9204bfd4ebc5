import { describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger } from './logger';

function sink() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

describe('logger format', () => {
  it('is human on a terminal and JSON otherwise', () => {
    expect(chooseLogFormat({ isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: false })).toBe('json');
    expect(chooseLogFormat({})).toBe('json');
  });

  it('keeps JSON lines by default, for pipes and log collectors', () => {
    const out = sink();
    createLogger('info', out).info({ password: 'x' }, 'démarrage');
    const line = JSON.parse(out.lines.join(''));
    expect(line).toMatchObject({ level: 30, msg: 'démarrage' });
    expect(line.password).toBeUndefined();
  });

  it('writes readable lines on a terminal, and only the failed requests as one compact line', () => {
    const out = sink();
    const log = createLogger('info', out, 'pretty');
    log.warn({ late: 3, detail: { skipped: true } }, 'file de tâches en retard');
    for (const [reqId, url, statusCode] of [
      ['a', '/api/me', 200],
      ['b', '/api/persons/x', 404],
      ['c', '/api/boom', 500],
    ] as const) {
      const child = log.child({ reqId });
      child.info({ req: { method: 'GET', url } }, 'incoming request');
      child.info({ res: { statusCode }, responseTime: 12.4 }, 'request completed');
    }
    const text = out.lines.join('');
    expect(text).toMatch(/^\d\d:\d\d:\d\d ATTENTION file de tâches en retard late=3\n/);
    expect(text).not.toContain('{');
    expect(text).not.toContain('/api/me');
    expect(text).toContain('ATTENTION GET /api/persons/x → 404 (12 ms)');
    expect(text).toContain('ERREUR GET /api/boom → 500 (12 ms)');
    expect(out.lines).toHaveLength(3);
  });
});
