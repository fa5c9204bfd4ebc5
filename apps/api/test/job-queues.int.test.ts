import { jobQueueLabel, jobQueueLabels } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp } from './support/harness';

describe.each(engines)('job queue names (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });

  it('every queue the server registers has a French name on the jobs screen', () => {
    const queues = app.ctx.jobs.queues();
    expect(queues).toEqual(expect.arrayContaining(['email', 'sms', 'mail.password-reset']));
    for (const queue of queues) {
      if (queue.startsWith('event:')) continue;
      expect(jobQueueLabels[queue], `queue ${queue}`).toBeTruthy();
    }
    expect(jobQueueLabel('event:decision-letter')).toBe('Suite automatique d’un événement (decision-letter)');
    expect(jobQueueLabel('inconnue')).toBe('Tâche d’un type inconnu');
  });
});
