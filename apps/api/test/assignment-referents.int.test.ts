import { api } from '@parcours/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../src/modules/accompaniment';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { structureIdOf } from './support/orientation-fixtures';

/*
 * Issue 11, point 1: every référent or structure manager account of a structure is a référent
 * who can be assigned persons — its `referent` row follows the account (reaction to `account.saved`).
 */
describe.each(engines)('référents of the agent accounts (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Client;
  let manager: Client;
  let mds: string;

  beforeAll(async () => {
    app = await startTestApp(engine);
    admin = await loggedIn(app, 'admin@parcours.test');
    manager = await loggedIn(app, 'responsable@parcours.test');
    mds = await structureIdOf(app, 'MDS Marseille 2/3');
  });

  it('gives the demo accounts of the MDS their référent rows, and nothing to GET routes', async () => {
    const before = await app.ctx.db.selectFrom('referent').select('id').execute();
    const inbox = await manager.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(inbox.body.referents.filter((r) => r.accountId !== null)).toHaveLength(2);
    expect(await app.ctx.db.selectFrom('referent').select('id').execute()).toHaveLength(before.length);
  });

  it('makes every référent or manager account of a structure a référent, kept in step with it', async () => {
    const created = await admin.call(api.access.createAccount, {
      body: {
        email: 'nouvelle.referente@parcours.test',
        displayName: 'Inès Nouvelle',
        role: 'referent',
        hubId: null,
        structureId: mds,
        password: null,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const row = () =>
      app.ctx.db
        .selectFrom('referent')
        .select(['first_name', 'last_name', 'structure_id', 'active_to'])
        .where('account_id', '=', id)
        .executeTakeFirst();
    expect(await row()).toMatchObject({
      first_name: 'Inès',
      last_name: 'Nouvelle',
      structure_id: mds,
      active_to: null,
    });
    const listed = await manager.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(listed.body.referents.some((r) => r.accountId === id)).toBe(true);
    // Deactivated: no longer proposed nor assignable.
    const off = await admin.call(api.access.updateAccount, {
      params: { id },
      body: {
        displayName: 'Inès Nouvelle-Nom',
        role: 'referent',
        hubId: null,
        structureId: mds,
        active: false,
        version: 1,
      },
    });
    expect(off.status).toBe(200);
    expect(await row()).toMatchObject({
      last_name: 'Nouvelle-Nom',
      active_to: addCalendarDays(parisToday(), -1),
    });
    const after = await manager.call(api.accompaniment.assignmentInbox, { query: {} });
    expect(after.body.referents.some((r) => r.accountId === id)).toBe(false);
    // An orientation advisor is no référent.
    const advisor = await admin.call(api.access.createAccount, {
      body: {
        email: 'conseiller.sans.referent@parcours.test',
        displayName: 'Paul Conseil',
        role: 'orientation_advisor',
        hubId: (
          await app.ctx.db
            .selectFrom('insertion_hub')
            .select('id')
            .where('code', '=', 'marseille-2-3')
            .executeTakeFirstOrThrow()
        ).id,
        structureId: null,
        password: null,
      },
    });
    expect(advisor.status).toBe(201);
    const none = await app.ctx.db
      .selectFrom('referent')
      .select('id')
      .where('account_id', '=', advisor.body.id)
      .execute();
    expect(none).toEqual([]);
  });
});
