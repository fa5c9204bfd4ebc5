import { randomUUID } from 'node:crypto';
import { api, type ContractContentInput, type ContractDetail } from '@parcours/contracts';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/access/application/accounts';
import { codeHash } from '../src/modules/access/domain/beneficiary-codes';
import { runContractDailyMoves } from '../src/modules/accompaniment/application/contract-jobs';
import { addCalendarDays } from '../src/modules/accompaniment/domain/agenda';
import { hashPassword } from '../src/platform/auth/passwords';
import { parisToday } from '../src/platform/time';
import { type Client, engines, loggedIn, startTestApp } from './support/harness';
import { createTestPerson, pdfText } from './support/messaging-fixtures';
import { structureIdOf } from './support/orientation-fixtures';

/*
 * Issue 11, point 4: the contract of engagement — drafting, proposal with the 15-hour planner,
 * signatures of both parties (agent, person on screen), in force, amendment, renewal, the daily
 * job, the PDF; every refusal of the "bad input" list, nothing changed; scope.
 */
describe.each(engines)('contract of engagement (%s)', (engine) => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let referent: Client;
  let manager: Client;
  let otherReferent: Client;
  let otherManager: Client;
  let objectives: string[];
  let referentId: string;
  const today = parisToday();
  const day = (n: number) => addCalendarDays(today, n);

  const content = (over: Partial<ContractContentInput> = {}, hours = [12, 6]): ContractContentInput => ({
    startDate: over.startDate ?? today,
    endDate: over.endDate ?? day(181),
    bodyCommitments: 'Votre référente, Sophie Référente, vous reçoit chaque mois.',
    personCommitments: 'Suivre la formation et l’atelier prévus.',
    hoursRegime: 'standard',
    plan: hours.map((h, i) => ({
      objectiveId: objectives[i % objectives.length]!,
      kind: i === 0 ? 'training' : 'workshop',
      label: i === 0 ? 'Formation aux métiers de la logistique' : 'Atelier recherche d’emploi',
      weeklyHours: h,
      startDate: over.startDate ?? today,
      endDate: over.endDate ?? day(181),
    })),
    ...over,
  });
  const newPerson = async (lastName: string) => {
    const id = await createTestPerson(app, { firstName: 'Lina', lastName });
    await app.ctx.db
      .insertInto('referent_assignment')
      .values({
        department_code: '13',
        person_id: id,
        referent_id: referentId,
        from_date: day(-40),
        source: 'test',
      })
      .execute();
    return id;
  };
  const create = (personId: string, c: ContractContentInput, renewsContractId: string | null = null) =>
    referent.call(api.contracts.create, { params: { id: personId }, body: { content: c, renewsContractId } });
  const move = (d: ContractDetail, to: 'proposed' | 'draft' | 'cancelled' | 'ended', reason?: string) =>
    referent.call(api.contracts.transition, {
      params: { id: d.id },
      body: { to, version: d.version, reason },
    });
  const sign = (
    d: ContractDetail,
    party: 'agent' | 'person_on_screen',
    v = d.versions[0]!,
    statement = true,
  ) =>
    referent.call(api.contracts.sign, {
      params: { id: d.id },
      body: {
        party,
        versionNumber: v.number,
        contentHash: v.contentHash!,
        statementAccepted: statement,
        version: d.version,
      },
    });
  /** Draft → proposed → signed by both: in force when it has started. */
  const signedContract = async (personId: string, c: ContractContentInput, renews: string | null = null) => {
    const created = await create(personId, c, renews);
    expect(created.status, created.text).toBe(201);
    const proposed = await move(created.body, 'proposed');
    expect(proposed.status, proposed.text).toBe(200);
    const first = await sign(proposed.body, 'agent');
    expect(first.status, first.text).toBe(200);
    const second = await sign(first.body, 'person_on_screen');
    expect(second.status, second.text).toBe(200);
    return second.body;
  };
  const countOf = async (_table: 'engagement_contract', personId: string) => {
    const r = await app.ctx.db
      .selectFrom('engagement_contract')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  beforeAll(async () => {
    app = await startTestApp(engine, process.env.CONTRACT_DEBUG ? { logLevel: 'error' } : {});
    const mds = await structureIdOf(app, 'MDS Marseille 2/3');
    const lieu = await structureIdOf(app, "Lieu d'accueil Marseille 2/3");
    for (const [email, role] of [
      ['contrat.autre@parcours.test', 'referent'],
      ['contrat.resp.autre@parcours.test', 'structure_manager'],
    ] as const) {
      await createAccount(
        app.ctx,
        null,
        {
          email,
          displayName: `Autre ${role}`,
          role,
          hubId: null,
          structureId: lieu,
          password: 'Parcours-demo-2026',
        },
        null,
      );
    }
    // The persons' référent unique, of the MDS (the demo référent's structure): no account needed.
    referentId = (
      await app.ctx.db
        .insertInto('referent')
        .values({
          department_code: '13',
          structure_id: mds,
          first_name: 'Sophie',
          last_name: 'Contrat',
          active_from: '2020-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    objectives = (
      await app.ctx.db.selectFrom('diagnostic_objective').select('id').orderBy('id').limit(2).execute()
    ).map((o) => o.id);
    referent = await loggedIn(app, 'referent@parcours.test');
    manager = await loggedIn(app, 'responsable@parcours.test');
    otherReferent = await loggedIn(app, 'contrat.autre@parcours.test');
    otherManager = await loggedIn(app, 'contrat.resp.autre@parcours.test');
  });

  it('goes draft → proposed → signed by the agent and the person on screen → in force', async () => {
    const personId = await newPerson('CYCLE');
    const created = await create(personId, content());
    expect(created.status, created.text).toBe(201);
    const draft = created.body;
    expect(draft).toMatchObject({
      status: 'draft',
      currentVersionNo: 1,
      inForceVersionNo: null,
      signedOn: null,
    });
    expect(draft.referentName).toBe('Sophie Contrat');
    expect(draft.structureName).toBe('MDS Marseille 2/3');
    expect(draft.durationLabel).toMatch(/mois/);
    expect(draft.minimumWeeklyHours).toBe(15);
    expect(draft.versions[0]).toMatchObject({ number: 1, status: 'draft', contentHash: null });
    expect(draft.versions[0]!.weeks.every((w) => w.hours === 18 && !w.underMinimum)).toBe(true);
    expect(draft.versions[0]!.plan[0]!.objectiveLabel).toBeTruthy();

    const list = await manager.call(api.contracts.listForPerson, { params: { id: personId } });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toEqual([draft.id]);
    expect(list.body).toMatchObject({ referentName: 'Sophie Contrat', minimumWeeklyHours: 15 });

    const proposed = await move(draft, 'proposed');
    expect(proposed.status, proposed.text).toBe(200);
    expect(proposed.body.status).toBe('proposed');
    expect(proposed.body.versions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const byAgent = await sign(proposed.body, 'agent');
    expect(byAgent.status, byAgent.text).toBe(200);
    expect(byAgent.body.status).toBe('proposed');
    expect(byAgent.body.versions[0]!.agentSignedByName).toBe('Sophie Référente');

    const noStatement = await sign(byAgent.body, 'person_on_screen', byAgent.body.versions[0], false);
    expect(noStatement.status).toBe(400);
    expect(noStatement.error?.fields?.map((f) => f.path)).toEqual(['statementAccepted']);

    const byPerson = await sign(byAgent.body, 'person_on_screen');
    expect(byPerson.status, byPerson.text).toBe(200);
    expect(byPerson.body).toMatchObject({
      status: 'in_force',
      signedOn: today,
      inForceVersionNo: 1,
      weeklyHours: 18,
    });
    expect(byPerson.body.versions[0]).toMatchObject({ status: 'signed', personSignatureMethod: 'on_screen' });

    const again = await sign(byPerson.body, 'agent');
    expect(again.status).toBe(409);

    const steps = await app.ctx.db
      .selectFrom('timeline_event')
      .select(sql<string>`data->>'step'`.as('step'))
      .where('person_id', '=', personId)
      .where('type', '=', 'contract_step')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
    expect(steps.map((s) => s.step)).toEqual(['draft_created', 'proposed', 'signed', 'signed', 'in_force']);
    const signedEvents = await app.ctx.db
      .selectFrom('outbox_event')
      .select('payload')
      .where('type', '=', 'accompaniment.contract_signed')
      .where(sql<boolean>`payload->>'contractId' = ${draft.id}`)
      .execute();
    expect(signedEvents).toHaveLength(1);
    const audits = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('target_id', '=', draft.id)
      .execute();
    expect(audits.filter((a) => a.action === 'contract.signed')).toHaveLength(2);
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['contract.created', 'contract.proposed', 'contract.in_force']),
    );

    // The PDF: identity without NIR, the plan, the weekly hours, the signatures and the hash.
    const pdf = await referent.bytes(`/api/contracts/${draft.id}/versions/1/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const { text } = await pdfText(pdf.body);
    expect(text).toContain('Contrat d’engagement');
    expect(text).toContain('Lina CYCLE');
    expect(text).toContain('Formation aux métiers de la logistique');
    expect(text).toContain('12 h');
    expect(text).toContain('18 h');
    expect(text).toContain('Sophie Contrat');
    expect(text).toContain(byPerson.body.versions[0]!.contentHash!);
    const pdfTrace = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'person_id'])
      .where('action', '=', 'contract.pdf')
      .where('target_id', '=', draft.id)
      .execute();
    expect(pdfTrace).toEqual([{ action: 'contract.pdf', person_id: personId }]);
  });

  it('signs an amendment again: the old version superseded, never two in force; an outdated hash refused', async () => {
    const personId = await newPerson('AVENANT');
    const v1 = await signedContract(personId, content());
    const amended = await referent.call(api.contracts.amend, { params: { id: v1.id } });
    expect(amended.status, amended.text).toBe(201);
    expect(amended.body).toMatchObject({ status: 'in_force', currentVersionNo: 2, inForceVersionNo: 1 });
    const v2 = amended.body.versions[0]!;
    expect(v2).toMatchObject({ number: 2, status: 'draft' });
    expect(v2.plan.map((s) => s.label)).toEqual(v1.versions[0]!.plan.map((s) => s.label));

    const saved = await referent.call(api.contracts.updateDraft, {
      params: { id: v1.id },
      body: { content: content({}, [14, 6]), version: v2.version },
    });
    expect(saved.status, saved.text).toBe(200);
    const proposed = await move(saved.body, 'proposed');
    expect(proposed.status, proposed.text).toBe(200);
    expect(proposed.body.status).toBe('in_force');
    // Signing version 1's hash (what an old screen showed) is refused.
    const outdated = await referent.call(api.contracts.sign, {
      params: { id: v1.id },
      body: {
        party: 'agent',
        versionNumber: 1,
        contentHash: v1.versions[0]!.contentHash!,
        statementAccepted: false,
        version: proposed.body.version,
      },
    });
    expect(outdated.status).toBe(409);
    expect(outdated.error?.message).toMatch(/déjà signée|a changé/);
    const wrongHash = await referent.call(api.contracts.sign, {
      params: { id: v1.id },
      body: {
        party: 'agent',
        versionNumber: 2,
        contentHash: v1.versions[0]!.contentHash!,
        statementAccepted: false,
        version: proposed.body.version,
      },
    });
    expect(wrongHash.status).toBe(409);
    expect(wrongHash.error?.message).toContain('a changé');

    const a = await sign(proposed.body, 'agent');
    const b = await sign(a.body, 'person_on_screen');
    expect(b.status, b.text).toBe(200);
    expect(b.body).toMatchObject({
      status: 'in_force',
      inForceVersionNo: 2,
      weeklyHours: 20,
      signedOn: today,
    });
    expect(b.body.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'signed'],
      [1, 'superseded'],
    ]);
    const events = await app.ctx.db
      .selectFrom('outbox_event')
      .select(sql<number>`(payload->>'versionNumber')::int`.as('n'))
      .where('type', '=', 'accompaniment.contract_signed')
      .where(sql<boolean>`payload->>'contractId' = ${v1.id}`)
      .execute();
    expect(events.map((e) => Number(e.n)).sort()).toEqual([1, 2]);
  });

  it('renews a contract: the renewal may overlap it; in force at its start, the renewed one becomes renewed', async () => {
    const personId = await newPerson('RENOUVELLEMENT');
    const first = await signedContract(personId, content({ startDate: day(-60), endDate: day(10) }));
    expect(first.status).toBe('in_force');
    // Overlapping dates without renewing it: refused, under the start date, nothing created.
    const before = await countOf('engagement_contract', personId);
    const overlap = await create(personId, content({ startDate: day(5), endDate: day(200) }));
    expect(overlap.status, overlap.text).toBe(409);
    expect(overlap.error?.fields?.[0]?.path).toBe('content.startDate');
    expect(overlap.error?.message).toContain('chevauchent');
    expect(await countOf('engagement_contract', personId)).toBe(before);

    const renewal = await signedContract(
      personId,
      content({ startDate: day(5), endDate: day(200) }),
      first.id,
    );
    expect(renewal).toMatchObject({ status: 'signed', renewsContractId: first.id });
    // A second renewal of the same contract is refused.
    const twice = await create(personId, content({ startDate: day(201), endDate: day(300) }), first.id);
    expect(twice.status).toBe(409);

    const moves = await runContractDailyMoves(app.ctx, '13', day(5));
    expect(moves.inForce).toBeGreaterThanOrEqual(1);
    const after = await referent.call(api.contracts.listForPerson, { params: { id: personId } });
    const status = Object.fromEntries(after.body.items.map((c) => [c.id, c.status]));
    expect(status[first.id]).toBe('renewed');
    expect(status[renewal.id]).toBe('in_force');
    const system = await app.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'actor_account_id'])
      .where('target_id', '=', first.id)
      .where('action', '=', 'contract.renewed')
      .execute();
    expect(system).toEqual([{ action: 'contract.renewed', actor_account_id: null }]);

    // The daily job is scheduled at start, run as the system.
    const schedule = await app.ctx.db
      .selectFrom('schedule')
      .select(['queue', 'cron'])
      .where('name', '=', 'contracts.daily:13')
      .executeTakeFirstOrThrow();
    expect(schedule).toEqual({ queue: 'contracts.daily', cron: '5 0 * * *' });
    // After its end, the daily job ends it.
    await runContractDailyMoves(app.ctx, '13', day(201));
    const ended = await referent.call(api.contracts.get, { params: { id: renewal.id } });
    expect(ended.body.status).toBe('ended');
  });

  it('lets the person sign from their space with a one-time code, once; a wrong code signs nothing', async () => {
    const personId = await newPerson('ESPACE');
    const other = await newPerson('VOISINE');
    const accountId = (
      await app.ctx.db
        .insertInto('account')
        .values({
          department_code: '13',
          email: 'espace.contrat@parcours.test',
          display_name: 'Lina ESPACE',
          role: 'beneficiary',
          person_id: personId,
          password_hash: await hashPassword('Parcours-demo-2026'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const person = await loggedIn(app, 'espace.contrat@parcours.test');
    const created = await create(personId, content());
    const proposed = await move(created.body, 'proposed');
    const byAgent = await sign(proposed.body, 'agent');
    const v = byAgent.body.versions[0]!;
    const code = async (value: string) => {
      const id = randomUUID();
      await app.ctx.db
        .insertInto('beneficiary_login_token')
        .values({
          id,
          department_code: '13',
          kind: 'signature_code',
          hash: codeHash(id, value),
          account_id: accountId,
          channel: 'sms',
          expires_at: new Date(Date.now() + 600_000),
        })
        .execute();
      return id;
    };
    const signInSpace = (contractId: string, typed: string) =>
      person.call(api.contracts.signInSpace, {
        params: { id: contractId },
        body: { versionNumber: v.number, contentHash: v.contentHash!, code: typed, statementAccepted: true },
      });
    // Their own contract only: another person's is not even found.
    const othersContract = await create(other, content());
    expect((await signInSpace(othersContract.body.id, '123456')).status).toBe(404);
    // The person reads their own contract.
    expect((await person.call(api.contracts.get, { params: { id: created.body.id } })).status).toBe(200);

    const tokenId = await code('482913');
    const wrong = await signInSpace(created.body.id, '111111');
    expect(wrong.status).toBe(400);
    expect(wrong.error?.fields?.map((f) => f.path)).toEqual(['code']);
    const attempts = await app.ctx.db
      .selectFrom('beneficiary_login_token')
      .select(['attempts', 'used_at'])
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(attempts).toMatchObject({ attempts: 1, used_at: null });
    const unsigned = await referent.call(api.contracts.get, { params: { id: created.body.id } });
    expect(unsigned.body.versions[0]!.personSignedAt).toBeNull();

    const signed = await signInSpace(created.body.id, '482913');
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body).toMatchObject({ status: 'in_force', signedOn: today });
    expect(signed.body.versions[0]).toMatchObject({
      status: 'signed',
      personSignatureMethod: 'beneficiary_space',
    });
    const statement = await app.ctx.db
      .selectFrom('engagement_contract_version')
      .select('person_statement')
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(statement.person_statement).toContain('je m’engage');
    expect((await signInSpace(created.body.id, '482913')).status).toBe(400);
  });

  it('refuses an end before the start and a plan under 15 h without a regime, nothing changed', async () => {
    const personId = await newPerson('REFUS');
    const backwards = await create(personId, content({ startDate: day(10), endDate: day(9) }));
    expect(backwards.status).toBe(400);
    expect(backwards.error?.fields?.map((f) => f.path)).toContain('content.endDate');
    expect(await countOf('engagement_contract', personId)).toBe(0);

    const created = await create(personId, content({}, [10]));
    expect(created.status).toBe(201);
    const under = await move(created.body, 'proposed');
    expect(under.status).toBe(400);
    expect(under.error?.fields).toEqual([
      expect.objectContaining({ path: 'content.hoursRegime', message: expect.stringContaining('10 h') }),
    ]);
    const still = await referent.call(api.contracts.get, { params: { id: created.body.id } });
    expect(still.body).toMatchObject({ status: 'draft', version: created.body.version });
    expect(still.body.versions[0]).toMatchObject({ status: 'draft', contentHash: null });

    // Reduced: the reason is required; with it, it may be proposed.
    const reduced = await referent.call(api.contracts.updateDraft, {
      params: { id: created.body.id },
      body: { content: content({ hoursRegime: 'reduced' }, [10]), version: still.body.versions[0]!.version },
    });
    expect(reduced.status).toBe(200);
    const noReason = await move(reduced.body, 'proposed');
    expect(noReason.error?.fields?.map((f) => f.path)).toEqual(['content.reducedReason']);
    const withReason = await referent.call(api.contracts.updateDraft, {
      params: { id: created.body.id },
      body: {
        content: content(
          { hoursRegime: 'reduced', reducedReason: 'Soins deux demi-journées par semaine' },
          [10],
        ),
        version: reduced.body.versions[0]!.version,
      },
    });
    expect((await move(withReason.body, 'proposed')).status).toBe(200);
  });

  it('proposes the child-care exemption from the household, else only on the person’s statement', async () => {
    const withChild = await newPerson('PARENT');
    const household = await app.ctx.db
      .selectFrom('person')
      .select('household_id')
      .where('id', '=', withChild)
      .executeTakeFirstOrThrow();
    const child = await app.ctx.db
      .insertInto('person')
      .values({
        department_code: '13',
        birth_name: 'PARENT',
        first_name: 'Noé',
        birth_date: day(-365 * 5),
        sex: 'M',
        household_id: household.household_id,
        household_role: 'ENF',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto('household_member')
      .values([
        {
          department_code: '13',
          household_id: household.household_id!,
          person_id: withChild,
          role: 'DEM',
          from_date: '2020-01-01',
        },
        {
          department_code: '13',
          household_id: household.household_id!,
          person_id: child.id,
          role: 'ENF',
          from_date: '2020-01-01',
        },
      ])
      .execute();
    const list = await referent.call(api.contracts.listForPerson, { params: { id: withChild } });
    expect(list.body.household).toEqual({
      childrenUnder12: 1,
      isolatedParent: true,
      proposedExemption: 'isolated_parent_child_under_12',
    });
    const exempt = { hoursRegime: 'exempt', exemptionGround: 'isolated_parent_child_under_12' } as const;
    const ok = await create(withChild, content(exempt, [4]));
    expect((await move(ok.body, 'proposed')).status).toBe(200);

    const noChild = await newPerson('SANSENFANT');
    const none = await referent.call(api.contracts.listForPerson, { params: { id: noChild } });
    expect(none.body.household.proposedExemption).toBeNull();
    const draft = await create(noChild, content(exempt, [4]));
    const refused = await move(draft.body, 'proposed');
    expect(refused.status).toBe(400);
    expect(refused.error?.fields?.map((f) => f.path)).toEqual(['content.childUnder12Statement']);
    const stated = await referent.call(api.contracts.updateDraft, {
      params: { id: draft.body.id },
      body: {
        content: content({ ...exempt, childUnder12Statement: true }, [4]),
        version: draft.body.versions[0]!.version,
      },
    });
    expect((await move(stated.body, 'proposed')).status).toBe(200);
  });

  it('gives the second of two agents saving the same draft a conflict; the first save is kept', async () => {
    const personId = await newPerson('CONCURRENT');
    const created = await create(personId, content());
    const rowVersion = created.body.versions[0]!.version;
    const first = await referent.call(api.contracts.updateDraft, {
      params: { id: created.body.id },
      body: { content: content({ personCommitments: 'Version de Sophie.' }), version: rowVersion },
    });
    expect(first.status).toBe(200);
    const second = await manager.call(api.contracts.updateDraft, {
      params: { id: created.body.id },
      body: { content: content({ personCommitments: 'Version de Martine.' }), version: rowVersion },
    });
    expect(second.status).toBe(409);
    expect(second.error?.fields).toBeUndefined();
    const kept = await referent.call(api.contracts.get, { params: { id: created.body.id } });
    expect(kept.body.versions[0]!.content.personCommitments).toBe('Version de Sophie.');

    // Back to draft after a proposal: an old hash no longer signs.
    const proposed = await move(kept.body, 'proposed');
    const oldHash = proposed.body.versions[0]!;
    const back = await move(proposed.body, 'draft');
    expect(back.body.status).toBe('draft');
    const edited = await referent.call(api.contracts.updateDraft, {
      params: { id: created.body.id },
      body: {
        content: content({ personCommitments: 'Nouvelle version.' }),
        version: back.body.versions[0]!.version,
      },
    });
    const again = await move(edited.body, 'proposed');
    const stale = await sign(again.body, 'agent', oldHash);
    expect(stale.status).toBe(409);
    const unchanged = await referent.call(api.contracts.get, { params: { id: created.body.id } });
    expect(unchanged.body.versions[0]!.agentSignedAt).toBeNull();
  });

  it('keeps a structure’s contracts from agents of another structure, refusals traced', async () => {
    const personId = await newPerson('PERIMETRE');
    const created = await create(personId, content());
    const id = created.body.id;
    for (const other of [otherReferent, otherManager]) {
      expect((await other.call(api.contracts.listForPerson, { params: { id: personId } })).status).toBe(403);
      expect((await other.call(api.contracts.get, { params: { id } })).status).toBe(403);
      expect((await other.bytes(`/api/contracts/${id}/versions/1/pdf`)).status).toBe(403);
      const write = await other.call(api.contracts.updateDraft, {
        params: { id },
        body: {
          content: content({ personCommitments: 'Intrus' }),
          version: created.body.versions[0]!.version,
        },
      });
      expect(write.status).toBe(403);
      expect(
        (
          await other.call(api.contracts.create, {
            params: { id: personId },
            body: { content: content(), renewsContractId: null },
          })
        ).status,
      ).toBe(403);
    }
    const otherReferentCreate = await otherReferent.call(api.contracts.transition, {
      params: { id },
      body: { to: 'cancelled', version: created.body.version },
    });
    expect(otherReferentCreate.status).toBe(403);
    const denied = await app.ctx.db
      .selectFrom('audit_event')
      .select('action')
      .where('person_id', '=', personId)
      .where('action', 'in', ['person.read_denied', 'person.act_denied'])
      .execute();
    expect(denied.filter((d) => d.action === 'person.read_denied').length).toBeGreaterThanOrEqual(6);
    expect(denied.filter((d) => d.action === 'person.act_denied').length).toBeGreaterThanOrEqual(5);
    const kept = await referent.call(api.contracts.get, { params: { id } });
    expect(kept.body).toMatchObject({ status: 'draft', version: created.body.version });
    expect(await countOf('engagement_contract', personId)).toBe(1);
  });
});
